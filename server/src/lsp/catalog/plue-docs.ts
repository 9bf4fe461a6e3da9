// Catalog entries for the plue builtins module (spec §4, §6; plue-runtime.ts
// and module-exports.ts): the @workflow and @tool decorators, the triggers,
// the type constructors schema/enum/optional, cache_key and hash_files (all
// global without an import), the importable modules plue, plue.prompts and
// plue.tools, the tool-spec constructors of plue.tools, and the function a
// prompt import binds. str/int/float/bool/list are in builtin-docs.ts.

import { arg, callable, doubleStar, kwOnly, star, value } from './doc-builders';
import type { ParamDoc, SymbolDoc } from './symbol-docs';

const DEPENDS_ON_TYPE = 'Step | list[Step] | None';

const DECORATORS: readonly SymbolDoc[] = [
  callable({
    name: 'workflow',
    owner: 'plue',
    kind: 'decorator',
    callee: '@workflow',
    params: [
      arg('triggers', 'list[dict]', 'The events that start the workflow: a list of push(), pull_request(), issue_comment(), manual() and schedule() triggers.'),
      arg('image', 'str | None', 'The container image the steps run in; None gives "ubuntu:22.04".', 'None'),
      arg('dockerfile', 'str | None', 'A Dockerfile path recorded in the plan for the image.', 'None'),
    ],
    doc: 'Registers the decorated function as a workflow named after the function. The function runs once, at plan time, with a fresh `ctx`: each `ctx` call registers a step (ids `step_1`, `step_2` ... in call order) and nothing is executed. The plan is `{"name", "triggers", "image", "dockerfile", "steps"}`. Bare `@workflow` without arguments is a TypeError, and a second workflow with the same name anywhere in the run is a PlanError.',
    example: '@workflow(triggers=[push(branches=["main"]), pull_request()])\ndef ci(ctx):\n    ctx.run("test", "pytest -q")',
  }),
  callable({
    name: 'tool',
    owner: 'plue',
    kind: 'decorator',
    callee: '@tool',
    params: [
      arg('inputs', 'dict[str, Type] | None', 'The tool\'s inputs, name to type (str, int, float, bool, schema, enum, list(T), optional(T)); read them with ctx.inputs.NAME.', 'None'),
      arg('output', 'Type | None', 'The type of the tool\'s result, usually a schema(...).', 'None'),
      arg('image', 'str | None', 'The container image the steps run in; None gives "ubuntu:22.04".', 'None'),
      arg('dockerfile', 'str | None', 'A Dockerfile path recorded in the plan for the image.', 'None'),
    ],
    doc: 'Registers the decorated function as a tool workflow that agents can call. Like `@workflow`, the function runs once with a fresh `ctx` to collect its steps; the tool is reported beside the workflows as `{"name", "inputs", "output", "image", "dockerfile", "steps"}`, with each input type and the output written as JSON Schema (`output` null when not given; an input or output that is not a type is an error).',
    example: '@tool(inputs={"path": str}, output=schema(lines=int))\ndef count_lines(ctx):\n    ctx.run("count", f"wc -l {ctx.inputs.path}")',
  }),
];

