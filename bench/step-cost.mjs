#!/usr/bin/env node
// Calibrates the evaluator's cost model (server/src/eval/step-costs.ts): runs
// loops of one kind of operation until the step budget ends them and prints
// the time per step. The budget is 10,000,000 steps and the CLI starts in
// about 0.3 s, so any shape above about 65 ns per step would let a bomb of it
// run into the 1 s wall-clock backstop instead of the step limit: charge it
// more steps or make it cheaper. Each shape runs in its own process (warm:
// the best of three evaluations), on an idle machine.
//
//   npm run build && node bench/step-cost.mjs [--steps N] [--json out.json] [SHAPE ...]

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { TextEncoder } from 'node:util';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HEADER = 'from plue import workflow, push\n';

/** Loops of one operation each; every one must end on the step limit. */
const SHAPES = {
  'while-pass': 'while True:\n    pass\n',
  'int-add': 'n = 0\nwhile True:\n    n += 1\n',
  'for-range': 'for i in range(10**12):\n    pass\n',
  'function-call': 'def f(x):\n    return x\nwhile True:\n    f(1)\n',
  'keyword-call': 'def f(a, b=2, *, c=3):\n    return a\nwhile True:\n    f(1, c=4)\n',
  'closure-call': 'def mk():\n    n = [0]\n    def inc():\n        n[0] += 1\n    return inc\ninc = mk()\nwhile True:\n    inc()\n',
  'builtin-call': 'x = [1]\nwhile True:\n    len(x)\n',
  'isinstance': 'while True:\n    isinstance(1, int)\n',
  'str-method': 's = "abc"\nwhile True:\n    s.upper()\n',
  'list-method': 'xs = []\nwhile True:\n    xs.append(1)\n    xs.pop()\n',
  'str-concat': 'while True:\n    s = "a" + "b" * 3\n',
  'f-string': 'i = 0\nwhile True:\n    s = f"a{i}b{i:>4}"\n    i += 1\n',
  'dict-store': 'd = {}\ni = 0\nwhile True:\n    d[i % 100] = i\n    i += 1\n',
  'try-except': 'while True:\n    try:\n        raise ValueError("x")\n    except ValueError:\n        pass\n',
  'raise-through-calls': 'def f(n):\n    if n == 0:\n        raise ValueError("x")\n    f(n - 1)\nwhile True:\n    try:\n        f(20)\n    except ValueError:\n        pass\n',
  'list-comprehension': 'while True:\n    [i for i in range(100)]\n',
  'dict-comprehension': 'while True:\n    {i: i for i in range(100)}\n',
  'generator-join': 's = "".join(str(i) for i in range(10 ** 10))\n',
  'generator-any': 'x = any(i < 0 for i in range(10**12))\n',
  'min-key-lambda': 'm = min(range(10 ** 12), key=lambda v: -v)\n',
  'sorted-key': 'x = sorted(range(10**6), key=lambda v: -v)\nwhile True:\n    pass\n',
  'sum-range': 'while True:\n    sum(range(1000))\n',
  'in-list': 'x = list(range(10**5))\nwhile True:\n    -1 in x\n',
  'list-index': 'x = list(range(1000))\nwhile True:\n    x.index(999)\n',
  'tuple-equality': 'a = tuple(range(1000))\nb = tuple(range(1000))\nwhile True:\n    a == b\n',
  'str-split': 's = "a b c d " * 100\nwhile True:\n    s.split()\n',
  'enumerate': 'while True:\n    for i, v in enumerate(range(100)):\n        pass\n',
  'zip': 'while True:\n    for a, b in zip(range(100), range(100)):\n        pass\n',
};

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};

if (args[0] === '--child') {
  // One shape, in this process.
  const [, name, steps] = args;
  const { createAnalyzer } = await import(pathToFileURL(resolve(root, 'server/out/engine.js')).href);
  const analyzer = await createAnalyzer();
  const bytes = new TextEncoder().encode(HEADER + SHAPES[name]);
  let best = Infinity;
  let message = '';
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const result = analyzer.analyze([{ path: `${name}.py`, bytes }], { limits: { maxEvalMillis: 600_000, maxEvalSteps: Number(steps) } });
    best = Math.min(best, performance.now() - started);
    message = result.envelope.diagnostics.map((d) => d.message).join(' | ');
  }
  process.stdout.write(JSON.stringify({ ms: best, message }));
  process.exit(0);
}

const steps = Number(option('--steps', '10000000'));
const jsonOut = option('--json', null);
const names = args.length > 0 ? args : Object.keys(SHAPES);
const rows = [];
for (const name of names) {
  if (!(name in SHAPES)) throw new Error(`unknown shape ${name}; known: ${Object.keys(SHAPES).join(', ')}`);
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', name, String(steps)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
  const { ms, message } = JSON.parse(child.stdout);
  const nsPerStep = (ms * 1e6) / steps;
  const stepLimit = /evaluation step limit/.test(message);
  rows.push({ name, ms: Math.round(ms), nsPerStep: Math.round(nsPerStep), endedBy: stepLimit ? 'steps' : message });
  console.log(`${name.padEnd(22)} ${String(Math.round(ms)).padStart(6)} ms ${String(Math.round(nsPerStep)).padStart(5)} ns/step${stepLimit ? '' : `  (${message})`}`);
}
const worst = rows.filter((r) => r.endedBy === 'steps').sort((a, b) => b.nsPerStep - a.nsPerStep)[0];
if (worst) console.log(`\nworst: ${worst.name}, ${worst.nsPerStep} ns/step (${steps} steps in ${worst.ms} ms)`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ node: process.version, steps, rows }, null, 2)}\n`);
