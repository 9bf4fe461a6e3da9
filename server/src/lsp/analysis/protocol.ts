// Messages between the language server's main thread and its analysis
// workers (worker_threads). Everything here is structured-clonable: plans
// keep bigint ints and Map objects, diagnostics and facts are plain data.

import type { Diagnostic } from '../../diag/diagnostic';
import type { EnvelopeDiagnostic } from '../../engine';
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
  /**
   * Names the document across jobs (the pool's job key): a worker keeps the
   * parsed tree and the last evaluation of a document it was asked to keep,
   * so the next text of it is parsed incrementally and an unchanged program
   * is not evaluated again.
   */
  readonly documentKey: string;
  /** Keep this document's tree and evaluation in the worker (open documents; closed files are analysed once). */
  readonly keep: boolean;
  /** The evaluation whose plans and facts the main thread holds for this document: a reply that would repeat them omits them. */
  readonly heldEvaluation: string | null;
}

/** What the main thread keeps of one analysis. */
export interface DocumentResult {
  readonly path: string;
  /** The file's diagnostics, the reported one first. */
  readonly diagnostics: readonly Diagnostic[];
  /** sha256 of the text's UTF-8 bytes, as the envelope reports it. */
  readonly contentHash: string;
  /** The envelope's diagnostics (the file's first one, then unreadable prompt files), as the CLI reports them. */
  readonly envelopeDiagnostics: readonly EnvelopeDiagnostic[];
  /** The evaluation the plans and facts come from (unique across workers), or null when the file did not get that far. */
  readonly evaluationId: string | null;
  /** True when that evaluation was not run again: the program (comments aside) and the other inputs were unchanged. */
  readonly evaluationReused: boolean;
  readonly workflows: readonly PlanJson[];
  readonly tools: readonly PlanJson[];
  readonly defined: readonly DefinedPlan[];
  readonly facts: EvaluationFacts | null;
  readonly prints: readonly PrintedLine[];
  /** Wall time the worker spent, in milliseconds. */
  readonly elapsedMs: number;
}

/** Plans, facts and prints: what a reply leaves out when the main thread already holds that evaluation. */
export type EvaluationPayload = Pick<DocumentResult, 'workflows' | 'tools' | 'defined' | 'facts' | 'prints'>;

/** A result as the worker sends it: without the payload (`held: true`) when it equals the held evaluation's. */
export type WorkerResult = (Omit<DocumentResult, keyof EvaluationPayload> & { readonly held: true }) | (DocumentResult & { readonly held: false });

export type WorkerRequest =
  | AnalyzeRequest
  /** Drops what the worker keeps for a document (it was closed). */
  | { readonly type: 'forget'; readonly documentKey: string };

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly job: number; readonly result: WorkerResult }
  | { readonly type: 'cancelled'; readonly job: number }
  | { readonly type: 'failed'; readonly job: number; readonly message: string };

/** Shared with each worker: slot 0 holds the id of the job the main thread withdrew. */
export const CANCEL_SLOT = 0;
