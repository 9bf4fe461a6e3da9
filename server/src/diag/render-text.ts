// Human-readable diagnostics: `path:line:col: Kind: message`, then the source
// line and a caret under the column (tabs kept, so the caret lines up); for a
// run-time error raised inside user functions, a Python-style traceback first.

import type { EnvelopeDiagnostic, FileAnalysis } from '../engine';
import type { TraceEntry } from './diagnostic';

/** Renders one diagnostic of `file` with its source line and caret (and its traceback when it passed through functions). */
export function renderDiagnosticText(diagnostic: EnvelopeDiagnostic, file: FileAnalysis | undefined): string {
  const trace = file?.diagnostics[0]?.traceback;
  const prefix = trace && trace.length > 1 && file ? `${renderTraceback(trace, file)}\n` : '';
  return prefix + renderLocated(diagnostic, file);
}

function renderTraceback(trace: readonly TraceEntry[], file: FileAnalysis): string {
  const lines = ['Traceback (most recent call last):'];
  for (const frame of trace) {
    lines.push(`  File "${file.path}", line ${frame.range.start.row + 1}, in ${frame.name}`);
    const source = file.lines && frame.range.start.row < file.lines.lineCount ? file.lines.lineText(frame.range.start.row).trim() : '';
    if (source) lines.push(`    ${source}`);
  }
  return lines.join('\n');
}

function renderLocated(diagnostic: EnvelopeDiagnostic, file: FileAnalysis | undefined): string {
  const head = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.kind}: ${diagnostic.message}`;
  const lines = file?.lines;
  if (!lines || diagnostic.line > lines.lineCount) return head;
  const source = lines.lineText(diagnostic.line - 1);
  const shown = [...source];
  // Keep long lines readable: show a window of the line around the column.
  const window = 160;
  let from = 0;
  if (shown.length > window) from = Math.max(0, Math.min(diagnostic.column - 1 - window / 2, shown.length - window));
  const visible = shown.slice(from, from + window);
  const prefix = from > 0 ? '…' : '';
  const suffix = from + window < shown.length ? '…' : '';
  const caretColumn = Math.max(0, diagnostic.column - 1 - from);
  const pad = visible
    .slice(0, caretColumn)
    .map((c) => (c === '\t' ? '\t' : ' '))
    .join('');
  return `${head}\n    ${prefix}${visible.join('')}${suffix}\n    ${prefix ? ' ' : ''}${pad}^`;
}
