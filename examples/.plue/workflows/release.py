# Releases of the package: a manual dispatch with typed inputs, a nightly
# pre-release on a schedule, and a @tool agents can call to draft notes.
# Shows manual(inputs=...), schedule, ctx.inputs, ctx.secret / ctx.secrets,
# a shared helper that registers steps, and step outputs used as values.
from plue import workflow, tool, manual, schedule, schema, enum, optional, cache_key, hash_files

IMAGE = "ghcr.io/astral-sh/uv:python3.12-bookworm"
PYPI = "https://upload.pypi.org/legacy/"
TEST_PYPI = "https://test.pypi.org/legacy/"

RELEASE_INPUTS = {
    "version": str,
    "channel": enum("stable", "rc"),
    "dry_run": bool,
    "notes": optional(str),
}


def build_and_publish(ctx, version, index_url, token, dry_run, after):
    """Build, check and upload the distribution; returns the upload step."""
    build = ctx.run(
        "build",
        f"uv version {version} && uv build --out-dir dist",
        cache=cache_key("dist", version, hash_files("uv.lock")),
        depends_on=after,
    )
    check = ctx.run("twine check", "uvx twine check --strict dist/*", depends_on=build)
    return ctx.run(
        "publish",
        f'if [ "{dry_run}" = "true" ]; then ls -l dist; else uv publish --publish-url {index_url} dist/*; fi',
        env={"UV_PUBLISH_TOKEN": token},
        depends_on=check,
    )


@workflow(triggers=[manual(inputs=RELEASE_INPUTS)], image=IMAGE)
def release(ctx):
    version = ctx.inputs.version
    dry_run = ctx.inputs.get("dry_run", False)

    checkout = ctx.git.checkout("main")
    validate = ctx.run(
        "validate version",
        "\n".join([
            f"python scripts/check_version.py --version {version} --channel {ctx.inputs.channel}",
            f"grep -q '^## {version}' CHANGELOG.md",
        ]),
        depends_on=checkout,
    )
    published = build_and_publish(ctx, version, PYPI, ctx.secret("PYPI_TOKEN"), dry_run, validate)
    ctx.run(
        "tag and release",
        "\n".join([
            f'if [ "{dry_run}" = "true" ]; then echo "dry run: not tagging v{version}"; exit 0; fi',
            f"git tag -a v{version} -m 'Release {version}' && git push origin v{version}",
            f"gh release create v{version} --generate-notes --notes \"{ctx.inputs.get('notes', '')}\" dist/*",
        ]),
        env={"GH_TOKEN": ctx.secrets.RELEASE_BOT_TOKEN},
        depends_on=published,
    )


@workflow(triggers=[schedule("0 3 * * 1-5")], image=IMAGE)
def nightly(ctx):
    stamp = ctx.run(
        "nightly version",
        'echo "version=$(uv version --short).dev$(date -u +%Y%m%d)" >> "$PLUE_OUTPUT"',
    )
    build_and_publish(ctx, stamp.outputs.version, TEST_PYPI, ctx.secret("TEST_PYPI_TOKEN"), "false", stamp)


@tool(
    inputs={"since": str, "limit": optional(int)},
    output=schema(markdown=str, commits=int),
    image=IMAGE,
)
def release_notes(ctx):
    """Draft release notes from the commits since a tag (//tools:release_notes)."""
    commits = ctx.run(
        "collect commits",
        f"git log --no-merges --format='%s (%h)' {ctx.inputs.since}..HEAD | head -n {ctx.inputs.get('limit', 200)} > commits.txt\n"
        "echo \"count=$(wc -l < commits.txt)\" >> \"$PLUE_OUTPUT\"",
    )
    render = ctx.run(
        "render notes",
        "python scripts/render_notes.py commits.txt > notes.md && cat notes.md",
        depends_on=commits,
    )
    return ctx.success(markdown=render.stdout, commits=commits.outputs.count)
