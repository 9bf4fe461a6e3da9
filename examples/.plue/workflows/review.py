# AI code review on pull requests: a small LLM summarises the change, an agent
# with read-only repository tools reviews the diff against our guidelines, and
# comment actions post the results once the review step has finished.
# Shows prompts from plue.prompts (typed outputs), plue.tools, ctx.git.diff
# and ctx.read as prompt inputs, and steps that depend on a review step.
from plue import workflow, pull_request
from plue.prompts import CodeReview, SummarizeDiff
from plue.tools import read_file, grep, glob

GUIDELINES = "docs/CONTRIBUTING.md"
SENSITIVE_PATHS = ["src/auth/", "src/billing/", "migrations/"]


def repo_tools(ctx, ref):
    """Read-only tools pinned to the head of the pull request."""
    return [make(repo=ctx.repo, ref=ref) for make in (read_file, grep, glob)]


@workflow(triggers=[pull_request(types=["opened", "synchronize", "reopened", "ready_for_review"])])
def code_review(ctx):
    pr = ctx.event.pull_request
    diff = ctx.git.diff(base=ctx.event.pull_request.base)

    summary = SummarizeDiff(diff=diff, title=pr.title)

    review = CodeReview(
        diff=diff,
        guidelines=ctx.read(GUIDELINES),
        sensitive_paths=SENSITIVE_PATHS,
        tools=repo_tools(ctx, pr.head.sha),
        max_turns=15,
    )

    ctx.comment(
        "\n".join([
            "### Automated review",
            "",
            f"{summary.summary}",
            "",
            f"**Risk:** {review.risk} | **Approved:** {review.approved}",
            "",
            f"{review.summary}",
        ]),
        depends_on=review,
    )
    ctx.review_comment(
        review.top_issue_path,
        review.top_issue_line,
        review.top_issue_body,
        depends_on=review,
    )
    ctx.run(
        "review gate",
        f'test "{review.approved}" = "true" || (echo "AI review requested changes (risk: {review.risk})" && exit 1)',
        depends_on=review,
    )
