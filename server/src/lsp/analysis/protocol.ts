// Messages between the language server's main thread and its analysis
// workers (worker_threads). Everything here is structured-clonable: plans
// keep bigint ints and Map objects, diagnostics and facts are plain data.

import type { Diagnostic } from '../../diag/diagnostic';
import type { PrintedLine } from '../../eval/interpreter';
import type { Limits } from '../../limits';
import type { PlanJson } from '../../plan/json';
import type { DefinedPlan } from '../../plue/evaluate-file';
import type { EvaluationFacts } from '../../plue/evaluation-facts';

/** One document to analyse, as the CLI would analyse that file alone. */
export interface AnalyzeInput {
  /** The file's path as the envelope names it (relative to its workspace folder, '/'-separated). */
  readonly path: string;
  readonly text: string;
  readonly event: PlanJson;
  /** The prompt files beside the workflows: file name -> text. */
  readonly promptFiles: ReadonlyMap<string, string>;
  /** The prompts directory as diagnostics name it (relative, like `path`). */
  readonly promptsDir: string;
  readonly limits: Partial<Limits>;
}

export interface AnalyzeRequest extends AnalyzeInput {
  readonly type: 'analyze';
  readonly job: number;
}

/** What the main thread keeps of one analysis. */
export interface DocumentResult {
  readonly path: string;
  /** The file's diagnostics, the reported one first. */
  readonly diagnostics: readonly Diagnostic[];
  /** The envelope exactly as `plue workflow plan --json PATH` prints it. */
  readonly envelopeJson: string;
  readonly workflows: readonly PlanJson[];
  readonly tools: readonly PlanJson[];
  readonly defined: readonly DefinedPlan[];
  readonly facts: EvaluationFacts | null;
  readonly prints: readonly PrintedLine[];
  /** Wall time the worker spent, in milliseconds. */
  readonly elapsedMs: number;
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly job: number; readonly result: DocumentResult }
  | { readonly type: 'cancelled'; readonly job: number }
  | { readonly type: 'failed'; readonly job: number; readonly message: string };

/** Shared with each worker: slot 0 holds the id of the job the main thread withdrew. */
export const CANCEL_SLOT = 0;
