// An analysis worker thread: owns a parser and an Analyzer, and answers one
// `analyze` request at a time with the document's diagnostics, plans and
// hover facts. Documents the main thread asks it to keep (open documents)
// stay parsed here with their last evaluation: the next text of one is
// parsed as an edit of the previous (the tree copy follows incrementally),
// and when the lowered program and the other inputs are unchanged the
// previous evaluation is reused, and its payload is not sent again if the
// main thread holds it. The main thread withdraws a job by writing its id
// into the shared cancel slot, which the evaluator polls; a job that never
// returns is ended by terminating this thread.

import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer, promptProblemDiagnostic, toEnvelopeDiagnostic, type EvaluationMemoSlot } from '../../engine';
import { EvaluationCancelled } from '../../eval/errors';
import { writeJson } from '../../plan/json';
import { loadPrompts } from '../../plue/prompt-files';
import { DEFAULT_LIMITS } from '../../limits';
import { DocumentStore } from '../../syntax/document-store';
import { decodeSource } from '../../syntax/source-text';
import { scanBeforeParse } from '../../syntax/first-syntax-error';
import { createPythonParser } from '../../syntax/python-parser';
import { WARM_UP_BUDGET_MS, WARM_UP_RUNS, WARM_UP_WORKFLOW } from './warm-up';
import { CANCEL_SLOT, type AnalyzeRequest, type WorkerReply, type WorkerRequest, type WorkerResult } from './protocol';

interface WorkerData {
  readonly cancel: SharedArrayBuffer;
  /** Unique per worker the pool started: makes evaluation ids unique across workers. */
  readonly workerId: number;
}

/** At most this many documents stay parsed in one worker (least recently analysed dropped first). */
const MAX_KEPT_DOCUMENTS = 4;
/** Longer texts are not kept (their trees are large; they are parsed from scratch each time). */
const MAX_KEPT_TEXT_LENGTH = 512 * 1024;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('analysis worker started outside a worker thread');
  const { cancel, workerId } = workerData as WorkerData;
  const cancelSlots = new Int32Array(cancel);
  // One parser for the kept documents and the analyzer's one-off parses (they never run at the same time).
  const parser = await createPythonParser();
  const analyzer = new Analyzer(parser);
  const store = new DocumentStore(parser);
  // Insertion order is recency: a document analysed again moves to the end.
  const memos = new Map<string, EvaluationMemoSlot>();
  const reply = (message: WorkerReply): void => port.postMessage(message);

  const forget = (key: string): void => {
    store.delete(key);
    memos.delete(key);
  };

  const analyze = (request: AnalyzeRequest): WorkerResult => {
    const started = performance.now();
    const { prompts, problems } = loadPrompts(request.promptFiles, request.promptsDir);
    const memoKey = inputKey(request);
    const keep = request.keep && request.text.length <= MAX_KEPT_TEXT_LENGTH;
    const memo: EvaluationMemoSlot = { key: memoKey, current: keep ? (memos.get(request.documentKey)?.current ?? null) : null };
    const options = {
      event: request.event,
      prompts,
      promptProblems: problems,
      limits: request.limits,
      collectFacts: true,
      cancelled: () => Atomics.load(cancelSlots, CANCEL_SLOT) === request.job,
      memo,
    };
    const bytes = new TextEncoder().encode(request.text);
    // The size limit, UTF-8 and NUL checks first: a text they refuse goes the CLI's whole way (and is not kept).
    const limits = { ...DEFAULT_LIMITS, ...request.limits };
    const decoded = keep ? decodeSource(bytes, limits.maxSourceBytes) : null;
    // A text its lexical scan decides (too deeply nested) is not parsed at all.
    const scan = decoded?.text != null ? scanBeforeParse(decoded.text, limits) : null;
    let file;
    if (decoded?.text != null && scan && !scan.decisive) {
      const document = store.updateText(request.documentKey, decoded.text, request.job);
      file = analyzer.analyzeDocument(request.path, document, bytes, options, scan.lexical);
      memos.delete(request.documentKey);
      memos.set(request.documentKey, memo);
      for (const key of memos.keys()) {
        if (memos.size <= MAX_KEPT_DOCUMENTS) break;
        forget(key);
      }
    } else {
      forget(request.documentKey);
      file = analyzer.analyze([{ path: request.path, bytes }], options).files[0];
    }
    const evaluationId = file.evaluation ? `${workerId}:${file.evaluation.id}` : null;
    const envelopeDiagnostics = file.diagnostics.length > 0 ? [toEnvelopeDiagnostic(file, file.diagnostics[0])] : [];
    for (const problem of problems) envelopeDiagnostics.push(promptProblemDiagnostic(problem));
    const common = {
      path: request.path,
      diagnostics: file.diagnostics,
      contentHash: file.contentHash,
      envelopeDiagnostics,
      evaluationId,
      evaluationReused: file.evaluation?.reused ?? false,
      elapsedMs: performance.now() - started,
    };
    if (evaluationId !== null && evaluationId === request.heldEvaluation) return { ...common, held: true };
    return { ...common, held: false, workflows: file.workflows, tools: file.tools, defined: file.defined, facts: file.facts, prints: file.prints };
  };

  let requested = false;
  port.on('message', (request: WorkerRequest) => {
    requested = true;
    if (request.type === 'forget') {
      forget(request.documentKey);
      return;
    }
    try {
      reply({ type: 'result', job: request.job, result: analyze(request) });
    } catch (e) {
      if (e instanceof EvaluationCancelled) {
        reply({ type: 'cancelled', job: request.job });
        return;
      }
      // A document whose analysis failed is parsed afresh next time.
      forget(request.documentKey);
      reply({ type: 'failed', job: request.job, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
  reply({ type: 'ready' });
  // One warm-up run per turn of the event loop, so a real request that arrives meanwhile goes first and ends it.
  const warmUpBytes = new TextEncoder().encode(WARM_UP_WORKFLOW);
  const warmUpUntil = performance.now() + WARM_UP_BUDGET_MS;
  let runs = 0;
  const warmUp = (): void => {
    if (requested || runs++ >= WARM_UP_RUNS || performance.now() > warmUpUntil) return;
    analyzer.analyze([{ path: 'warm-up.py', bytes: warmUpBytes }], { collectFacts: true });
    setImmediate(warmUp);
  };
  setImmediate(warmUp);
}

/** Everything besides the program that an evaluation reads, as one string: the event, the prompt files and the limits. */
function inputKey(request: AnalyzeRequest): string {
  return JSON.stringify([writeJson(request.event, 0), request.promptsDir, [...request.promptFiles], request.limits]);
}

void main();
