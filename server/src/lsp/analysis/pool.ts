// The analysis pool: worker threads that evaluate documents off the
// language server's message loop. It runs one worker, and starts another (up
// to `size`) only when jobs wait behind a worker that has been on one job for
// GROW_AFTER_MS (a slow or hostile file must not hold up the others); a
// worker beyond the first that idles for SHRINK_AFTER_MS is ended (each costs
// about 15 MB). Jobs are keyed (a document's diagnostics, a plan request with
// its event): a newer job for a key supersedes the older one (cancelled if it
// is running, dropped if it waits), jobs of one key never run at the same
// time, open documents go before background files, and a document's jobs go
// to the worker that holds its parsed tree when that one is free. A job that
// outlives its deadline has its worker terminated and replaced, so no file can
// hold a worker forever.

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CANCEL_SLOT, type AnalyzeInput, type AnalyzeRequest, type DocumentResult, type WorkerReply, type WorkerRequest, type WorkerResult } from './protocol';

/** How a job ended: with a result, superseded or cancelled (null), or with a failure message. */
export type JobOutcome = { readonly result: DocumentResult } | { readonly superseded: true } | { readonly failed: string };

export type JobPriority = 'foreground' | 'background';

export interface SubmitOptions {
  readonly priority?: JobPriority;
  /** Ask the worker to keep the document parsed with its last evaluation (open documents). */
  readonly keep?: boolean;
  /** The last result the caller holds for this key: a worker that reuses its evaluation does not send the plans and facts again. */
  readonly held?: DocumentResult | null;
}

interface Job {
  readonly id: number;
  readonly key: string;
  readonly input: AnalyzeInput;
  readonly priority: JobPriority;
  readonly keep: boolean;
  readonly held: DocumentResult | null;
  readonly resolve: (outcome: JobOutcome) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  cancel: Int32Array;
  running: Job | null;
  watchdog: NodeJS.Timeout | null;
  /** Ends this worker when it stays idle (only workers beyond the first). */
  idleTimer: NodeJS.Timeout | null;
  /** When the running job started (performance.now()). */
  startedAt: number;
}

/** Jobs waiting this long behind busy workers start another worker. */
const GROW_AFTER_MS = 250;
/** A worker beyond the first that is idle this long is ended. */
const SHRINK_AFTER_MS = 30_000;

