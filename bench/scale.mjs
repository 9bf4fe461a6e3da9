// How analysis time and memory grow with the workspace and with the file.
//
//   node bench/scale.mjs [--sizes 1,10,100,1000] [--lines 1000,2500,5000,10000] [--runs 3] [--json out]
//
// Workspaces: N workflow files made from the public conformance files that
// plan cleanly on their own (no prompts, default event), taken round-robin,
// each workflow function renamed (ci -> ci_s42) so that names stay unique
// across the run. Long files: the same files concatenated (one merged
// `from plue import` line at the top, workflows renamed) until the file has
// at least the given number of lines.
// For each input:
//   CLI        `node bin/plue workflow plan --json` cold, median of --runs, and
//              its peak RSS (getrusage of the child, bench/lib/maxrss.py);
//   analyze()  in a fresh node process per input: createAnalyzer(), then one
//              analyze() of all files (first, JIT cold) and --runs more (warm,
//              median); RSS before, peak RSS (resourceUsage().maxRSS).
// Per-file and per-line costs are printed beside the totals: linear growth
// shows as a flat per-file / per-line column.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { TextEncoder } from 'node:util';
import { peakRssMb, timed } from './lib/run.mjs';
import { REPO, conformanceRepos, fmt, machine, markdownTable, median, parseArgs, writeJson, realPython, workflowFiles } from './lib/util.mjs';

const requireCjs = createRequire(import.meta.url);
const USAGE = 'usage: node bench/scale.mjs [--sizes 1,10,100,1000] [--lines 1000,2500,5000,10000] [--runs 3] [--keep] [--json out]';
const opts = parseArgs(process.argv.slice(2), { sizes: '1,10,100,1000', lines: '1000,2500,5000,10000', runs: 3, keep: false, json: '', child: '' }, USAGE);

const lineCount = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

// ------------------------------------------------------------------ child

async function child(dir) {
  const { createAnalyzer } = requireCjs(path.join(REPO, 'server', 'out', 'engine.js'));
  const analyzer = await createAnalyzer();
  const files = workflowFiles(path.join(dir, '.plue', 'workflows')).map((f) => ({ path: path.relative(dir, f), bytes: new Uint8Array(readFileSync(f)) }));
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  let t = performance.now();
  const { envelope } = analyzer.analyze(files);
  const firstMs = performance.now() - t;
  const diagnostics = envelope.diagnostics.map((d) => `${d.file}:${d.line}: ${d.kind}: ${d.message}`);
  const workflows = envelope.files.reduce((n, f) => n + f.workflows.length, 0);
  const warm = [];
  for (let i = 0; i < Number(opts.runs); i++) {
    t = performance.now();
    analyzer.analyze(files);
    warm.push(performance.now() - t);
  }
  const out = { firstMs, warmMs: median(warm), rssBeforeMb, peakRssMb: process.resourceUsage().maxRSS / 1024, diagnostics, workflows };
  process.stdout.write(JSON.stringify(out));
}

if (opts.child) {
  await child(opts.child);
  process.exit(0);
}

// --------------------------------------------------------------- generate

function renameWorkflows(text, suffix) {
  const lines = text.split('\n');
  let inDecorator = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^@workflow\b/.test(lines[i])) inDecorator = true;
    const m = /^def (\w+)\(/.exec(lines[i]);
    if (m && inDecorator) {
      lines[i] = lines[i].replace(`def ${m[1]}(`, `def ${m[1]}_${suffix}(`);
      inDecorator = false;
    }
  }
  return lines.join('\n');
}

/** Conformance files that plan with no diagnostic on their own, and still do once renamed. */
async function cleanPool() {
  const { createAnalyzer } = requireCjs(path.join(REPO, 'server', 'out', 'engine.js'));
  const analyzer = await createAnalyzer();
  const pool = [];
  for (const repo of conformanceRepos()) {
    for (const file of repo.files) {
      const text = readFileSync(file, 'utf8');
      if (/^from plue\.(prompts|tools) import/m.test(text)) continue;
      const renamed = renameWorkflows(text, 'probe');
      const r = analyzer.analyze([{ path: 'probe.py', bytes: new TextEncoder().encode(renamed) }]);
      if (r.envelope.diagnostics.length === 0 && r.envelope.files[0].workflows.length > 0) pool.push({ name: `${repo.name}/${path.basename(file)}`, text });
    }
  }
  return pool;
}

function workspace(root, pool, n) {
  const dir = path.join(root, `files-${n}`);
  mkdirSync(path.join(dir, '.plue', 'workflows'), { recursive: true });
  let lines = 0;
  for (let i = 0; i < n; i++) {
    const text = renameWorkflows(pool[i % pool.length].text, `s${i}`);
    lines += lineCount(text);
    writeFileSync(path.join(dir, '.plue', 'workflows', `wf${String(i).padStart(5, '0')}.py`), text);
  }
  return { dir, files: n, lines };
}

