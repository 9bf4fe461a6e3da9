// Freezes CPython's output for differential reproducers.
//
//   node scripts/fuzz/cpython-freeze.mjs [--status fixed|documented|open] [--note TEXT] FILE.py...
//
// For each FILE.py (usually test/fixtures/differential-cpython/<hash>.py),
// runs it in CPython (scripts/fuzz/cpython-worker.py) and in the engine, and
// writes FILE.json beside it: { python, status, note, cpython, engine } (keys a
// previous FILE.json had, such as category and found, are kept). The mocha
// test test/src/differential-cpython.test.ts reads them: a "fixed" case must
// print and raise what CPython did, a "documented" case must still behave as
// the engine did when it was frozen (docs/language.md lists those differences).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CPython, createEngine } from './cpython-lib.mjs';

const args = process.argv.slice(2);
let status = null;
let note = null;
const files = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--status') status = args[++i];
  else if (args[i] === '--note') note = args[++i];
  else files.push(args[i]);
}
if (files.length === 0 || (status && !['fixed', 'documented', 'open'].includes(status))) {
  console.error('usage: node scripts/fuzz/cpython-freeze.mjs [--status fixed|documented|open] [--note TEXT] FILE.py...');
  process.exit(2);
}
const engine = await createEngine();
const cpython = new CPython();
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const sidecar = file.replace(/\.py$/, '.json');
  const old = existsSync(sidecar) ? JSON.parse(readFileSync(sidecar, 'utf8')) : {};
  const frozen = await cpython.run(source);
  const next = { ...old, python: '3.11.7', status: status ?? old.status ?? 'open', note: note ?? old.note ?? '', cpython: frozen, engine: engine(source) };
  writeFileSync(sidecar, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`${sidecar}: ${next.status}`);
}
await cpython.close();
