// Catalog entries for `ctx`, the object a workflow or tool function
// receives (plue/context.ts, runtime-values.ts; spec §4–§6): every member of
// CTX_MEMBERS, and the nested members the runtime defines, named with a dot
// ('git.diff', 'issue.comment', 'secrets.get', 'event.get') plus the fields
// of the default event. Examples are workflow-function bodies (`ctx` in scope).

import { arg, callable, type CallableSpec, doubleStar, posOnly, value, type ValueSpec } from './doc-builders';
import type { ParamDoc, SymbolDoc } from './symbol-docs';

const DEPENDS_ON: ParamDoc = arg('depends_on', 'Step | list[Step] | None', 'A step or a list of steps that must finish first.', 'None');

const ACTION = 'an `action` step (nothing happens at plan time)';

function member(spec: Omit<CallableSpec, 'owner' | 'callee'>): SymbolDoc {
  return callable({ ...spec, owner: 'ctx', callee: `ctx.${spec.name}` });
}

function field(spec: Omit<ValueSpec, 'owner' | 'qualified'>): SymbolDoc {
  return value({ ...spec, owner: 'ctx', qualified: `ctx.${spec.name}` });
}

const EVENT: readonly SymbolDoc[] = [
  field({
    name: 'event',
    returns: 'Event',
    doc: 'The event that started the run. Fields present in the event the plan is built for are real values, so `if ctx.event.type == "pull_request":` is decided at plan time; by default that is the reference mock push `{"type": "push", "ref": "refs/heads/main", "sha": "abc123"}`, and the editor settings or `plue workflow plan --event FILE` can pass a real payload. Missing fields are run-time values rendering as `{{ event.X.Y }}`. Objects inside behave like read-only dicts with attribute access.',
    example: 'if ctx.event.type == "push":\n    ctx.run("deploy", f"./deploy.sh {ctx.event.sha}")',
  }),
  member({
    name: 'event.get',
    params: [posOnly('key', 'str', 'The field name.'), posOnly('default', 'Any', 'Returned when the event has no such field.', 'None')],
    returns: 'Any',
    doc: 'The field when the planned event has it, else `default`: unlike attribute access, a missing field gives the default, not a run-time value.',
    example: 'print(ctx.event.get("ref"), ctx.event.get("pull_request"))  # -> refs/heads/main None',
  }),
  field({
    name: 'event.type',
    returns: 'str',
    doc: 'The kind of event, such as "push" or "pull_request" ("push" in the default mock event); a real value when the planned event has it, so it can decide branches at plan time.',
    example: 'if ctx.event.type == "pull_request":\n    ctx.run("preview", "make preview")',
  }),
  field({
    name: 'event.ref',
    returns: 'str',
    doc: 'The git ref of a push ("refs/heads/main" in the default mock event); a run-time value when the planned event has no ref.',
    example: 'print(ctx.event.ref)  # -> refs/heads/main',
  }),
  field({
    name: 'event.sha',
    returns: 'str',
    doc: 'The commit of a push ("abc123" in the default mock event); a run-time value when the planned event has no sha.',
    example: 'ctx.run("tag", f"docker tag app:{ctx.event.sha} app:latest")',
  }),
  field({
    name: 'event.pull_request',
    returns: 'Event | Expr',
    doc: 'The pull request of a pull_request event (`base`, `head`, `number` ...); a run-time value (`{{ event.pull_request }}`) when the planned event has none, as with the default push. Passed to `ctx.git.diff(base=...)` it is written as its path.',
    example: 'print(ctx.git.diff(base=ctx.event.pull_request.base))  # -> {{ git.diff(base=event.pull_request.base) }}',
  }),
];

