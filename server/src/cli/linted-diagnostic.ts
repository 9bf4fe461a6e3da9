// What `plue workflow lint` reports for each envelope diagnostic: the
// diagnostic, its stable code (docs/diagnostic-codes.md), where its range
// ends when the file's text is known, and the file's analysis (for the text
// format's source line and traceback).

import { diagnosticCode, type DiagnosticCode } from '../diag/diagnostic-codes';
import type { Analysis, EnvelopeDiagnostic, FileAnalysis } from '../engine';

/** A position as the envelope counts it: 1-based line, 1-based column in code points. */
export interface EnvelopePosition {
  readonly line: number;
  readonly column: number;
}

export interface LintedDiagnostic {
  readonly diagnostic: EnvelopeDiagnostic;
  readonly code: DiagnosticCode;
  /** Just after the last character of the diagnostic's range (exclusive), when it is known and past the start. */
  readonly end: EnvelopePosition | null;
  /** The analysed workflow file it is about; undefined for a prompt file. */
  readonly file: FileAnalysis | undefined;
}

/** The run's diagnostics in envelope order, each with its code and end. */
export function lintedDiagnostics(analysis: Analysis): LintedDiagnostic[] {
  const byPath = new Map(analysis.files.map((f) => [f.path, f]));
  return analysis.envelope.diagnostics.map((diagnostic) => {
    const file = byPath.get(diagnostic.file);
    // Only workflow files are analysed; any other file with a diagnostic is a prompt file.
    const code = diagnosticCode(diagnostic.kind, file ? 'workflow' : 'prompt');
    return { diagnostic, code, end: file ? endOf(diagnostic, file) : null, file };
  });
}

/** Where the file's reported diagnostic (its first, the one the envelope shows) ends, in envelope units. */
function endOf(diagnostic: EnvelopeDiagnostic, file: FileAnalysis): EnvelopePosition | null {
  const range = file.diagnostics[0]?.range;
  const lines = file.lines;
  if (!range || !lines || range.end.row >= lines.lineCount) return null;
  const end = { line: range.end.row + 1, column: lines.codePointColumn(range.end) };
  const after = end.line > diagnostic.line || (end.line === diagnostic.line && end.column > diagnostic.column);
  return after ? end : null;
}
