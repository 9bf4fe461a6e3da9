// `plue workflow list [PATH ...]`: one line per workflow and tool, with
// where it is defined, its triggers and its step count.

import type { CliOutput } from './main';
import { triggerSummary } from './plan-summary';
import { writeProblems } from './workflow-plan';
import { RUN_FLAGS, runWorkflows } from './workflow-run';

export const LIST_HELP = `Usage: plue workflow list [--event FILE] [--prompts DIR] [PATH ...]

Lists the workflows and tools defined in the workflow files, one per line:
path:line, kind, name, triggers and number of steps. Files with errors are
reported after the list.

Exit status: 0 without errors, 1 with any error diagnostic, 2 on usage errors.
`;

function stepCount(plan: unknown): number {
  const steps = plan instanceof Map ? plan.get('steps') : undefined;
  return Array.isArray(steps) ? steps.length : 0;
}

export async function workflowList(argv: readonly string[], out: CliOutput): Promise<number> {
  const { analysis } = await runWorkflows(argv, RUN_FLAGS, 'workflow list');
  const lines: string[] = [];
  for (const file of analysis.files) {
    let w = 0;
    let t = 0;
    for (const d of file.defined) {
      const plan = d.kind === 'workflow' ? file.workflows[w++] : file.tools[t++];
      if (plan === undefined) continue;
      const steps = stepCount(plan);
      const on = d.kind === 'workflow' ? `  on ${triggerSummary(plan) || 'no trigger'}` : '';
      lines.push(`${file.path}:${d.row + 1}  ${d.kind}  ${d.name}${on}  (${steps} step${steps === 1 ? '' : 's'})`);
    }
  }
  if (lines.length) out.stdout(`${lines.join('\n')}\n`);
  return writeProblems(analysis, out);
}
