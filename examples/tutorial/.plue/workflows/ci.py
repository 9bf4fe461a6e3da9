# CI for a TypeScript web app, ported from .github/workflows/ci.yml
# (docs/workflows.md walks through the port step by step).
from plue import workflow, push, pull_request, cache_key, hash_files

SHARDS = 3
NPM_CACHE = cache_key("npm", hash_files("package-lock.json"))
VITE_CACHE = cache_key("vite", hash_files("package-lock.json"), hash_files("vite.config.ts"))


@workflow(triggers=[push(branches=["main"]), pull_request()], image="node:20-bookworm")
def ci(ctx):
    install = ctx.run("install", "npm ci", cache=NPM_CACHE)

    lint = ctx.run("lint", "npm run lint", depends_on=install)
    typecheck = ctx.run("typecheck", "npx tsc --noEmit", depends_on=install)
    tests = [
        ctx.run(
            f"test shard {shard}/{SHARDS}",
            f"npx vitest run --shard={shard}/{SHARDS}",
            env={"TZ": "UTC"},
            depends_on=install,
        )
        for shard in range(1, SHARDS + 1)
    ]
    checks = ctx.parallel([lint, typecheck, *tests])

    build = ctx.run("build", "npm run build", cache=VITE_CACHE, depends_on=checks)
    size = ctx.run("bundle size", "du -sk dist | cut -f1", depends_on=build)

    if ctx.event.type == "pull_request":
        ctx.pr.comment(f"Bundle size: {size.stdout} kB")

    if ctx.event.type == "push" and ctx.event.ref == "refs/heads/main":
        ctx.run(
            "deploy",
            "npx wrangler pages deploy dist --project-name=webapp --branch=main",
            env={"CLOUDFLARE_API_TOKEN": ctx.secrets.CLOUDFLARE_API_TOKEN},
            depends_on=build,
        )
