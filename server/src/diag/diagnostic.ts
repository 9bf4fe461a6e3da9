// The diagnostic model shared by every stage and every door: a kind (the
// Python exception name the spec lists), a message, and an exact source range.
// Positions are 0-based rows and UTF-16 columns (tree-sitter's and LSP's unit);
// renderers convert to the envelope's 1-based code-point columns.

/** The kinds the engine itself reports (user code may raise other Python exception names: RuntimeError, UnboundLocalError ...). */
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
  | 'PlanError'
  // A fault of the engine itself, reported on the file (never a crash of the run).
  | 'InternalError';

/** A position in a source text: 0-based row and UTF-16 code-unit column. */
export interface SourcePoint {
  readonly row: number;
  readonly column: number;
}

export interface SourceRange {
  readonly start: SourcePoint;
  readonly end: SourcePoint;
}

/** One frame of a run-time error's traceback: the function and the range being executed in it. */
export interface TraceEntry {
  readonly name: string;
  readonly range: SourceRange;
}

export interface Diagnostic {
  /** A DiagnosticKind, or the name of an exception class raised by user code. */
  readonly kind: DiagnosticKind | string;
  readonly message: string;
  readonly range: SourceRange;
  /** For run-time errors: the frames through user functions, outermost first. */
  readonly traceback?: readonly TraceEntry[];
}

/** Orders diagnostics by start position (row, then column). */
export function compareByPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.row - b.range.start.row || a.range.start.column - b.range.start.column;
}

export function pointRange(row: number, column: number, endColumn = column + 1): SourceRange {
  return { start: { row, column }, end: { row, column: endColumn } };
}
