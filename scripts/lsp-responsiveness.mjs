#!/usr/bin/env node
// Is the language server still responsive while it chews on a hostile file?
// Starts `bin/plue lsp --stdio`, opens a calm workflow file, then for each
// bomb: opens it and, until the bomb's diagnostics arrive, sends a hover on
// the calm file every 10 ms, timing each round trip (the message loop's lag
// as a client sees it). Reports p50/p95/max per bomb and fails if any hover
// took longer than --max-ms (default 100).
//
//   node scripts/lsp-responsiveness.mjs [--max-ms 100] [BOMB.py ...]

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const at = args.indexOf('--max-ms');
const maxMs = at >= 0 ? Number(args.splice(at, 2)[1]) : 100;
const security = join(root, '..', 'shared', 'conformance', 'security');
const hostile = join(root, 'test', 'fixtures', 'hostile-corpus', 'security');
const bombs = args.length > 0 ? args : [
  join(security, '159-while-true-pass.py'),
  join(security, '183-repr-dag-exponential.py'),
  join(security, '192-nested-parens-100k.py'),
  join(security, '197-addition-chain-100k.py'),
  join(hostile, 'l35-str-of-list-doubling.py'),
  join(hostile, 'l77-dict-nesting.py'),
  join(hostile, 'l87-min-key-lambda.py'),
  join(hostile, 'l13-list-enumerate.py'),
];

const workspace = '/responsiveness';
const calmUri = `file://${workspace}/.plue/workflows/calm.py`;
const calm = readFileSync(join(root, 'examples', '.plue', 'workflows', 'ci.py'), 'utf8');
const hoverLine = calm.split('\n').findIndex((l) => /^\s+install = ctx\.run/.test(l));

const child = spawn(process.execPath, [join(root, 'bin', 'plue'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const published = new Map();
const waiters = [];
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  published.set(p.uri, p);
  for (const w of waiters.splice(0)) w();
});
connection.onRequest('client/registerCapability', () => null);
connection.listen();

const diagnosticsOf = (uri) =>
  new Promise((resolvePromise) => {
    const check = () => (published.has(uri) ? resolvePromise(published.get(uri)) : waiters.push(check));
    check();
  });

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
connection.sendNotification('initialized', {});
connection.sendNotification('textDocument/didOpen', { textDocument: { uri: calmUri, languageId: 'python', version: 1, text: calm } });
await diagnosticsOf(calmUri);

let failed = 0;
console.log(`hover on a calm document every 10 ms while each bomb is analysed; bound ${maxMs} ms`);
for (const [i, bomb] of bombs.entries()) {
  const uri = `file://${workspace}/.plue/workflows/bomb${i}.py`;
  const started = performance.now();
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(bomb, 'utf8') } });
  const done = diagnosticsOf(uri).then((p) => ({ p, ms: performance.now() - started }));
  let finished = null;
  void done.then((r) => (finished = r));
  const latencies = [];
  while (finished === null) {
    const t = performance.now();
    const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri: calmUri }, position: { line: hoverLine, character: 6 } });
    latencies.push(performance.now() - t);
    if (!hover) throw new Error('the calm document lost its hover');
    await sleep(10);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const max = sorted[sorted.length - 1] ?? 0;
  const ok = max <= maxMs;
  if (!ok) failed++;
  const d = finished.p.diagnostics[0];
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${bomb.split('/').slice(-1)[0]}: ${d ? `${d.code}@${d.range.start.line + 1}` : 'no diagnostic'} after ${finished.ms.toFixed(0)} ms; ${latencies.length} hovers, p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${max.toFixed(1)} ms`,
  );
  connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}
connection.dispose();
child.kill();
console.log(failed === 0 ? 'all within bound' : `${failed} bomb(s) over the bound`);
process.exitCode = failed === 0 ? 0 : 1;
