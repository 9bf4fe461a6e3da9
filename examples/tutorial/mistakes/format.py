from plue import workflow, push

SHARDS = 3


@workflow(triggers=[push(branches=["main"])], image="node:20-bookworm")
def ci(ctx):
    for shard in range(1, SHARDS + 1):
        ctx.run("test shard {}".format(shard), f"npx vitest run --shard={shard}/{SHARDS}")
