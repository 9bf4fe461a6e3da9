// Random workflow programs, planned by our engine and by the reference oracle.
//
//   nice node scripts/fuzz/oracle-fuzz.mjs [--seed N] [--count N] [--seconds S]
//        [--batch N] [--out DIR] [--show N] [--case SEED] [--minimise] [--cli-check N] [--mutate]
//
// Program i of run --seed S is generated from caseSeed(S, i) (oracle-gen.mjs),
// written as a small repo (workflows, prompts, event.json) under a temporary
// directory and planned by both sides (oracle-compare.mjs): ours in this
// process, the oracle in one niced python3 process per batch, the two running
// side by side. Agreement is what shared/conformance/run checks: per file the
// content_hash, workflows and tools exactly, and diagnostics by (kind, file,
// line).
//
// Stops after --count programs (default 1000) or --seconds (default none),
// whichever comes first. Prints a summary: programs, agreements,
// disagreements by category with the first case seeds of each, valid/invalid
// programs and diagnostic kinds seen. Disagreements are appended to
// OUT/disagreements.jsonl (default test-output/oracle-fuzz). --case SEED
// replays one program and prints both envelopes' difference and its files.
// --minimise shrinks the first case of every category (oracle-minimise.mjs)
// and writes test/fixtures/differential-oracle/<hash>/. --cli-check N also
// runs bin/plue on every Nth program and checks its stdout is byte-identical
// to the in-process envelope. --mutate applies mutateCase (random line and
// character edits) to every program, for syntax and name errors. Exit 1 when
// anything disagreed beyond the documented differences.

import { spawnSync } from 'node:child_process';
import { setImmediate } from 'node:timers';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareCase, ROOT, runOracleBatch, runOurs } from './oracle-compare.mjs';
import { caseSeed, generateCase, mutateCase } from './oracle-gen.mjs';

export function writeCase(dir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
  fs.mkdirSync(path.join(dir, '.plue', 'workflows'), { recursive: true });
}

/** Plans each {dir, files} on both sides; resolves to [{..., result}] with result null on agreement. */
export async function planBoth(cases, opts = {}) {
  for (const c of cases) writeCase(c.dir, c.files);
  const oraclePromise = runOracleBatch(cases.map((c) => c.dir), opts);
  const ours = [];
  for (const c of cases) {
    try {
      ours.push(await runOurs(c.dir));
    } catch (e) {
      ours.push(e);
    }
    // let the child's pipes drain between cases
    if (ours.length % 20 === 0) await new Promise((r) => setImmediate(r));
  }
  const oracle = await oraclePromise;
  return cases.map((c, i) => {
    const o = ours[i];
    const result = o instanceof Error
      ? { category: `ours-crashed: ${o.message.slice(0, 60)}`, detail: o.stack, ours: null, oracle: null }
      : compareCase(o, oracle.get(c.dir));
    return { ...c, oursText: o instanceof Error ? null : o, oracleResult: oracle.get(c.dir), result };
  });
}