export interface PoolOptions {
  readonly size: number;
  /** A running job is abandoned (its worker replaced) after this many milliseconds (read when the job starts: settings change it). */
  readonly deadlineMs: () => number;
  readonly workerFile?: string;
  readonly log?: (message: string) => void;
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];
  /** The worker that last ran each key: it holds that document's tree, so its jobs go there when it is free. */
  private readonly affinity = new Map<string, Slot>();
  private nextId = 1;
  private nextWorkerId = 1;
  private growTimer: NodeJS.Timeout | null = null;
  private disposed = false;

  constructor(private readonly options: PoolOptions) {
    this.slots.push(this.spawn());
  }

  /** Queues an analysis; supersedes any earlier job with the same key. */
  submit(key: string, input: AnalyzeInput, options: SubmitOptions = {}): Promise<JobOutcome> {
    const priority = options.priority ?? 'foreground';
    return new Promise((resolve) => {
      if (this.disposed) {
        resolve({ superseded: true });
        return;
      }
      for (let i = this.waiting.length - 1; i >= 0; i--) {
        if (this.waiting[i].key === key) this.waiting.splice(i, 1)[0].resolve({ superseded: true });
      }
      for (const slot of this.slots) {
        if (slot.running?.key === key) Atomics.store(slot.cancel, CANCEL_SLOT, slot.running.id);
      }
      this.waiting.push({ id: this.nextId++, key, input, priority, keep: options.keep ?? false, held: options.held ?? null, resolve });
      this.dispatch();
    });
  }

  /** Tells every worker to drop what it keeps for a key (its document was closed). */
  forget(key: string): void {
    this.affinity.delete(key);
    const request: WorkerRequest = { type: 'forget', documentKey: key };
    for (const slot of this.slots) slot.worker.postMessage(request);
  }

  /** Workers running now (for tests). */
  get workers(): number {
    return this.slots.length;
  }

  /** Jobs waiting or running, for tests and the status bar. */
  get pending(): number {
    return this.waiting.length + this.slots.filter((s) => s.running !== null).length;
  }

  dispose(): void {
    this.disposed = true;
    if (this.growTimer) clearTimeout(this.growTimer);
    for (const job of this.waiting.splice(0)) job.resolve({ superseded: true });
    for (const slot of this.slots) {
      if (slot.watchdog) clearTimeout(slot.watchdog);
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.running?.resolve({ superseded: true });
      slot.running = null;
      void slot.worker.terminate();
    }
  }

  private spawn(): Slot {
    const cancelBuffer = new SharedArrayBuffer(4);
    const worker = new Worker(this.options.workerFile ?? join(__dirname, 'worker.js'), { workerData: { cancel: cancelBuffer, workerId: this.nextWorkerId++ } });
    const slot: Slot = { worker, ready: false, cancel: new Int32Array(cancelBuffer), running: null, watchdog: null, idleTimer: null, startedAt: 0 };
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on('error', (e) => this.replace(slot, `the analysis worker failed: ${e.message}`));
    worker.on('exit', (code) => {
      if (!this.disposed && this.slots.includes(slot)) this.replace(slot, `the analysis worker exited (code ${code})`);
    });
    // An idle worker must not keep the process alive.
    worker.unref();
    return slot;
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.type === 'ready') {
      slot.ready = true;
      this.dispatch();
      return;
    }
    const job = slot.running;
    if (!job || job.id !== reply.job) return;
    this.finish(slot);
    if (reply.type === 'result') {
      const result = withPayload(reply.result, job.held);
      job.resolve(result ? { result } : { failed: 'the analysis worker left out plans the server does not hold' });
    }
    else if (reply.type === 'cancelled') job.resolve({ superseded: true });
    else job.resolve({ failed: reply.message });
    this.dispatch();
  }

  private finish(slot: Slot): void {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = null;
    slot.running = null;
  }

  /** Ends a worker that failed or overran, fails its job, and starts a fresh one in its place. */
  private replace(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.disposed) return;
    const job = slot.running;
    this.finish(slot);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    this.slots[index] = this.spawn();
    void slot.worker.terminate();
    this.options.log?.(`plue: ${reason}`);
    job?.resolve({ failed: reason });
    this.dispatch();
  }

  private dispatch(): void {
    for (;;) {
      const idle = this.slots.filter((s) => s.ready && !s.running);
      if (idle.length === 0) {
        this.growLater();
        return;
      }
      const job = this.takeNext();
      if (!job) {
        for (const slot of idle) this.shrinkLater(slot);
        return;
      }
      const preferred = this.affinity.get(job.key);
      const slot = idle.find((s) => s === preferred) ?? idle[0];
      if (job.keep) this.affinity.set(job.key, slot);
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.running = job;
      slot.startedAt = performance.now();
      Atomics.store(slot.cancel, CANCEL_SLOT, 0);
      const deadline = this.options.deadlineMs();
      slot.watchdog = setTimeout(() => this.replace(slot, `analysis of ${job.input.path} did not finish within ${deadline} ms`), deadline);
      slot.watchdog.unref();
      const request: AnalyzeRequest = {
        type: 'analyze',
        job: job.id,
        ...job.input,
        documentKey: job.key,
        keep: job.keep,
        // The held payload is only worth naming to the worker that may hold the same evaluation.
        heldEvaluation: job.held?.evaluationId ?? null,
      };
      slot.worker.postMessage(request);
    }
  }

  /**
   * Starts another worker when jobs wait behind workers that have each been
   * on one job for GROW_AFTER_MS (a slow or hostile file): a queue that keeps
   * moving (a burst of ordinary documents) is left to the workers there are.
   */
  private growLater(): void {
    if (this.growTimer || this.waiting.length === 0 || this.slots.length >= Math.max(1, this.options.size)) return;
    this.growTimer = setTimeout(() => {
      this.growTimer = null;
      if (this.disposed || this.waiting.length === 0 || this.slots.length >= Math.max(1, this.options.size)) return;
      const now = performance.now();
      // A worker still starting counts as free: it takes the waiting jobs when ready.
      if (this.slots.every((s) => s.running && now - s.startedAt >= GROW_AFTER_MS)) this.slots.push(this.spawn());
      else this.growLater();
    }, GROW_AFTER_MS);
    this.growTimer.unref();
  }

  /** Ends an idle worker beyond the first after SHRINK_AFTER_MS. */
  private shrinkLater(slot: Slot): void {
    if (slot.idleTimer || this.slots.indexOf(slot) < 1) return;
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      const index = this.slots.indexOf(slot);
      if (this.disposed || index < 1 || slot.running) return;
      this.slots.splice(index, 1);
      void slot.worker.terminate();
    }, SHRINK_AFTER_MS);
    slot.idleTimer.unref();
  }

  /** The oldest foreground job, else the oldest background job, whose key is not already running. */
  private takeNext(): Job | undefined {
    const busy = new Set(this.slots.map((s) => s.running?.key));
    for (const priority of ['foreground', 'background'] as const) {
      const index = this.waiting.findIndex((j) => j.priority === priority && !busy.has(j.key));
      if (index >= 0) return this.waiting.splice(index, 1)[0];
    }
    return undefined;
  }
}

/**
 * A worker's result with the plans and facts filled in from the held result
 * when the worker left them out (null if they do not match). The `held` flag
 * rides along unread.
 */
function withPayload(result: WorkerResult, held: DocumentResult | null): DocumentResult | null {
  if (!result.held) return result;
  if (!held || held.evaluationId !== result.evaluationId) return null;
  return { ...result, workflows: held.workflows, tools: held.tools, defined: held.defined, facts: held.facts, prints: held.prints };
}
