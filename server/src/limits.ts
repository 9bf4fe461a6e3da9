// The limits of spec §3: each has a default and can be set by the host
// (CLI flags, editor settings). Every stage reads its bounds from here.

export interface Limits {
  /** Source size per file, in bytes. */
  readonly maxSourceBytes: number;
  /** Parser nesting depth: brackets, blocks and expression-tree depth. */
  readonly maxNestingDepth: number;
  /** Evaluation steps per file. */
  readonly maxEvalSteps: number;
  /** Interpreter memory per file, in bytes (estimated before allocating). */
  readonly maxMemoryBytes: number;
  /** Call depth. */
  readonly maxCallDepth: number;
  /** Steps registered per workflow. */
  readonly maxStepsPerWorkflow: number;
  /** Output size per file, in bytes: the plans' JSON, and any one str()/repr() result. */
  readonly maxOutputBytes: number;
  /** Wall-clock backstop per file evaluation, in milliseconds. */
  readonly maxEvalMillis: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxSourceBytes: 1024 * 1024,
  maxNestingDepth: 200,
  maxEvalSteps: 10_000_000,
  maxMemoryBytes: 64 * 1024 * 1024,
  maxCallDepth: 200,
  maxStepsPerWorkflow: 10_000,
  maxOutputBytes: 16 * 1024 * 1024,
  maxEvalMillis: 1000,
});