function longFile(root, pool, target) {
  const dir = path.join(root, `lines-${target}`);
  mkdirSync(path.join(dir, '.plue', 'workflows'), { recursive: true });
  const names = new Set();
  const parts = [];
  let lines = 1;
  for (let i = 0; lines < target; i++) {
    let text = renameWorkflows(pool[i % pool.length].text, `s${i}`);
    text = text.replace(/^from plue import (.*)$/gm, (_, list) => {
      for (const n of list.split(',')) names.add(n.trim());
      return '';
    });
    parts.push(`# ---- ${pool[i % pool.length].name} (copy ${i})\n${text.trimEnd()}\n`);
    lines += lineCount(parts.at(-1)) + 1;
  }
  const source = `from plue import ${[...names].sort().join(', ')}\n\n${parts.join('\n')}`;
  writeFileSync(path.join(dir, '.plue', 'workflows', 'big.py'), source);
  return { dir, files: 1, lines: lineCount(source), bytes: Buffer.byteLength(source) };
}

// ---------------------------------------------------------------- measure

function measure(python, input) {
  const args = [path.join(REPO, 'bin', 'plue'), 'workflow', 'plan', '--json'];
  timed(process.execPath, args, input.dir); // untimed: page cache
  const cli = [];
  let status = 0;
  for (let i = 0; i < opts.runs; i++) {
    const r = timed(process.execPath, args, input.dir);
    cli.push(r.ms);
    status = r.status;
  }
  const cliRssMb = peakRssMb(python, process.execPath, args, input.dir);
  const c = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', input.dir, '--runs', String(opts.runs)], { maxBuffer: 1 << 28 });
  if (c.status !== 0) throw new Error(`analyze() child failed: ${c.stderr}`);
  const inproc = JSON.parse(c.stdout.toString());
  const row = { ...input, cliMs: median(cli), cliStatus: status, cliRssMb, ...inproc };
  console.error(
    `${path.basename(input.dir)}: ${input.files} files, ${input.lines} lines: CLI ${fmt(row.cliMs)} ms ${fmt(cliRssMb)} MB; ` +
      `analyze() first ${fmt(row.firstMs)} ms, warm ${fmt(row.warmMs)} ms, RSS ${fmt(row.rssBeforeMb)} -> peak ${fmt(row.peakRssMb)} MB; ` +
      `${row.workflows} workflows, ${row.diagnostics.length} diagnostics${row.diagnostics.length ? `: ${row.diagnostics[0]}` : ''}`,
  );
  return row;
}

const python = realPython();
const pool = await cleanPool();
if (pool.length === 0) throw new Error('no conformance file plans cleanly on its own');
const root = mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
const sizes = opts.sizes ? opts.sizes.split(',').map(Number) : [];
const targets = opts.lines ? opts.lines.split(',').map(Number) : [];
const result = { machine: machine(), options: opts, pool: pool.map((p) => p.name), workspaces: [], longFiles: [] };
try {
  for (const n of sizes) result.workspaces.push(measure(python, workspace(root, pool, n)));
  for (const t of targets) result.longFiles.push(measure(python, longFile(root, pool, t)));
} finally {
  if (opts.keep) console.error(`inputs kept in ${root}`);
  else rmSync(root, { recursive: true, force: true });
}

const perUnit = (rows, unit, key) =>
  rows.map((r) => [
    r[key],
    r.lines,
    fmt(r.cliMs),
    fmt(r.cliMs / r[unit], 3),
    fmt(r.cliRssMb),
    fmt(r.firstMs),
    fmt(r.warmMs),
    fmt(r.warmMs / r[unit], 3),
    fmt(r.rssBeforeMb),
    fmt(r.peakRssMb),
    fmt((r.peakRssMb - r.rssBeforeMb) / r[unit], 3),
    r.diagnostics.length,
  ]);
const header = (unit) => [unit === 'files' ? 'files' : 'file', 'lines', 'CLI ms', `CLI ms/${unit === 'files' ? 'file' : 'line'}`, 'CLI peak MB', 'analyze() first ms', 'analyze() warm ms', `warm ms/${unit === 'files' ? 'file' : 'line'}`, 'RSS before MB', 'peak RSS MB', `MB/${unit === 'files' ? 'file' : 'line'}`, 'diagnostics'];
const out = [];
if (result.workspaces.length) out.push(`Workspaces (median of ${opts.runs}):\n\n${markdownTable(header('files'), perUnit(result.workspaces, 'files', 'files'))}`);
if (result.longFiles.length) out.push(`\nOne long file (median of ${opts.runs}):\n\n${markdownTable(header('lines'), perUnit(result.longFiles, 'lines', 'lines'))}`);
console.log(out.join('\n'));
if (opts.json) writeJson(opts.json, result);
