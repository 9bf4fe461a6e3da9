// Differential fuzzing of our interpreter against CPython 3.11.
//
//   node scripts/fuzz/cpython-fuzz.mjs [--seed N] [--count N] [--start N] [--seconds S]
//                             [--batch N] [--no-minimise] [--max-minimise N]
//                             [--json] [--quiet] [--show N]
//
// Generates programs (scripts/fuzz/cpython-gen.mjs) with indices start..start+count-1
// of the given seed, runs each in the engine in-process (server/out/engine.js;
// run `npm run build` first) and in ONE long-running python3 process
// (scripts/fuzz/cpython-worker.py) in batches, and compares what they print and
// how they fail (cpython-lib.mjs compare()). A program is reproducible from its
// (seed, index). Stops after --count programs or --seconds of wall time,
// whichever comes first.
//
// Each disagreement category gets its first --max-minimise (default 2)
// programs minimised and written to test/fixtures/differential-cpython/<hash>.py
// with <hash>.json holding CPython's output (status "open"); see
// test/fixtures/differential-cpython/README.md.
//
// The summary: programs run, agreements, known (documented) differences,
// skipped (CPython timeouts / generator bugs) and disagreements by category.
// Every disagreement is listed (`differ: seed S index I category`; rerun one
// with --start I --count 1 --show 1). With --json the last line is the summary
// as JSON. Exit 1 when some program disagrees, 0 otherwise.
//
// The engine runs in-process and synchronously: an engine hang stops the run
// (its progress line stops); find the program with --start/--count.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProgram } from './cpython-gen.mjs';
import { CPython, FIXTURES, createEngine, hashOf, judge, minimise, sameMessage } from './cpython-lib.mjs';

function parseArgs(argv) {
  const o = { seed: 1, count: 1000, start: 0, seconds: Infinity, batch: 200, minimise: true, maxMinimise: 2, json: false, quiet: false, show: 0 };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v)) throw new Error(`${a} needs a number`);
      return v;
    };
    if (a === '--seed') o.seed = num();
    else if (a === '--count') o.count = num();
    else if (a === '--start') o.start = num();
    else if (a === '--seconds') o.seconds = num();
    else if (a === '--batch') o.batch = num();
    else if (a === '--no-minimise') o.minimise = false;
    else if (a === '--max-minimise') o.maxMinimise = num();
    else if (a === '--json') o.json = true;
    else if (a === '--quiet') o.quiet = true;
    else if (a === '--show') o.show = num();
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const engine = await createEngine();
  const cpython = new CPython();
  const counts = { programs: 0, agree: 0, known: {}, skip: {}, differ: {}, messages: 0 };
  const minimised = new Map();
  const examples = [];
  const differing = []; // [index, category] of every disagreement
  const bump = (m, k) => { m[k] = (m[k] ?? 0) + 1; };
  let index = o.start;
  const end = o.start + o.count;
  const deadline = t0 + o.seconds * 1000;
  while (index < end && Date.now() < deadline) {
    const n = Math.min(o.batch, end - index);
    const sources = Array.from({ length: n }, (_, k) => generateProgram(o.seed, index + k));
    const pyResults = cpython.runAll(sources); // runs while the engine works on the same batch
    const enResults = sources.map((s) => {
      try { return engine(s); } catch (e) { return { prints: [], error: { kind: 'EngineCrash', message: String(e?.stack ?? e), line: 0 } }; }
    });
    const py = await pyResults;
    for (let k = 0; k < n; k += 1) {
      const { verdict, category } = await judge(py[k], enResults[k], sources[k], cpython);
      counts.programs += 1;
      if (verdict === 'agree') {
        counts.agree += 1;
        if (!sameMessage(py[k], enResults[k])) {
          counts.messages += 1;
          if (!o.quiet && counts.messages <= o.show) console.log(`message (seed ${o.seed} index ${index + k}): ${JSON.stringify(py[k].error.message)} != ${JSON.stringify(enResults[k].error.message)}`);
        }
        continue;
      }
      bump(counts[verdict], category);
      if (verdict !== 'differ') continue;
      differing.push([index + k, category]);
      if (examples.length < o.show) examples.push({ index: index + k, category, source: sources[k], py: py[k], en: enResults[k] });
      const done = minimised.get(category) ?? 0;
      if (!o.minimise || done >= o.maxMinimise) continue;
      minimised.set(category, done + 1);
      const small = await minimise(sources[k], category, engine, cpython);
      const hash = hashOf(small);
      const file = join(FIXTURES, `${hash}.py`);
      if (!existsSync(file)) {
        mkdirSync(FIXTURES, { recursive: true });
        const frozen = await cpython.run(small);
        writeFileSync(file, small);
        writeFileSync(join(FIXTURES, `${hash}.json`), `${JSON.stringify({ python: '3.11.7', category, found: { seed: o.seed, index: index + k }, status: 'open', cpython: frozen, engine: engine(small) }, null, 2)}\n`);
      }
      if (!o.quiet) console.log(`DIFF ${category} (seed ${o.seed} index ${index + k}) -> ${file}`);
    }
    index += n;
    if (!o.quiet) process.stderr.write(`\r${counts.programs} programs, ${counts.agree} agree, ${Object.values(counts.differ).reduce((a, b) => a + b, 0)} differ, ${((Date.now() - t0) / 1000).toFixed(0)} s `);
  }
  await cpython.close();
  const seconds = (Date.now() - t0) / 1000;
  const differ = Object.values(counts.differ).reduce((a, b) => a + b, 0);
  if (!o.quiet) process.stderr.write('\n');
  for (const e of examples) console.log(`--- ${e.category} (index ${e.index})\n${e.source}CPython: ${JSON.stringify(e.py)}\nengine:  ${JSON.stringify(e.en)}`);
  console.log(`seed ${o.seed}, indices ${o.start}..${index - 1}: ${counts.programs} programs in ${seconds.toFixed(1)} s: ${counts.agree} agree, ${differ} differ`);
  const show = (label, m) => { for (const [k, v] of Object.entries(m).sort((a, b) => b[1] - a[1])) console.log(`  ${label} ${k}: ${v}`); };
  show('known', counts.known);
  show('skip', counts.skip);
  show('DIFFER', counts.differ);
  console.log(`  (error messages that differ, same kind and line: ${counts.messages})`);
  for (const [i, c] of differing) console.log(`  differ: seed ${o.seed} index ${i} ${c}`);
  if (o.json) console.log(JSON.stringify({ seed: o.seed, start: o.start, next: index, seconds, ...counts, differing }));
  process.exitCode = differ > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
