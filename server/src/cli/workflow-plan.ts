// `plue workflow plan [--json] [--event FILE] [--prompts DIR] [PATH ...]`:
// the envelope as JSON, or a readable summary of each file's plans.

import { formatEnvelope } from '../engine';
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

export async function workflowPlan(argv: readonly string[], out: CliOutput): Promise<number> {
  const { analysis, args } = await runWorkflows(argv, { ...RUN_FLAGS, switches: ['--json'] }, 'workflow plan');
  const { envelope } = analysis;
  if (args.switches.has('--json')) {
    out.stdout(formatEnvelope(envelope));
    return envelope.diagnostics.length > 0 ? 1 : 0;
  }
  const byPath = new Map(analysis.files.map((f) => [f.path, f]));
  const lines: string[] = [];
  for (const file of envelope.files) {
    const workflows = file.workflows.length;
    const problems = envelope.diagnostics.filter((d) => d.file === file.path);
    const status = problems.length > 0 ? `${problems.length} error${problems.length === 1 ? '' : 's'}` : `${workflows} workflow${workflows === 1 ? '' : 's'}`;
    lines.push(`${file.path}: ${status}`);
  }
  for (const diagnostic of envelope.diagnostics) lines.push(renderDiagnosticText(diagnostic, byPath.get(diagnostic.file)));
  const errors = envelope.diagnostics.length;
  lines.push(`${envelope.files.length} file${envelope.files.length === 1 ? '' : 's'} checked, ${errors} error${errors === 1 ? '' : 's'}`);
  out.stdout(`${lines.join('\n')}\n`);
  return errors > 0 ? 1 : 0;
}
