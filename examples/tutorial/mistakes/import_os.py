import os

from plue import workflow, push


@workflow(triggers=[push(branches=["main"])], image="node:20-bookworm")
def ci(ctx):
    ctx.run("install", "npm ci", env={"NPM_TOKEN": os.environ["NPM_TOKEN"]})
