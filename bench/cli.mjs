// The CLI against the reference oracle (CPython, + RestrictedPython when importable).
//
//   node bench/cli.mjs [--runs 10] [--iterations 50] [--warmup 10] [--json out]
//
// cold  for every public conformance repo, `node bin/plue workflow plan --json`
//       and `<real python3> shared/oracle/plue-ref workflow plan --json
//       [--prompts .plue/prompts]` run in the repo folder, alternately, --runs
//       times each after one untimed run each; wall time spawn -> exit, median.
//       Both outputs are compared byte for byte. Peak RSS from one extra run of
//       each (getrusage of the children, bench/lib/maxrss.py).
// warm  for every conformance file, in this process: createAnalyzer() once,
//       then analyze([file]) --warmup times untimed and --iterations times
//       timed (bytes already in memory, prompts and event.json loaded once); the oracle's
//       plan_files([file]) the same way in one python process
//       (bench/oracle_inprocess.py). Median per call.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { peakRssMb, timed } from './lib/run.mjs';
import { ORACLE, REPO, conformanceRepos, fmt, machine, markdownTable, median, parseArgs, writeJson, realPython } from './lib/util.mjs';

const requireCjs = createRequire(import.meta.url);
const USAGE = `usage: node bench/cli.mjs [--runs N] [--iterations N] [--warmup N] [--only SUBSTRING] [--skip-cold] [--skip-warm] [--json out]`;
const opts = parseArgs(process.argv.slice(2), { runs: 10, iterations: 50, warmup: 10, only: '', skipCold: false, skipWarm: false, json: '' }, USAGE);

const PLUE = path.join(REPO, 'bin', 'plue');
const ORACLE_CLI = path.join(ORACLE, 'plue-ref');
if (!existsSync(path.join(REPO, 'server', 'out', 'engine.js'))) throw new Error('server/out is missing: run npm run build');
if (!existsSync(ORACLE_CLI)) throw new Error(`no oracle at ${ORACLE_CLI} (set BENCH_SHARED to the shared/ folder)`);
const python = realPython();
const repos = conformanceRepos().filter((r) => r.name.includes(opts.only));

/** The conformance case's event.json, when it has one, goes to both. */
const eventArgs = (repo) => (existsSync(path.join(repo.dir, 'event.json')) ? ['--event', 'event.json'] : []);
const plueArgsOf = (repo) => [PLUE, 'workflow', 'plan', '--json', ...eventArgs(repo)];

function oracleArgs(repo) {
  const prompts = path.join(repo.dir, '.plue', 'prompts');
  return [ORACLE_CLI, 'workflow', 'plan', '--json', ...eventArgs(repo), ...(existsSync(prompts) ? ['--prompts', path.join('.plue', 'prompts')] : [])];
}

/** 'yes', 'yes, columns aside' (the oracle reports column 1 for run-time errors) or 'no'. */
function sameOutput(a, b) {
  if (a.status === b.status && a.stdout.equals(b.stdout)) return 'yes';
  try {
    const strip = (r) => {
      const env = JSON.parse(r.stdout.toString());
      for (const d of env.diagnostics) d.column = null;
      return JSON.stringify(env);
    };
    if (a.status === b.status && strip(a) === strip(b)) return 'yes, columns aside';
  } catch {
    // not JSON
  }
  return 'no';
}

function cold() {
  const rows = [];
  for (const repo of repos) {
    const plueArgs = plueArgsOf(repo);
    const ours = timed(process.execPath, plueArgs, repo.dir);
    const theirs = timed(python, oracleArgs(repo), repo.dir);
    const same = sameOutput(ours, theirs);
    const plueMs = [];
    const oracleMs = [];
    for (let i = 0; i < opts.runs; i++) {
      plueMs.push(timed(process.execPath, plueArgs, repo.dir).ms);
      oracleMs.push(timed(python, oracleArgs(repo), repo.dir).ms);
    }
    const lines = repo.files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length - 1, 0);
    const row = {
      repo: repo.name,
      files: repo.files.length,
      lines,
      same,
      plueMs: median(plueMs),
      oracleMs: median(oracleMs),
      plueRssMb: peakRssMb(python, process.execPath, plueArgs, repo.dir),
      oracleRssMb: peakRssMb(python, python, oracleArgs(repo), repo.dir),
      plueRuns: plueMs,
      oracleRuns: oracleMs,
    };
    row.speedup = row.oracleMs / row.plueMs;
    rows.push(row);
    console.error(`cold ${repo.name}: plue ${fmt(row.plueMs)} ms, oracle ${fmt(row.oracleMs)} ms (x${fmt(row.speedup, 2)})${same === 'no' ? ' OUTPUT DIFFERS' : ''}`);
  }
  return rows;
}