const TRIGGERS: readonly SymbolDoc[] = [
  callable({
    name: 'push',
    owner: 'plue',
    params: [arg('branches', 'list[str] | None', 'The branches whose pushes start the workflow; None for every branch.', 'None')],
    returns: 'dict',
    doc: 'The push trigger, `{"type": "push", "branches": branches}`, for `@workflow(triggers=[...])`.',
    example: 'print(push(branches=["main"]))  # -> {\'type\': \'push\', \'branches\': [\'main\']}',
  }),
  callable({
    name: 'pull_request',
    owner: 'plue',
    params: [arg('types', 'list[str] | None', 'The pull request activities that start the workflow; None (or empty) gives ["opened", "synchronize"].', 'None')],
    returns: 'dict',
    doc: 'The pull request trigger, `{"type": "pull_request", "types": types}`, for `@workflow(triggers=[...])`. In the workflow, `ctx.event.pull_request` and `ctx.pr` describe the pull request.',
    example: 'print(pull_request()["types"])  # -> [\'opened\', \'synchronize\']',
  }),
  callable({
    name: 'issue_comment',
    owner: 'plue',
    params: [arg('contains', 'str | None', 'Only comments containing this text start the workflow; None for every comment.', 'None')],
    returns: 'dict',
    doc: 'The issue comment trigger, `{"type": "issue_comment", "contains": contains}`, for chat-ops commands such as `/deploy`.',
    example: 'print(issue_comment(contains="/deploy"))  # -> {\'type\': \'issue_comment\', \'contains\': \'/deploy\'}',
  }),
  callable({
    name: 'manual',
    owner: 'plue',
    params: [arg('inputs', 'dict[str, Type] | None', 'What the person starting the run fills in, name to type; None (or empty) gives {}.', 'None')],
    returns: 'dict',
    doc: 'The manual trigger, `{"type": "manual", "inputs": inputs}`: the workflow is started by hand. Types in `inputs` are written as JSON Schema in the plan; read the values with `ctx.inputs.NAME`.',
    example: '@workflow(triggers=[manual(inputs={"version": str, "env": enum("staging", "prod")})])\ndef release(ctx):\n    ctx.run("release", f"./release.sh {ctx.inputs.version} {ctx.inputs.env}")',
  }),
  callable({
    name: 'schedule',
    owner: 'plue',
    params: [arg('cron', 'str', 'A cron expression, such as "0 3 * * *" for 03:00 every day.')],
    returns: 'dict',
    doc: 'The schedule trigger, `{"type": "schedule", "cron": cron}`: the workflow runs on a timetable.',
    example: 'print(schedule("0 3 * * 1"))  # -> {\'type\': \'schedule\', \'cron\': \'0 3 * * 1\'}',
  }),
];

const TYPES: readonly SymbolDoc[] = [
  callable({
    name: 'schema',
    owner: 'plue',
    params: [doubleStar('fields', 'Type', 'Each field by name with its type: str, int, float, bool, schema(...), enum(...), list(T) or optional(T).')],
    returns: 'Schema',
    doc: 'An object type, written in plans as `{"type": "object", "properties": ..., "required": [...]}`; every field is required unless its type is `optional(T)`. Use it for `@tool(output=...)` and nested inputs.',
    example: 'Review = schema(approved=bool, summary=str, score=optional(int))',
  }),
  callable({
    name: 'enum',
    owner: 'plue',
    params: [star('values', 'str', 'The allowed strings; at least one.', true)],
    returns: 'EnumType',
    doc: 'A string type limited to the given values, written `{"type": "string", "enum": [...]}`; any non-string value is a TypeError.',
    example: 'Severity = enum("low", "medium", "high")',
  }),
  callable({
    name: 'optional',
    owner: 'plue',
    params: [arg('inner_type', 'Type', 'The type when a value is present.')],
    returns: 'OptionalType',
    doc: 'A type that also allows None, written `{"anyOf": [<inner>, {"type": "null"}]}`; a `schema` field of this type is not required.',
    example: 'Result = schema(url=optional(str))',
  }),
];

const HELPERS: readonly SymbolDoc[] = [
  callable({
    name: 'cache_key',
    owner: 'plue',
    params: [star('parts', 'object', 'The values the key is made of, each converted with str().')],
    returns: 'str',
    doc: 'Joins its parts with ":" into a cache key, for `ctx.run(..., cache=...)`; combine it with `hash_files()` so the cache follows the lock file.',
    example: 'print(cache_key("deps", "py3.12", hash_files("poetry.lock")))  # -> deps:py3.12:{{ hash_files:poetry.lock }}',
  }),
  callable({
    name: 'hash_files',
    owner: 'plue',
    params: [arg('pattern', 'str', 'A path or glob of the files to hash.')],
    returns: 'str',
    doc: 'The placeholder `"{{ hash_files:pattern }}"`, replaced when the workflow runs by a hash of the matching files; nothing is read at plan time.',
    example: 'print(hash_files("package-lock.json"))  # -> {{ hash_files:package-lock.json }}',
  }),
];

export const PLUE_DOCS: readonly SymbolDoc[] = [...DECORATORS, ...TRIGGERS, ...TYPES, ...HELPERS];

