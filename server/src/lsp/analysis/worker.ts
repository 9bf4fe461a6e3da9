// An analysis worker thread: owns a parser and an Analyzer, and answers one
// `analyze` request at a time with the document's diagnostics, plans, the
// CLI's envelope bytes and the hover facts. The main thread withdraws a job
// by writing its id into the shared cancel slot, which the evaluator polls;
// a job that never returns is ended by terminating this thread.

import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer, formatEnvelope } from '../../engine';
import { EvaluationCancelled } from '../../eval/errors';
import { loadPrompts } from '../../plue/prompt-files';
import { CANCEL_SLOT, type AnalyzeRequest, type WorkerReply } from './protocol';

interface WorkerData {
  readonly cancel: SharedArrayBuffer;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('analysis worker started outside a worker thread');
  const cancelSlots = new Int32Array((workerData as WorkerData).cancel);
  const analyzer = await createAnalyzer();
  const reply = (message: WorkerReply): void => port.postMessage(message);

  port.on('message', (request: AnalyzeRequest) => {
    const started = performance.now();
    try {
      const { prompts, problems } = loadPrompts(request.promptFiles, request.promptsDir);
      const analysis = analyzer.analyze([{ path: request.path, bytes: new TextEncoder().encode(request.text) }], {
        event: request.event,
        prompts,
        promptProblems: problems,
        limits: request.limits,
        collectFacts: true,
        cancelled: () => Atomics.load(cancelSlots, CANCEL_SLOT) === request.job,
      });
      const file = analysis.files[0];
      reply({
        type: 'result',
        job: request.job,
        result: {
          path: request.path,
          diagnostics: file.diagnostics,
          envelopeJson: formatEnvelope(analysis.envelope),
          workflows: file.workflows,
          tools: file.tools,
          defined: file.defined,
          facts: file.facts,
          prints: file.prints,
          elapsedMs: performance.now() - started,
        },
      });
    } catch (e) {
      if (e instanceof EvaluationCancelled) reply({ type: 'cancelled', job: request.job });
      else reply({ type: 'failed', job: request.job, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
  reply({ type: 'ready' });
}

void main();
