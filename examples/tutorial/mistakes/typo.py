from plue import workflow, push


@workflow(triggers=[push(branches=["main"])], image="node:20-bookworm")
def ci(ctx):
    install = ctx.runn("install", "npm ci")
    ctx.run("lint", "npm run lint", depends_on=install)
