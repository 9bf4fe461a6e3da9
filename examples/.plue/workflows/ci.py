# CI for a Python package (uv): install once, run lint, type checks and the
# test matrix side by side in ctx.parallel, then build and check the wheel.
# Shows push + pull_request triggers, helper functions, comprehensions,
# cache_key/hash_files, explicit depends_on, and a branch on ctx.event that
# is decided at plan time (docs are only published from main).
from plue import workflow, push, pull_request, cache_key, hash_files

IMAGE = "ghcr.io/astral-sh/uv:python3.12-bookworm"
PYTHON_VERSIONS = ["3.10", "3.11", "3.12", "3.13"]
LOCK = hash_files("uv.lock")


def uv_run(*args):
    """A command run inside the locked project environment."""
    return " ".join(["uv", "run", "--frozen"] + list(args))


@workflow(triggers=[push(branches=["main", "release/*"]), pull_request()], image=IMAGE)
def ci(ctx):
    install = ctx.run(
        "install",
        "uv sync --frozen --all-extras",
        cache=cache_key("uv", LOCK),
    )

    lint = ctx.run(
        "lint",
        uv_run("ruff", "check", "--output-format=github", ".") + " && " + uv_run("ruff", "format", "--check", "."),
        depends_on=install,
    )
    typecheck = ctx.run("typecheck", uv_run("mypy", "src", "tests"), depends_on=install)
    tests = [
        ctx.run(
            f"test py{version}",
            uv_run("--python", version, "pytest", "-q", "-n", "auto", f"--junitxml=reports/junit-py{version}.xml"),
            env={"COVERAGE_FILE": f".coverage.py{version}", "PYTHONHASHSEED": "0"},
            cache=cache_key("uv", version, LOCK),
            depends_on=install,
        )
        for version in PYTHON_VERSIONS
    ]
    checks = ctx.parallel([lint, typecheck, *tests])

    ctx.run(
        "coverage report",
        "\n".join([
            uv_run("coverage", "combine"),
            uv_run("coverage", "report", "--fail-under=90"),
        ]),
        depends_on=[checks],
    )

    build = ctx.run(
        "build",
        "uv build --out-dir dist",
        cache=cache_key("dist", hash_files("pyproject.toml"), hash_files("src/**/*.py")),
        depends_on=checks,
    )
    ctx.run("check dist", "uvx twine check --strict dist/*", depends_on=build)

    if ctx.event.type == "push" and ctx.event.ref == "refs/heads/main":
        ctx.run(
            "publish docs",
            uv_run("mkdocs", "gh-deploy", "--force", "--message", f"'docs for {ctx.event.sha}'"),
            env={"GH_TOKEN": ctx.secrets.DOCS_DEPLOY_TOKEN},
            depends_on=build,
        )
