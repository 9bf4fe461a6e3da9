// `plue workflow plan [--json] [--event FILE] [--prompts DIR] [PATH ...]`:
// the envelope as JSON, or a readable summary of each file's plans.

import { formatEnvelope, type Analysis } from '../engine';
import { fileSummary } from './plan-summary';
import { renderDiagnosticText } from '../diag/render-text';
import type { CliOutput } from './main';
import { RUN_FLAGS, runWorkflows } from './workflow-run';

export const PLAN_HELP = `Usage: plue workflow plan [--json] [--event FILE] [--prompts DIR] [PATH ...]

Evaluates workflow files into plans. PATHs are files or directories (default
.plue/workflows); a directory contributes every *.py below it, in byte order
of path.

Options:
  --json          print the JSON envelope (files, plans, diagnostics) on stdout
  --event FILE    the event payload (JSON) the plans are built for
                  (default: a push to refs/heads/main)
  --prompts DIR   where .prompt.md files are (default: .plue/prompts beside
                  the workflows)
  -h, --help      show this help

Exit status: 0 without errors, 1 with any error diagnostic, 2 on usage errors.
`;

/** print() output of the evaluated files, on stderr as `file:line: text`. */
export function writePrints(analysis: Analysis, out: CliOutput): void {
  const lines: string[] = [];
  for (const file of analysis.files) for (const p of file.prints) for (const line of p.text.split('\n')) lines.push(`${file.path}:${p.row + 1}: ${line}`);
  if (lines.length) out.stderr(`${lines.join('\n')}\n`);
}

/** The diagnostics in text form on stdout; returns the exit status. */
export function writeProblems(analysis: Analysis, out: CliOutput): number {
  const byPath = new Map(analysis.files.map((f) => [f.path, f]));
  const { diagnostics } = analysis.envelope;
  if (diagnostics.length) out.stdout(`${diagnostics.map((d) => renderDiagnosticText(d, byPath.get(d.file))).join('\n')}\n`);
  return diagnostics.length > 0 ? 1 : 0;
}

export async function workflowPlan(argv: readonly string[], out: CliOutput): Promise<number> {
  const { analysis, args } = await runWorkflows(argv, { ...RUN_FLAGS, switches: ['--json'] }, 'workflow plan');
  const { envelope } = analysis;
  writePrints(analysis, out);
  if (args.switches.has('--json')) {
    out.stdout(formatEnvelope(envelope));
    return envelope.diagnostics.length > 0 ? 1 : 0;
  }
  const lines: string[] = [];
  let workflows = 0;
  let tools = 0;
  for (const file of analysis.files) {
    const problems = envelope.diagnostics.filter((d) => d.file === file.path).length;
    workflows += file.workflows.length;
    tools += file.tools.length;
    const status = problems > 0 ? `${problems} error${problems === 1 ? '' : 's'}` : `${file.workflows.length} workflow${file.workflows.length === 1 ? '' : 's'}${file.tools.length ? `, ${file.tools.length} tool${file.tools.length === 1 ? '' : 's'}` : ''}`;
    lines.push(`${file.path}: ${status}`);
    lines.push(...fileSummary(file));
  }
  out.stdout(`${lines.join('\n')}\n`);
  const status = writeProblems(analysis, out);
  const errors = envelope.diagnostics.length;
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  out.stdout(`${count(envelope.files.length, 'file')} checked: ${count(workflows, 'workflow')}, ${count(tools, 'tool')}, ${count(errors, 'error')}\n`);
  return status;
}