async function warm() {
  const { createAnalyzer } = requireCjs(path.join(REPO, 'server', 'out', 'engine.js'));
  const { readEvent, readPrompts } = requireCjs(path.join(REPO, 'server', 'out', 'cli', 'inputs.js'));
  const analyzer = await createAnalyzer();
  const jobs = [];
  const rows = [];
  for (const repo of repos) {
    const promptsDir = path.join(repo.dir, '.plue', 'prompts');
    const { prompts, problems } = readPrompts(promptsDir);
    const eventFile = path.join(repo.dir, 'event.json');
    const event = existsSync(eventFile) ? readEvent(eventFile) : undefined;
    for (const file of repo.files) {
      const rel = path.relative(repo.dir, file);
      const bytes = new Uint8Array(readFileSync(file));
      const input = [{ path: rel, bytes }];
      const options = { prompts, promptProblems: problems, ...(event ? { event } : {}) };
      let diagnostics = 0;
      for (let i = 0; i < opts.warmup; i++) analyzer.analyze(input, options);
      const ms = [];
      for (let i = 0; i < opts.iterations; i++) {
        const t = performance.now();
        const result = analyzer.analyze(input, options);
        ms.push(performance.now() - t);
        diagnostics = result.envelope.diagnostics.length;
      }
      rows.push({ repo: repo.name, file: rel, lines: readFileSync(file, 'utf8').split('\n').length - 1, diagnostics, plueMs: median(ms) });
      jobs.push({ path: rel, cwd: repo.dir, event: event ? 'event.json' : null, prompts: existsSync(promptsDir) ? path.join('.plue', 'prompts') : null });
    }
  }
  const r = spawnSync(python, [path.join(REPO, 'bench', 'oracle_inprocess.py'), ORACLE], {
    input: JSON.stringify({ iterations: opts.iterations, warmup: opts.warmup, files: jobs }),
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`oracle_inprocess.py failed: ${r.stderr}`);
  const oracle = JSON.parse(r.stdout.toString());
  oracle.files.forEach((f, i) => {
    rows[i].oracleMs = median(f.seconds) * 1000;
    rows[i].speedup = rows[i].oracleMs / rows[i].plueMs;
    console.error(`warm ${rows[i].repo}/${rows[i].file}: analyze() ${fmt(rows[i].plueMs, 2)} ms, oracle ${fmt(rows[i].oracleMs, 2)} ms (x${fmt(rows[i].speedup, 1)})`);
  });
  return { rows, oracleHasRestrictedPython: oracle.have_rp, oraclePython: oracle.python };
}

const result = { machine: machine(), python, options: opts, cold: opts.skipCold ? null : cold(), warm: opts.skipWarm ? null : await warm() };

const out = [];
if (result.cold) {
  out.push(`Cold CLI, median of ${opts.runs} runs (ms):\n`);
  out.push(
    markdownTable(
      ['repo', 'files', 'lines', 'plue', 'oracle', 'oracle / plue', 'plue RSS MB', 'oracle RSS MB', 'same output'],
      result.cold.map((r) => [r.repo, r.files, r.lines, fmt(r.plueMs), fmt(r.oracleMs), fmt(r.speedup, 2), fmt(r.plueRssMb), fmt(r.oracleRssMb), r.same === 'no' ? '**no**' : r.same]),
    ),
  );
}
if (result.warm) {
  out.push(`\nWarm in-process, median of ${opts.iterations} calls after ${opts.warmup} (ms); oracle RestrictedPython: ${result.warm.oracleHasRestrictedPython ? 'yes' : 'no (not importable: its own equivalent checks)'}:\n`);
  out.push(
    markdownTable(
      ['file', 'lines', 'analyze()', 'oracle plan_files()', 'oracle / analyze()'],
      result.warm.rows.map((r) => [`${r.repo}/${r.file}`, r.lines, fmt(r.plueMs, 2), fmt(r.oracleMs, 2), fmt(r.speedup, 1)]),
    ),
  );
}
console.log(out.join('\n'));
if (opts.json) writeJson(opts.json, result);
