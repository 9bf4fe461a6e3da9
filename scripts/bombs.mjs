#!/usr/bin/env node
// Resource bombs, measured: every LimitError case of the shared security
// corpus and of our hostile corpus (files with a `# expect: LimitError`
// header), plus one generated bomb per limit class of spec §3, each run as
// `bin/plue workflow plan --json FILE` in its own process. A bomb passes when
// the CLI reports LimitError on the expected line, within the time bound
// (wall clock of the whole process, node start-up included) and the memory
// bound (peak RSS, from GNU time). Prints one line per bomb and a summary;
// exits 1 if any bomb fails.
//
//   node scripts/bombs.mjs [--max-ms 1000] [--max-mib 256] [--runs 3] [--json out.json] [FILE_OR_DIR ...]
//
// With --runs N each bomb runs N times and the median time is judged (the
// peak RSS is the largest of the runs). Run it on an idle machine: the time
// bound is wall-clock.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const maxMs = Number(option('--max-ms', '1000'));
const maxMiB = Number(option('--max-mib', '256'));
const runs = Math.max(1, Number(option('--runs', '3')));
const jsonOut = option('--json', null);

/** The synthetic bombs: one per limit class of spec §3 not already covered by a corpus file of the same shape. */
const HEADER = 'from plue import workflow, push\n';
const SYNTHETIC = {
  'steps-while-true': [`${HEADER}n = 0\nwhile True:\n    n += 1\n`, 3],
  'memory-list-repeat': [`${HEADER}x = [0] * 10**9\n`, 2],
  'memory-string-doubling': [`${HEADER}s = "ab"\nfor i in range(64):\n    s = s + s\n`, 4],
  'memory-dict-growth': [`${HEADER}d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1\n`, 5],
  'memory-nested-comprehension': [`${HEADER}x = [[j for j in range(10**4)] for i in range(10**4)]\n`, 2],
  'call-depth': [`${HEADER}def f(n):\n    return f(n + 1)\nf(0)\n`, 3],
  'steps-per-workflow': [`${HEADER}@workflow(triggers=[push()])\ndef w(ctx):\n    for i in range(10**6):\n        ctx.run(f"s{i}", "true")\n`, 5],
  'output-size': [`${HEADER}@workflow(triggers=[push()])\ndef w(ctx):\n    big = "x" * (10**6)\n    for i in range(5000):\n        ctx.run(f"s{i}", big)\n`, 6],
  'nesting-parens': [`${HEADER}x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n`, 2],
  'nesting-blocks': [`${HEADER}${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}if True:\n`).join('')}${' '.repeat(300)}pass\n`, null],
  'pow-bigint': [`${HEADER}x = 7 ** (7 ** 9)\n`, 2],
  'sum-huge-range': [`${HEADER}x = sum(range(10**12))\n`, 2],
  'sorted-huge': [`${HEADER}x = sorted(range(10**9))\n`, 2],
  'str-join-bomb': [`${HEADER}x = ",".join(["a" * 1000] * 10**6)\n`, 2],
  'repr-dag': [`${HEADER}x = []\nfor i in range(60):\n    x = [x, x]\ny = repr(x)\n`, 5],
  'fstring-width': [`${HEADER}x = f"{1:>{10**9}}"\n`, 2],
};

function expectation(text) {
  const kind = /^# expect: (\w+)/m.exec(text)?.[1];
  const line = /^# line: (\d+)/m.exec(text)?.[1];
  return { kind, line: line === undefined ? null : Number(line) };
}

function collectCorpus(paths) {
  const files = [];
  const walk = (p) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e));
    else if (p.endsWith('.py')) files.push(p);
  };
  for (const p of paths) if (existsSync(p)) walk(p);
  return files.filter((f) => expectation(readFileSync(f, 'utf8').slice(0, 400)).kind === 'LimitError');
}

function runOnce(file) {
  const started = process.hrtime.bigint();
  const out = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin', 'plue'), 'workflow', 'plan', '--json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rssKiB = Number(out.stderr.trim().split('\n').pop());
  let diagnostic = null;
  try {
    diagnostic = JSON.parse(out.stdout).diagnostics[0] ?? null;
  } catch {
    // No envelope: reported as a failure below.
  }
  return { ms, rssMiB: rssKiB / 1024, status: out.status, diagnostic };
}

const positional = args.length > 0 ? args : [join(root, '..', 'shared', 'conformance', 'security'), join(root, 'test', 'fixtures', 'hostile-corpus')];
const bombs = collectCorpus(positional).map((file) => ({ name: relative(process.cwd(), file), file, ...expectation(readFileSync(file, 'utf8').slice(0, 400)) }));
const scratch = mkdtempSync(join(tmpdir(), 'plue-bombs-'));
for (const [name, [source, line]] of Object.entries(SYNTHETIC)) {
  const file = join(scratch, `${name}.py`);
  writeFileSync(file, source);
  bombs.push({ name: `synthetic/${name}`, file, kind: 'LimitError', line });
}

const machine = (() => {
  try {
    return execFileSync('sh', ['-c', "nproc; grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], { encoding: 'utf8' }).trim().replace(/\n\s*/, ' cores,');
  } catch {
    return 'unknown';
  }
})();
console.log(`bombs: ${bombs.length} files, ${runs} run(s) each; bounds ${maxMs} ms wall, ${maxMiB} MiB peak RSS; node ${process.version}; ${machine}`);

const results = [];
let failed = 0;
for (const bomb of bombs) {
  const samples = Array.from({ length: runs }, () => runOnce(bomb.file));
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  const rssMiB = Math.max(...samples.map((s) => s.rssMiB));
  const d = samples[0].diagnostic;
  const problems = [];
  if (!d || d.kind !== bomb.kind) problems.push(`kind ${d?.kind ?? 'none'} (expected ${bomb.kind})`);
  if (d && bomb.line !== null && d.line !== bomb.line) problems.push(`line ${d.line} (expected ${bomb.line})`);
  if (samples[0].status !== 1) problems.push(`exit ${samples[0].status}`);
  if (ms > maxMs) problems.push(`${ms.toFixed(0)} ms > ${maxMs} ms`);
  if (rssMiB > maxMiB) problems.push(`${rssMiB.toFixed(0)} MiB > ${maxMiB} MiB`);
  if (problems.length > 0) failed++;
  results.push({ name: bomb.name, kind: d?.kind ?? null, line: d?.line ?? null, ms: Math.round(ms), rssMiB: Math.round(rssMiB), ok: problems.length === 0, problems });
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${String(Math.round(ms)).padStart(5)} ms ${String(Math.round(rssMiB)).padStart(4)} MiB  ${bomb.name}  ${d ? `${d.kind}@${d.line}` : 'no diagnostic'}${problems.length ? `  <- ${problems.join('; ')}` : ''}`);
}
const worst = (key) => results.reduce((m, r) => (r[key] > m[key] ? r : m), results[0]);
console.log(`\n${results.length - failed} passed, ${failed} failed; slowest ${worst('ms').ms} ms (${worst('ms').name}), largest ${worst('rssMiB').rssMiB} MiB (${worst('rssMiB').name})`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ maxMs, maxMiB, runs, node: process.version, machine, results }, null, 2)}\n`);
process.exitCode = failed > 0 ? 1 : 0;
