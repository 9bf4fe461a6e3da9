// The language server's analysis pool with real worker threads: a kept
// document's unchanged program is not evaluated again and its plans are not
// sent again (the result carries the held result's very objects), a changed
// one is; results equal a fresh CLI-style analysis; and the pool runs one
// worker until a job has held it for a while.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisPool, type JobOutcome } from '../../server/out/lsp/analysis/pool';
import type { AnalyzeInput, DocumentResult } from '../../server/out/lsp/analysis/protocol';
import { createAnalyzer, formatEnvelope, mockEvent } from '../../server/out/engine';
import { CONFORMANCE } from './lsp-harness';

const CMAKE = path.join(CONFORMANCE, 'workflows', '14-cmake-cpp-large-matrix', '.plue', 'workflows', 'ci.py');

function input(text: string): AnalyzeInput {
  return { path: '.plue/workflows/ci.py', text, event: mockEvent(), promptFiles: new Map(), promptsDir: '.plue/prompts', limits: {} };
}

function resultOf(outcome: JobOutcome): DocumentResult {
  if (!('result' in outcome)) throw new Error(`no result: ${JSON.stringify(outcome)}`);
  return outcome.result;
}

/** What the CLI prints for this text alone. */
async function cliEnvelope(text: string): Promise<string> {
  const analyzer = await createAnalyzer();
  return formatEnvelope(analyzer.analyze([{ path: '.plue/workflows/ci.py', bytes: new TextEncoder().encode(text) }]).envelope);
}

function envelopeOf(result: DocumentResult): string {
  return formatEnvelope({ files: [{ path: result.path, content_hash: result.contentHash, workflows: result.workflows, tools: result.tools }], diagnostics: [...result.envelopeDiagnostics] });
}

describe('analysis pool: kept documents, reused evaluations, one worker by default', function () {
  this.timeout(60000);
  let pool: AnalysisPool;

  before(function () {
    if (!fs.existsSync(CMAKE)) this.skip();
    pool = new AnalysisPool({ size: 2, deadlineMs: () => 30000 });
  });
  after(() => pool?.dispose());

  it('a comment edit reuses the evaluation without sending it again; a code edit evaluates; both equal the CLI', async () => {
    const key = 'diagnostics:file:///ci.py';
    const text = fs.readFileSync(CMAKE, 'utf8');
    const first = resultOf(await pool.submit(key, input(text), { keep: true, held: null }));
    assert.equal(first.evaluationReused, false);
    assert.ok(first.evaluationId);

    const commented = `${text}# a comment\n`;
    const second = resultOf(await pool.submit(key, input(commented), { keep: true, held: first }));
    assert.equal(second.evaluationReused, true);
    assert.equal(second.evaluationId, first.evaluationId);
    // Not sent again: the pool filled in the held result's own objects.
    assert.equal(second.workflows, first.workflows);
    assert.equal(second.facts, first.facts);
    assert.notEqual(second.contentHash, first.contentHash);
    assert.equal(envelopeOf(second), await cliEnvelope(commented));

    // Held by nobody (a plan request): the same evaluation, sent in full.
    const unheld = resultOf(await pool.submit(key, input(commented), { keep: true, held: null }));
    assert.equal(unheld.evaluationReused, true);
    assert.notEqual(unheld.workflows, first.workflows);
    assert.deepEqual(unheld.workflows, first.workflows);

    const changed = commented.replace('"version": 9,', '"version": 8,');
    const third = resultOf(await pool.submit(key, input(changed), { keep: true, held: second }));
    assert.equal(third.evaluationReused, false);
    assert.notEqual(third.evaluationId, first.evaluationId);
    assert.equal(envelopeOf(third), await cliEnvelope(changed));
    assert.equal(pool.workers, 1, 'a steady stream of quick jobs needs one worker');
  });

  it('a job that holds the only worker for 250 ms brings a second one for the others', async () => {
    const hostile = 'x = 0\nwhile True:\n    x += 1\n';
    const slow = pool.submit('diagnostics:file:///slow.py', input(hostile), { keep: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const quick = await pool.submit('diagnostics:file:///quick.py', input('X = 1\n'), { keep: true });
    assert.deepEqual(resultOf(quick).diagnostics, []);
    assert.equal(pool.workers, 2);
    const limited = resultOf(await slow);
    assert.equal(limited.diagnostics[0]?.kind, 'LimitError');
  });
});