export const MODULE_DOCS: readonly SymbolDoc[] = [
  value({
    name: 'plue',
    owner: 'module',
    kind: 'module',
    returns: 'module',
    signature: 'import plue',
    doc: 'The plue builtins as a module: `workflow`, `tool`, the triggers, `schema`, `enum`, `optional`, `list`, `str`, `int`, `float`, `bool`, `cache_key`, `hash_files`, and the submodules `plue.prompts` and `plue.tools`. Every builtin is also global without an import; `from plue import X` must name one of them (ImportError otherwise).',
    example: 'import plue\n\n@plue.workflow(triggers=[plue.push()])\ndef ci(ctx):\n    ctx.run("test", "make test")',
  }),
  value({
    name: 'plue.prompts',
    owner: 'module',
    kind: 'module',
    returns: 'module',
    signature: 'from plue.prompts import NAME',
    doc: 'One function per prompt file `.plue/prompts/NAME.prompt.md` (named by its frontmatter `name`, else by its file name); importing a prompt that has no file is an ImportError. Calling the function registers an `llm` or `agent` step.',
    example: 'from plue.prompts import CodeReview\n\n@workflow(triggers=[pull_request()])\ndef review(ctx):\n    CodeReview(diff=ctx.git.diff(base=ctx.event.pull_request.base))',
  }),
  value({
    name: 'plue.tools',
    owner: 'module',
    kind: 'module',
    returns: 'module',
    signature: 'from plue.tools import read_file, write_file, shell, glob, grep, websearch',
    doc: 'The built-in tools an agent prompt can be given: each function returns a tool spec for the prompt call\'s `tools=` list (`readfile` and `writefile` are aliases).',
    example: 'from plue.tools import read_file, grep\n\nprint(grep(repo="acme/api"))  # -> {\'name\': \'grep\', \'repo\': \'acme/api\'}',
  }),
];

/** [name, spec name, what the agent can do with it]. */
const TOOLS: ReadonlyArray<readonly [string, string, string]> = [
  ['read_file', 'read_file', 'read the contents of a file'],
  ['write_file', 'write_file', 'write content to a file'],
  ['shell', 'shell', 'execute a shell command'],
  ['glob', 'glob', 'find files matching a pattern'],
  ['grep', 'grep', 'search for a pattern in files'],
  ['websearch', 'websearch', 'search the web for information'],
  ['readfile', 'read_file', 'read the contents of a file'],
  ['writefile', 'write_file', 'write content to a file'],
];

export const TOOL_DOCS: readonly SymbolDoc[] = TOOLS.map(([name, spec, what]) =>
  callable({
    name,
    owner: 'plue',
    module: 'plue.tools',
    params: [doubleStar('config', 'Any', 'Settings copied into the spec, such as repo=ctx.repo or ref=ctx.event.pull_request.head.')],
    returns: 'dict',
    doc: `${name === spec ? '' : `An alias of \`${spec}\`. `}The tool spec \`{"name": "${spec}", **config}\` that lets an agent prompt ${what} when the workflow runs; pass it in the prompt call's \`tools=\` list. Nothing runs at plan time, and positional arguments are a TypeError.`,
    example: `from plue.tools import ${name}\n\nprint(${name}(repo="acme/api"))  # -> {'name': '${spec}', 'repo': 'acme/api'}`,
  }),
);

const PROMPT_PARAMS: readonly ParamDoc[] = [
  kwOnly('tools', 'list[dict] | None', 'None', 'Tool specs from plue.tools for an agent prompt; None uses the frontmatter `tools`.'),
  kwOnly('max_turns', 'int | None', 'None', 'The most agent turns; None uses the frontmatter `max_turns`, else 10.'),
  kwOnly('depends_on', DEPENDS_ON_TYPE, 'None', 'Steps that must finish first.'),
  doubleStar('inputs', 'Any', 'The prompt\'s template inputs, by name; run-time values stay placeholders.'),
];

/** The function `from plue.prompts import NAME` binds. */
export function promptDoc(name: string): SymbolDoc {
  return callable({
    name,
    owner: 'plue',
    module: 'plue.prompts',
    params: PROMPT_PARAMS,
    returns: 'Step',
    doc: `Registers a step that runs the prompt \`${name}\` when the workflow runs: type \`agent\` when its frontmatter says \`type: agent\`, else \`llm\`, named \`${name}\`, with config \`{"prompt_path", "inputs", "client", "tools", "max_turns"}\` (client from the frontmatter, default "anthropic/claude-sonnet"). Inputs are passed by name; \`tools=\` and \`max_turns=\` override the frontmatter. The returned step has one attribute per frontmatter \`output\` field (\`review.approved\`), a run-time value. Only callable inside a workflow or tool function.`,
    example: `from plue.prompts import ${name}\n\n@workflow(triggers=[pull_request()])\ndef review(ctx):\n    result = ${name}(diff=ctx.git.diff(base=ctx.event.pull_request.base), max_turns=5)\n    print(result.id)  # -> step_1`,
  });
}