const NAMESPACES: readonly SymbolDoc[] = [
  field({
    name: 'repo',
    returns: 'Expr',
    doc: 'The repository the workflow runs for, a run-time value rendering as `{{ repo }}`; attributes extend it (`ctx.repo.name` is `{{ repo.name }}`). Tool specs take it: `read_file(repo=ctx.repo)`.',
    example: 'print(ctx.repo.name)  # -> {{ repo.name }}',
  }),
  field({
    name: 'git',
    returns: 'GitContext',
    doc: 'Git at run time: `diff(base=...)` and `log(n=...)` are run-time values, `checkout(ref)` registers an action step.',
    example: 'diff = ctx.git.diff(base="main")',
  }),
  member({
    name: 'git.diff',
    params: [arg('base', 'str | Event | Expr | None', 'What to diff against: a ref, or an event field such as ctx.event.pull_request.base.', 'None')],
    returns: 'Expr',
    doc: 'The git diff against `base`, known when the workflow runs: the run-time value `{{ git.diff(base=...) }}` (strings JSON-quoted, event fields as their path); pass it to a prompt or into a command.',
    example: 'print(ctx.git.diff(base="main"))  # -> {{ git.diff(base="main") }}',
  }),
  member({
    name: 'git.log',
    params: [arg('n', 'int | None', 'How many commits.', 'None')],
    returns: 'Expr',
    doc: 'The git log when the workflow runs, the run-time value `{{ git.log(n=...) }}`.',
    example: 'print(ctx.git.log(n=5))  # -> {{ git.log(n=5) }}',
  }),
  member({
    name: 'git.checkout',
    params: [arg('ref', 'str | Expr', 'The branch, tag or commit to check out.'), DEPENDS_ON],
    returns: 'Step',
    doc: `Registers ${ACTION} named \`git.checkout\` with config \`{"action": "git.checkout", "ref": ref}\`.`,
    example: 'co = ctx.git.checkout("release")\nprint(co.config)  # -> {\'action\': \'git.checkout\', \'ref\': \'release\'}',
  }),
  field({
    name: 'secrets',
    returns: 'Secrets',
    doc: 'Secrets by name: `ctx.secrets.NAME` or `ctx.secrets["NAME"]` is the placeholder `"{{ secret:NAME }}"`, filled in when the workflow runs; the value never appears in a plan.',
    example: 'ctx.run("publish", "npm publish", env={"NPM_TOKEN": ctx.secrets.NPM_TOKEN})',
  }),
  member({
    name: 'secrets.get',
    params: [posOnly('name', 'str', 'The secret name.'), posOnly('default', 'Any', 'Ignored: a secret is only known when the workflow runs.', 'None')],
    returns: 'str',
    doc: 'Same as `ctx.secrets[name]`: the placeholder `"{{ secret:NAME }}"`.',
    example: 'print(ctx.secrets.get("NPM_TOKEN"))  # -> {{ secret:NPM_TOKEN }}',
  }),
  field({
    name: 'env',
    returns: 'Env',
    doc: 'Environment variables of the runner: `ctx.env.NAME` or `ctx.env["NAME"]` is the placeholder `"{{ env:NAME }}"`; nothing is read at plan time.',
    example: 'print(ctx.env.HOME)  # -> {{ env:HOME }}',
  }),
  member({
    name: 'env.get',
    params: [posOnly('name', 'str', 'The variable name.'), posOnly('default', 'Any', 'Ignored: the variable is only known when the workflow runs.', 'None')],
    returns: 'str',
    doc: 'Same as `ctx.env[name]`: the placeholder `"{{ env:NAME }}"`.',
    example: 'print(ctx.env.get("CI"))  # -> {{ env:CI }}',
  }),
  field({
    name: 'inputs',
    returns: 'Inputs',
    doc: 'The inputs of a `manual(inputs=...)` run or of a `@tool`: `ctx.inputs.NAME` or `ctx.inputs["NAME"]` is the run-time value `{{ inputs.NAME }}`.',
    example: 'ctx.run("release", f"./release.sh {ctx.inputs.version}")',
  }),
  member({
    name: 'inputs.get',
    params: [posOnly('name', 'str', 'The input name.'), posOnly('default', 'Any', 'Ignored: inputs are only known when the workflow runs.', 'None')],
    returns: 'Expr',
    doc: 'Same as `ctx.inputs[name]`: the run-time value `{{ inputs.NAME }}`.',
    example: 'print(ctx.inputs.get("version", "latest"))  # -> {{ inputs.version }}',
  }),
  field({
    name: 'issue',
    returns: 'Issue',
    doc: 'The issue of the triggering event: any attribute is a run-time value (`ctx.issue.number` is `{{ issue.number }}`), and `comment(body)` registers an action step.',
    example: 'print(ctx.issue.title)  # -> {{ issue.title }}',
  }),
  member({
    name: 'issue.comment',
    params: [arg('body', 'str', 'The Markdown text of the comment.'), DEPENDS_ON],
    returns: 'Step',
    doc: `Registers ${ACTION} named \`issue.comment\` with config \`{"action": "issue.comment", "body": body}\`: a comment on the issue when the workflow runs.`,
    example: 'ctx.issue.comment(f"Thanks for reporting #{ctx.issue.number}!")',
  }),
  field({
    name: 'pr',
    returns: 'PullRequest',
    doc: 'The pull request of the triggering event: any attribute is a run-time value (`ctx.pr.number` is `{{ pr.number }}`), and `comment(body)` registers an action step.',
    example: 'print(ctx.pr.number)  # -> {{ pr.number }}',
  }),
  member({
    name: 'pr.comment',
    params: [arg('body', 'str', 'The Markdown text of the comment.'), DEPENDS_ON],
    returns: 'Step',
    doc: `Registers ${ACTION} named \`pr.comment\` with config \`{"action": "pr.comment", "body": body}\`: a comment on the pull request when the workflow runs.`,
    example: 'test = ctx.run("test", "make test")\nctx.pr.comment(f"Tests exited with {test.exit_code}")',
  }),
];

