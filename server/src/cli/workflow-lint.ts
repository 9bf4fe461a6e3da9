// `plue workflow lint [--format text|json|github] [PATH ...]`: diagnostics
// only, for CI. text: `file:line:col: Kind: message` with the source line and
// a caret; json: one JSON object per line; github: workflow-command annotations.

import { renderDiagnosticText } from '../diag/render-text';
import type { EnvelopeDiagnostic } from '../engine';
import { UsageError } from './arguments';
import type { CliOutput } from './main';
import { RUN_FLAGS, runWorkflows } from './workflow-run';

export const LINT_HELP = `Usage: plue workflow lint [--format text|json|github] [--event FILE] [--prompts DIR] [PATH ...]

Checks workflow files and prints their diagnostics (nothing when all is well).
PATHs as for 'plue workflow plan' (default .plue/workflows).

Options:
  --format FORMAT   text (default): file:line:col: Kind: message, source line, caret
                    json: one JSON object per diagnostic per line
                    github: GitHub Actions annotations (::error file=...,line=...::)
  --event FILE      the event payload (JSON)
  --prompts DIR     where .prompt.md files are
  -h, --help        show this help

Exit status: 0 without errors, 1 with any error diagnostic, 2 on usage errors.
`;

const FORMATS = ['text', 'json', 'github'];

/** GitHub workflow-command escaping of a property value or message. */
function escapeGithub(text: string, property: boolean): string {
  let out = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

function githubAnnotation(d: EnvelopeDiagnostic): string {
  const props = `file=${escapeGithub(d.file, true)},line=${d.line},col=${d.column},title=${escapeGithub(d.kind, true)}`;
  return `::error ${props}::${escapeGithub(d.message, false)}`;
}

export async function workflowLint(argv: readonly string[], out: CliOutput): Promise<number> {
  const { analysis, args } = await runWorkflows(argv, { ...RUN_FLAGS, valued: [...RUN_FLAGS.valued, '--format'] }, 'workflow lint');
  const format = args.values.get('--format') ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`workflow lint: unknown --format '${format}' (one of ${FORMATS.join(', ')})`);
  const { diagnostics } = analysis.envelope;
  const byPath = new Map(analysis.files.map((f) => [f.path, f]));
  const rendered = diagnostics.map((d) =>
    format === 'json' ? JSON.stringify(d) : format === 'github' ? githubAnnotation(d) : renderDiagnosticText(d, byPath.get(d.file)),
  );
  if (rendered.length > 0) out.stdout(`${rendered.join('\n')}\n`);
  return diagnostics.length > 0 ? 1 : 0;
}