function parseArgs(argv) {
  const opts = { seed: 1, count: 1000, seconds: Infinity, batch: 200, out: path.join(ROOT, 'test-output', 'oracle-fuzz'), show: 3, case: null, minimise: false, cliCheck: 0, mutate: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--seed') opts.seed = Number(next());
    else if (a === '--count') opts.count = Number(next());
    else if (a === '--seconds') opts.seconds = Number(next());
    else if (a === '--batch') opts.batch = Number(next());
    else if (a === '--out') opts.out = path.resolve(next());
    else if (a === '--show') opts.show = Number(next());
    else if (a === '--case') opts.case = Number(next());
    else if (a === '--minimise' || a === '--minimize') opts.minimise = true;
    else if (a === '--cli-check') opts.cliCheck = Number(next());
    else if (a === '--mutate') opts.mutate = true;
    else {
      console.error(`unknown argument: ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

function cliCheck(c) {
  const args = ['workflow', 'plan', '--json'];
  if (fs.existsSync(path.join(c.dir, 'event.json'))) args.push('--event', 'event.json');
  if (fs.existsSync(path.join(c.dir, '.plue', 'prompts'))) args.push('--prompts', '.plue/prompts');
  args.push('.plue/workflows');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'plue'), ...args], { cwd: c.dir, encoding: 'utf8' });
  return r.stdout === c.oursText;
}

async function replay(opts) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plue-oracle-case-'));
  const generated = generateCase(opts.case);
  const files = opts.mutate ? mutateCase(opts.case, generated.files) : generated.files;
  const invalid = opts.mutate ? 'mutated' : generated.invalid;
  const [c] = await planBoth([{ dir: tmp, seed: opts.case, files, invalid }]);
  for (const [rel, text] of Object.entries(files)) console.log(`==> ${rel}\n${text}`);
  console.log(`case dir: ${tmp}\ninvalid: ${invalid}`);
  console.log(c.result ? `DIFF ${c.result.category}\n${c.result.detail}` : 'same');
  if (c.result) console.log(`--- ours\n${c.oursText}\n--- oracle\n${JSON.stringify(c.oracleResult.envelope ?? c.oracleResult, null, 2)}`);
  return c.result ? 1 : 0;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.case !== null) return replay(opts);
  fs.mkdirSync(opts.out, { recursive: true });
  const log = path.join(opts.out, 'disagreements.jsonl');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plue-oracle-fuzz-'));
  const started = Date.now();
  const categories = new Map();
  const kinds = new Map();
  let done = 0;
  let same = 0;
  let documented = 0;
  let invalidCount = 0;
  let cliChecked = 0;
  let cliMismatch = 0;
  const deadline = started + opts.seconds * 1000;
  while (done < opts.count && Date.now() < deadline) {
    const n = Math.min(opts.batch, opts.count - done);
    const cases = [];
    for (let i = 0; i < n; i++) {
      const index = done + i;
      const seed = caseSeed(opts.seed, index);
      const generated = generateCase(seed);
      const files = opts.mutate ? mutateCase(seed, generated.files) : generated.files;
      const invalid = opts.mutate ? 'mutated' : generated.invalid;
      cases.push({ dir: path.join(tmp, String(i)), index, seed, files, invalid });
    }
    for (const c of await planBoth(cases)) {
      done += 1;
      if (c.invalid) invalidCount += 1;
      const env = c.oracleResult?.envelope;
      for (const d of env?.diagnostics ?? []) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
      if (!env?.diagnostics?.length) kinds.set('(no diagnostic)', (kinds.get('(no diagnostic)') ?? 0) + 1);
      if (opts.cliCheck > 0 && c.index % opts.cliCheck === 0 && c.oursText !== null) {
        cliChecked += 1;
        if (!cliCheck(c)) {
          cliMismatch += 1;
          console.log(`CLI MISMATCH case ${c.seed}`);
        }
      }
      if (!c.result) {
        same += 1;
        continue;
      }
      if (c.result.documented) documented += 1;
      const entry = categories.get(c.result.category) ?? { count: 0, seeds: [], detail: c.result.detail };
      entry.count += 1;
      if (entry.seeds.length < 5) entry.seeds.push(c.seed);
      categories.set(c.result.category, entry);
      fs.appendFileSync(log, `${JSON.stringify({ runSeed: opts.seed, index: c.index, seed: c.seed, invalid: c.invalid, category: c.result.category, detail: c.result.detail })}\n`);
    }
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    process.stderr.write(`  ${done} programs, ${done - same} disagreeing, ${secs} s\n`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const secs = (Date.now() - started) / 1000;
  console.log(`seed ${opts.seed}: ${done} programs (${invalidCount} with a deliberate mistake) in ${secs.toFixed(1)} s: ${same} agree, ${done - same} disagree (${documented} of them documented in docs/evaluation.md, ${done - same - documented} not)`);
  console.log(`oracle diagnostics: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (opts.cliCheck > 0) console.log(`bin/plue checked on ${cliChecked} programs: ${cliMismatch} differ from the in-process envelope`);
  for (const [cat, e] of [...categories].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  ${String(e.count).padStart(5)}  ${cat}   e.g. --case ${e.seeds.join(', ')}`);
    if (opts.show > 0) console.log(`         ${e.detail.split('\n').join('\n         ').slice(0, 600)}`);
  }
  if (opts.minimise && categories.size) {
    const { minimiseAndFreeze } = await import('./oracle-minimise.mjs');
    for (const [cat, e] of categories) {
      const where = await minimiseAndFreeze(e.seeds[0]);
      console.log(`minimised ${cat} (case ${e.seeds[0]}) -> ${where}`);
    }
  }
  return same + documented === done && cliMismatch === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(2);
  });
}