const STEPS: readonly SymbolDoc[] = [
  member({
    name: 'run',
    signature: 'ctx.run(name: str | None = None, cmd: str, env: dict[str, str] | None = None, cache: str | None = None, depends_on: Step | list[Step] | None = None) -> Step',
    params: [
      arg('name', 'str | None', 'The step name; None names it after the first line of cmd.', 'None'),
      arg('cmd', 'str', 'The shell command to run (required; pass it as cmd= when you leave out name).'),
      arg('env', 'dict[str, str] | None', 'Environment variables for the command; values may be placeholders such as ctx.secrets.TOKEN.', 'None'),
      arg('cache', 'str | None', 'A cache key, e.g. from cache_key() and hash_files().', 'None'),
      DEPENDS_ON,
    ],
    returns: 'Step',
    doc: 'Registers a shell step, type `shell` with config `{"cmd", "env" (default {}), "cache"}`, and returns its handle: `stdout`, `stderr`, `exit_code` and `outputs` are run-time values for later steps, and a step whose config mentions another step\'s result depends on it automatically. `name` may be left out (`ctx.run(cmd="make")`): the step is then named after the first line of `cmd`.',
    example: 'build = ctx.run("build", "make build", env={"CI": "1"})\ntest = ctx.run(cmd="make test", depends_on=build)\nprint(test.name, test.depends_on)  # -> make test [\'step_1\']',
  }),
  member({
    name: 'parallel',
    params: [arg('steps', 'list[Step]', 'The steps of the group, already registered.')],
    returns: 'Step',
    doc: 'Registers a parallel group named `parallel`, type `parallel`, config `{"step_ids": [...]}` and `depends_on` `[]`. Arguments are evaluated before the call, so steps created inside the list come first: `step_1`, `step_2`, then the group `step_3`.',
    example: 'checks = ctx.parallel([ctx.run("lint", "make lint"), ctx.run("test", "make test")])\nprint(checks.id, checks.config)  # -> step_3 {\'step_ids\': [\'step_1\', \'step_2\']}',
  }),
  member({
    name: 'read',
    params: [arg('path', 'str', 'A path in the repository.')],
    returns: 'str',
    doc: 'The placeholder `"{{ file:PATH }}"`: the file is read when the workflow runs, never at plan time.',
    example: 'print(ctx.read("VERSION"))  # -> {{ file:VERSION }}',
  }),
  member({
    name: 'exists',
    params: [arg('path', 'str', 'A path in the repository.')],
    returns: 'bool',
    doc: 'Always True at plan time (nothing looks at the disk), so steps guarded by it stay in the plan.',
    example: 'if ctx.exists("package.json"):\n    ctx.run("deps", "npm ci")',
  }),
  member({
    name: 'secret',
    params: [arg('name', 'str', 'The secret name.')],
    returns: 'str',
    doc: 'The placeholder `"{{ secret:NAME }}"`, filled in when the workflow runs; the same as `ctx.secrets.NAME`.',
    example: 'print(ctx.secret("DEPLOY_KEY"))  # -> {{ secret:DEPLOY_KEY }}',
  }),
  member({
    name: 'glob',
    params: [arg('pattern', 'str', 'A glob such as "src/**/*.py".')],
    returns: 'str',
    doc: 'The placeholder `"{{ glob:PATTERN }}"`, expanded when the workflow runs: at plan time it is that string, not a list of files.',
    example: 'print(ctx.glob("src/**/*.py"))  # -> {{ glob:src/**/*.py }}',
  }),
  member({
    name: 'write',
    params: [arg('path', 'str', 'The file to write, in the repository.'), arg('content', 'str', 'The text to write; placeholders are filled in at run time.'), DEPENDS_ON],
    returns: 'Step',
    doc: `Registers ${ACTION} named \`write\` with config \`{"action": "write", "path": path, "content": content}\`.`,
    example: 'notes = ctx.run("notes", "git log --oneline -20")\nctx.write("NOTES.md", f"{notes.stdout}")',
  }),
  member({
    name: 'comment',
    params: [arg('body', 'str', 'The Markdown text of the comment.'), DEPENDS_ON],
    returns: 'Step',
    doc: `Registers ${ACTION} named \`comment\` with config \`{"action": "comment", "body": body}\`: a comment on the triggering pull request or issue.`,
    example: 'test = ctx.run("test", "make test")\nctx.comment(f"Test output:\\n{test.stdout}")',
  }),
  member({
    name: 'review_comment',
    params: [arg('path', 'str', 'The file the comment is on.'), arg('line', 'int', 'The line of that file.'), arg('body', 'str', 'The Markdown text of the comment.'), DEPENDS_ON],
    returns: 'Step',
    doc: `Registers ${ACTION} named \`review_comment\` with config \`{"action": "review_comment", "path", "line", "body"}\`: an inline review comment on the pull request.`,
    example: 'ctx.review_comment("src/app.py", 42, "This can raise KeyError.")',
  }),
  member({
    name: 'approve',
    params: [DEPENDS_ON],
    returns: 'Step',
    doc: `Registers ${ACTION} named \`approve\` with config \`{"action": "approve"}\`: approves the pull request.`,
    example: 'test = ctx.run("test", "make test")\nctx.approve(depends_on=test)',
  }),
  member({
    name: 'request_changes',
    params: [arg('body', 'str', 'Why changes are needed.'), DEPENDS_ON],
    returns: 'Step',
    doc: `Registers ${ACTION} named \`request_changes\` with config \`{"action": "request_changes", "body": body}\`: a review requesting changes on the pull request.`,
    example: 'ctx.request_changes("Please add tests for the new endpoint.")',
  }),
  member({
    name: 'success',
    params: [doubleStar('outputs', 'Any', 'The results, by name.')],
    returns: 'dict',
    doc: 'The result dict `{"status": "success", "outputs": {...}}` for a workflow or tool function to return. Plans do not record return values.',
    example: 'print(ctx.success(url="https://example.com"))  # -> {\'status\': \'success\', \'outputs\': {\'url\': \'https://example.com\'}}',
  }),
  member({
    name: 'fail',
    params: [arg('reason', 'str', 'What went wrong.')],
    returns: 'dict',
    doc: 'The result dict `{"status": "fail", "reason": reason}` for a workflow or tool function to return. It does not stop plan evaluation (use `raise` for that), and plans do not record return values.',
    example: 'print(ctx.fail("no changes"))  # -> {\'status\': \'fail\', \'reason\': \'no changes\'}',
  }),
];

export const CTX_DOCS: readonly SymbolDoc[] = [...EVENT, ...NAMESPACES, ...STEPS];
