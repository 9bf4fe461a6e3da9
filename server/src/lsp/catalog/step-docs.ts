// Catalog entries for the attributes of a step handle, what ctx.run, the
// action methods, ctx.parallel and prompt calls return (StepHandle in
// plue/context.ts; spec §5): its identity (id, name, config, depends_on,
// step_type, output_fields) and its results, run-time values that exist per
// step type. A prompt's output fields get a generic entry (promptOutputDoc).

import { value, type ValueSpec } from './doc-builders';
import type { SymbolDoc } from './symbol-docs';

const ALL_TYPES = ['shell', 'parallel', 'action', 'llm', 'agent'];
const PROMPT_TYPES = ['llm', 'agent'];

function attribute(spec: Omit<ValueSpec, 'owner' | 'qualified'>): SymbolDoc {
  return value({ ...spec, owner: 'step', qualified: `step.${spec.name}` });
}

function shellResult(name: string, returns: string, what: string, example: string): SymbolDoc {
  return attribute({
    name,
    returns,
    stepTypes: ['shell'],
    doc: `${what} of a shell step, a run-time value rendering as \`{{ steps.step_N.${name} }}\`. A step whose config mentions it depends on this step automatically; it cannot decide an \`if\` at plan time (PlanError), but comparisons build run-time expressions.`,
    example,
  });
}

export const STEP_DOCS: readonly SymbolDoc[] = [
  attribute({
    name: 'id',
    returns: 'str',
    stepTypes: ALL_TYPES,
    doc: 'The step id, `step_1`, `step_2` ... in registration order within the workflow; a real value at plan time.',
    example: 'build = ctx.run("build", "make")\nprint(build.id)  # -> step_1',
  }),
  attribute({
    name: 'name',
    returns: 'str',
    stepTypes: ALL_TYPES,
    doc: 'The step name as registered: the name given to ctx.run (or the first line of its cmd), the action name, `parallel`, or the prompt name.',
    example: 'print(ctx.run(cmd="make lint").name)  # -> make lint',
  }),
  attribute({
    name: 'config',
    returns: 'dict',
    stepTypes: ALL_TYPES,
    doc: 'The step config as it will be written in the plan (`{"cmd", "env", "cache"}` for a shell step, `{"action", ...}` for an action, `{"step_ids"}` for a group, `{"prompt_path", "inputs", "client", "tools", "max_turns"}` for a prompt).',
    example: 'print(ctx.run("lint", "make lint").config)  # -> {\'cmd\': \'make lint\', \'env\': {}, \'cache\': None}',
  }),
  attribute({
    name: 'depends_on',
    returns: 'list[str]',
    stepTypes: ALL_TYPES,
    doc: 'The ids given with `depends_on=`; dependencies on steps whose results the config mentions are added in the plan only.',
    example: 'a = ctx.run("a", "make a")\nb = ctx.run("b", "make b", depends_on=[a])\nprint(b.depends_on)  # -> [\'step_1\']',
  }),
  attribute({
    name: 'step_type',
    returns: 'str',
    stepTypes: ALL_TYPES,
    doc: 'The step type: "shell", "parallel", "action", "llm" or "agent".',
    example: 'print(ctx.approve().step_type)  # -> action',
  }),
  attribute({
    name: 'output_fields',
    returns: 'list[str] | None',
    stepTypes: ALL_TYPES,
    doc: 'The output field names a prompt step declares in its frontmatter `output`, else None.',
    example: 'print(ctx.run("lint", "make lint").output_fields)  # -> None',
  }),
  shellResult('stdout', 'Expr', 'The standard output', 'test = ctx.run("test", "make test")\nprint(test.stdout)  # -> {{ steps.step_1.stdout }}'),
  shellResult('stderr', 'Expr', 'The standard error', 'test = ctx.run("test", "make test")\nctx.comment(f"Errors:\\n{test.stderr}")'),
  shellResult('exit_code', 'Expr', 'The exit status', 'test = ctx.run("test", "make test")\nprint(test.exit_code == 0)  # -> {{ steps.step_1.exit_code == 0 }}'),
  shellResult('outputs', 'Expr', 'The named outputs', 'ver = ctx.run("version", "./version.sh")\nctx.run("tag", f"git tag {ver.outputs.version}")'),
  attribute({
    name: 'output',
    returns: 'Expr',
    stepTypes: PROMPT_TYPES,
    doc: 'The structured result of a prompt step, the run-time value `{{ steps.step_N.output }}`; its attributes are the fields of the frontmatter `output` (any other name is an AttributeError), also reachable directly on the step (`review.approved`).',
    example: 'from plue.prompts import CodeReview\n\n@workflow(triggers=[pull_request()])\ndef review(ctx):\n    result = CodeReview(diff=ctx.git.diff(base="main"))\n    print(result.output.summary)  # -> {{ steps.step_1.output.summary }}',
    exampleScope: 'file',
  }),
];

/** A prompt step's output field (`review.approved`), as declared in the prompt's frontmatter `output`. */
export function promptOutputDoc(field: string): SymbolDoc {
  return attribute({
    name: field,
    returns: 'Expr',
    stepTypes: PROMPT_TYPES,
    doc: `The \`${field}\` field of the prompt's output, the run-time value \`{{ steps.step_N.output.${field} }}\`; the same as \`step.output.${field}\`. It cannot decide an \`if\` at plan time, but comparisons build run-time expressions.`,
    example: `from plue.prompts import CodeReview\n\n@workflow(triggers=[pull_request()])\ndef review(ctx):\n    result = CodeReview(diff=ctx.git.diff(base="main"))\n    print(result.${field})  # -> {{ steps.step_1.output.${field} }}`,
    exampleScope: 'file',
  });
}
