from plue import workflow, push


@workflow(triggers=[push(branches=["main"])], image="node:20-bookworm")
def ci(ctx):
    build = ctx.run("build", "npm run build")
    if build.exit_code == 0:
        ctx.run("deploy", "npx wrangler pages deploy dist", depends_on=build)
