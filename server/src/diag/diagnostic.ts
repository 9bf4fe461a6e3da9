// The diagnostic model shared by every stage and every door: a kind (the
// Python exception name the spec lists), a message, and an exact source range.
// Positions are 0-based rows and UTF-16 columns (tree-sitter's and LSP's unit);
// renderers convert to the envelope's 1-based code-point columns.

export type DiagnosticKind =
  | 'SyntaxError'
  | 'SecurityError'
  | 'ImportError'
  | 'NameError'
  | 'TypeError'
  | 'ValueError'
  | 'KeyError'
  | 'IndexError'
  | 'AttributeError'
  | 'ZeroDivisionError'
  | 'OverflowError'
  | 'AssertionError'
  | 'LimitError'
  | 'PlanError';

/** A position in a source text: 0-based row and UTF-16 code-unit column. */
export interface SourcePoint {
  readonly row: number;
  readonly column: number;
}

export interface SourceRange {
  readonly start: SourcePoint;
  readonly end: SourcePoint;
}

export interface Diagnostic {
  readonly kind: DiagnosticKind;
  readonly message: string;
  readonly range: SourceRange;
}

/** Orders diagnostics by start position (row, then column). */
export function compareByPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.row - b.range.start.row || a.range.start.column - b.range.start.column;
}

export function pointRange(row: number, column: number, endColumn = column + 1): SourceRange {
  return { start: { row, column }, end: { row, column: endColumn } };
}
