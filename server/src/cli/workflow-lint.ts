// `plue workflow lint [--format text|json|github|sarif] [PATH ...]`:
// diagnostics only, for CI. text: `file:line:col: Kind: message` with the
// source line and a caret; json: one JSON object per line; github:
// workflow-command annotations; sarif: one SARIF 2.1.0 log. Every format but
// text carries each diagnostic's stable code (docs/diagnostic-codes.md).

import { plueVersion } from '../package-version';
import { renderDiagnosticText } from '../diag/render-text';
import { UsageError } from './arguments';
import { githubAnnotation } from './lint-github';
import { formatSarif, sarifLog } from './lint-sarif';
import { lintedDiagnostics, type LintedDiagnostic } from './linted-diagnostic';
import type { CliOutput } from './main';
import { RUN_FLAGS, runWorkflows } from './workflow-run';

export const LINT_HELP = `Usage: plue workflow lint [--format text|json|github|sarif] [--event FILE] [--prompts DIR] [PATH ...]

Checks workflow files and prints their diagnostics (nothing when all is well).
PATHs as for 'plue workflow plan' (default .plue/workflows).

Options:
  --format FORMAT   text (default): file:line:col: Kind: message, source line, caret
                    json: one JSON object per diagnostic per line
                          ({"kind","message","file","line","column","code"})
                    github: GitHub Actions annotations (::error file=...,line=...::)
                    sarif: one SARIF 2.1.0 log for code scanning (always printed,
                          with no results when all is well); file URIs relative
                          to the current directory
  --event FILE      the event payload (JSON)
  --prompts DIR     where .prompt.md files are
  -h, --help        show this help

Codes such as PLUE-SYNTAX name each class of diagnostic: see docs/diagnostic-codes.md.
Exit status: 0 without errors, 1 with any error diagnostic, 2 on usage errors.
`;

const FORMATS = ['text', 'json', 'github', 'sarif'];

/** A json-format line: the envelope diagnostic's fields in envelope order, then its code. */
function jsonLine({ diagnostic, code }: LintedDiagnostic): string {
  return JSON.stringify({ ...diagnostic, code });
}

export async function workflowLint(argv: readonly string[], out: CliOutput): Promise<number> {
  const { analysis, args } = await runWorkflows(argv, { ...RUN_FLAGS, valued: [...RUN_FLAGS.valued, '--format'] }, 'workflow lint');
  const format = args.values.get('--format') ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`workflow lint: unknown --format '${format}' (one of ${FORMATS.join(', ')})`);
  const diagnostics = lintedDiagnostics(analysis);
  const status = diagnostics.length > 0 ? 1 : 0;
  if (format === 'sarif') {
    out.stdout(formatSarif(sarifLog(diagnostics, { version: plueVersion(), cwd: process.cwd() })));
    return status;
  }
  const rendered = diagnostics.map((d) =>
    format === 'json' ? jsonLine(d) : format === 'github' ? githubAnnotation(d) : renderDiagnosticText(d.diagnostic, d.file),
  );
  if (rendered.length > 0) out.stdout(`${rendered.join('\n')}\n`);
  return status;
}
