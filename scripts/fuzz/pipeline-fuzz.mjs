// Pipeline fuzzer: random and mutated workflow sources through the whole
// engine (decode, parse, syntax checks, policy, lowering, evaluation, plans)
// via createAnalyzer().analyze(), as the CLI and the language server's
// workers call it. Build first (`npm run build`).
//
//   node scripts/fuzz/pipeline-fuzz.mjs [--seed N] [--seconds S] [--jobs J]
//        [--timeout-ms MS] [--det-every K] [--out DIR]
//   node scripts/fuzz/pipeline-fuzz.mjs --emit SEED:INDEX FILE      write one input's bytes
//   node scripts/fuzz/pipeline-fuzz.mjs --replay FILE [--limits JSON] [--facts]
//   node scripts/fuzz/pipeline-fuzz.mjs --minimize FILE --signature SIG [--limits JSON] [--facts] [--to FILE]
//
// Inputs (pipeline-inputs.mjs): random bytes, token soup, mutations and
// splices of the corpora (shared/conformance, test/fixtures, examples), bombs
// near the nesting limit; input i of seed s is a pure function of (s, i), so
// `--emit s:i` reproduces any finding. Job k of --jobs J fuzzes seed N+k in
// its own child process, one input after another.
//
// Oracle, per input: analyze() does not throw; it finishes within
// --timeout-ms of CPU time (default 5000; the child announces each input, the
// parent reads the child's CPU time from /proc and kills it when one input
// overruns, or when it takes 20 times that in wall-clock time; the parent then
// re-runs that input alone and calls it a hang when it needs that much CPU
// time again, else `slow-under-load`, a note; CPU time rather than wall-clock
// time because the machine may be shared);
// no InternalError diagnostic; formatEnvelope() parses as JSON with one file;
// every diagnostic's line and column lie within the file (envelope: 1-based
// code points; ranges: 0-based UTF-16, start <= end); and, for one input in
// --det-every (default 4), a second analysis (every other time with a second
// Analyzer) gives the same envelope bytes and diagnostics. A run that hits
// the wall-clock backstop (maxEvalMillis) is exempt from the determinism check
// and counted as `wallclock`.
//
// Findings go to DIR (default test-output/fuzz/pipeline): <type>-s<seed>-i<index>.py
// plus findings.jsonl; summary.json holds inputs and CPU time per seed. Exit 1
// when anything was found.

import { Buffer } from 'node:buffer';
import { fork } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { inputAt, limitsAt, loadCorpus, REPO, Rng } from './pipeline-inputs.mjs';

const require = createRequire(import.meta.url);
const SELF = fileURLToPath(import.meta.url);
const PATH = '.plue/workflows/fuzz.py';

// ------------------------------------------------------------------ options

function parseArgs(argv) {
  const opts = { seed: 1, seconds: 60, jobs: 1, timeoutMs: 5000, detEvery: 4, out: join(REPO, 'test-output', 'fuzz', 'pipeline') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--seed') opts.seed = Number(next());
    else if (a === '--seconds') opts.seconds = Number(next());
    else if (a === '--jobs') opts.jobs = Number(next());
    else if (a === '--timeout-ms') opts.timeoutMs = Number(next());
    else if (a === '--det-every') opts.detEvery = Number(next());
    else if (a === '--out') opts.out = next();
    else if (a === '--child') opts.child = true;
    else if (a === '--start') opts.start = Number(next());
    else if (a === '--emit') opts.emit = [next(), next()];
    else if (a === '--replay') opts.replay = next();
    else if (a === '--minimize') opts.minimize = next();
    else if (a === '--signature') opts.signature = next();
    else if (a === '--to') opts.to = next();
    else if (a === '--limits') opts.limits = JSON.parse(next());
    else if (a === '--facts') opts.facts = true;
    else if (a === '--single') opts.single = true;
    else {
      console.error(`pipeline-fuzz: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

// ------------------------------------------------------------------ oracle

/** The engine under test: this repository's build, or a snapshot of it (PLUE_ENGINE_ROOT: a copy of server/out, wasm, package.json) so a rebuild during a long run changes nothing. */
function loadEngine() {
  return require(join(process.env.PLUE_ENGINE_ROOT || REPO, 'server', 'out', 'engine.js'));
}

function lineTableOf(bytes) {
  // Rows as the engine counts them: \n, \r\n and a lone \r end a line.
  let rows = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) rows++;
  }
  return rows;
}

function codePoints(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Checks one range (0-based rows, UTF-16 columns) against the file's lines. */
function rangeProblem(range, lines, what) {
  if (!range || !range.start || !range.end) return `${what}: no range`;
  const { start, end } = range;
  for (const [name, p] of [['start', start], ['end', end]]) {
    if (!Number.isInteger(p.row) || !Number.isInteger(p.column) || p.row < 0 || p.column < 0) return `${what}: ${name} ${JSON.stringify(p)} is not a position`;
    if (p.row >= lines.lineCount) return `${what}: ${name} row ${p.row} past the last row ${lines.lineCount - 1}`;
    // the end may sit one past the line (a point range on the line break or the end of the file)
    const len = lines.lineText(p.row).length + (name === 'end' ? 1 : 0);
    if (p.column > len) return `${what}: ${name} column ${p.column} past the end of row ${p.row} (length ${len})`;
  }
  if (end.row < start.row || (end.row === start.row && end.column < start.column)) return `${what}: end ${JSON.stringify(end)} before start ${JSON.stringify(start)}`;
  return null;
}

const WALLCLOCK = /evaluation time limit exceeded/;

/**
 * Runs the oracle on one input. Returns { findings: [{ type, message }], kind, wallclock }.
 * `state` holds the analyzers; a throw replaces them (the parser may be left broken).
 */
function examine(state, bytes, options, checkDeterminism) {
  const { engine } = state;
  const findings = [];
  let analysis;
  const started = performance.now();
  try {
    analysis = state.analyzer.analyze([{ path: PATH, bytes }], options);
  } catch (e) {
    findings.push({ type: 'throw', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    state.reset = true;
    return { findings, kind: 'throw', wallclock: false, ms: performance.now() - started };
  }
  const ms = performance.now() - started;
  let json;
  try {
    json = engine.formatEnvelope(analysis.envelope);
    const parsed = JSON.parse(json);
    if (!Array.isArray(parsed.files) || parsed.files.length !== 1 || !Array.isArray(parsed.diagnostics)) findings.push({ type: 'envelope', message: 'envelope shape: not one file with a diagnostics list' });
  } catch (e) {
    findings.push({ type: 'envelope', message: `envelope does not format or parse: ${e instanceof Error ? e.message : String(e)}` });
  }
  const file = analysis.files[0];
  const diagnostics = file?.diagnostics ?? [];
  const kinds = analysis.envelope.diagnostics.map((d) => d.kind);
  const wallclock = diagnostics.some((d) => d.kind === 'LimitError' && WALLCLOCK.test(d.message));
  for (const d of diagnostics) {
    if (d.kind === 'InternalError') findings.push({ type: 'internal', message: d.message });
    if (typeof d.kind !== 'string' || !/^[A-Z][A-Za-z]*$/.test(d.kind)) findings.push({ type: 'kind', message: `odd kind ${JSON.stringify(d.kind)}` });
  }
  // Envelope positions: 1-based line, 1-based code-point column within the line (or one past its end).
  const rows = file?.lines ? file.lines.lineCount : lineTableOf(bytes);
  for (const d of analysis.envelope.diagnostics) {
    if (!Number.isInteger(d.line) || d.line < 1 || d.line > rows) findings.push({ type: 'position', message: `${d.kind}: line ${d.line} outside 1..${rows}` });
    else if (!Number.isInteger(d.column) || d.column < 1) findings.push({ type: 'position', message: `${d.kind}: column ${d.column} < 1` });
    else if (file?.lines) {
      const max = codePoints(file.lines.lineText(d.line - 1)) + 1;
      if (d.column > max) findings.push({ type: 'position', message: `${d.kind}: column ${d.column} past ${max} on line ${d.line}` });
    }
  }
  if (file?.lines) {
    for (const d of diagnostics) {
      const p = rangeProblem(d.range, file.lines, `${d.kind} range`);
      if (p) findings.push({ type: 'range', message: p });
      for (const t of d.traceback ?? []) {
        const q = rangeProblem(t.range, file.lines, `${d.kind} traceback ${t.name}`);
        if (q) findings.push({ type: 'range', message: q });
      }
    }
  }
  if (checkDeterminism && !wallclock && findings.length === 0) {
    const other = state.flip ? state.second : state.analyzer;
    state.flip = !state.flip;
    let again;
    try {
      again = other.analyze([{ path: PATH, bytes }], options);
    } catch (e) {
      findings.push({ type: 'throw', message: `second run threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
      state.reset = true;
      return { findings, kind: kinds[0] ?? 'ok', wallclock, ms };
    }
    const wallclockAgain = again.files[0].diagnostics.some((d) => d.kind === 'LimitError' && WALLCLOCK.test(d.message));
    if (!wallclockAgain) {
      const json2 = engine.formatEnvelope(again.envelope);
      if (json2 !== json) findings.push({ type: 'nondeterminism', message: `envelope differs on a second run:\n${json.slice(0, 600)}\n---\n${json2.slice(0, 600)}` });
      else {
        const a = JSON.stringify(diagnostics);
        const b = JSON.stringify(again.files[0].diagnostics);
        if (a !== b) findings.push({ type: 'nondeterminism', message: `diagnostics differ on a second run:\n${a.slice(0, 600)}\n---\n${b.slice(0, 600)}` });
      }
    }
  }
  return { findings, kind: kinds[0] ?? 'ok', wallclock, ms };
}

/** A short signature to deduplicate findings: type plus the message's first line (numbers elided) or the top stack frame. */
function signatureOf(finding) {
  const lines = finding.message.split('\n');
  const frame = lines.find((l) => /^\s+at /.test(l));
  const head = lines[0].replace(/\d+/g, 'N').slice(0, 160);
  return `${finding.type}: ${head}${frame ? ` @ ${frame.trim().replace(/:\d+:\d+\)?$/, '').replace(/^at /, '')}` : ''}`;
}

async function newState() {
  const engine = loadEngine();
  return { engine, analyzer: await engine.createAnalyzer(), second: await engine.createAnalyzer(), flip: false, reset: false };
}

function optionsFor(seed, index, extra = {}) {
  const rng = new Rng(`options:${seed}:${index}`);
  const limits = limitsAt(seed, index);
  const options = { collectFacts: rng.chance(0.5) };
  if (limits) options.limits = limits;
  return { ...options, ...extra };
}

// ------------------------------------------------------------------ child

async function runChild(opts) {
  const corpus = loadCorpus();
  let state = await newState();
  let stop = false;
  process.on('message', (m) => {
    if (m && m.t === 'stop') stop = true;
  });
  const stats = { inputs: 0, kinds: {}, wallclock: 0, determinismChecks: 0, slowest: 0, slowestIndex: -1 };
  const send = (m) => process.send?.(m);
  const report = () => send({ t: 'stats', stats, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  let lastReport = performance.now();
  for (let i = opts.start ?? 0; !stop; i++) {
    send({ t: 's', i });
    const { bytes } = inputAt(corpus, opts.seed, i);
    const det = opts.detEvery > 0 && i % opts.detEvery === 0;
    const result = examine(state, bytes, optionsFor(opts.seed, i), det);
    stats.inputs++;
    if (det) stats.determinismChecks++;
    stats.kinds[result.kind] = (stats.kinds[result.kind] ?? 0) + 1;
    if (result.wallclock) stats.wallclock++;
    if (result.ms > stats.slowest) {
      stats.slowest = Math.round(result.ms);
      stats.slowestIndex = i;
    }
    for (const f of result.findings) send({ t: 'f', i, type: f.type, message: f.message, signature: signatureOf(f) });
    if (state.reset) state = await newState();
    if (performance.now() - lastReport > 2000) {
      report();
      lastReport = performance.now();
      // let the 'stop' message in
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  report();
  send({ t: 'bye' });
  process.disconnect?.();
}

// ------------------------------------------------------------------ parent

/** CPU seconds of this process's reaped children (utime + stime), from /proc/self/stat. */
function childrenCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is state (field 3); cutime is field 16, cstime field 17
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

/** CPU time of a process in ms (utime + stime from /proc/PID/stat), or NaN. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Runs one input alone in a fresh child and reports how long it took (for suspected hangs and crashes). */
function confirmAlone(opts, seed, index, limitMs) {
  return new Promise((resolve) => {
    const child = fork(SELF, ['--child', '--single', '--seed', String(seed), '--start', String(index), '--det-every', '0'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const started = performance.now();
    const findings = [];
    let done = false;
    let cpuMs = NaN;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, limitMs);
    child.on('message', (m) => {
      if (m.t === 'f') findings.push(m);
      if (m.t === 'stats' && m.stats.inputs > 0 && !done) {
        done = true;
        cpuMs = m.stats.cpuMs;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ ms: Math.round(performance.now() - started), cpuMs, finished: done, code, signal, findings, stderr: stderr.slice(-2000) });
    });
  });
}

async function runParent(opts) {
  mkdirSync(opts.out, { recursive: true });
  const corpus = loadCorpus();
  const findingsFile = join(opts.out, 'findings.jsonl');
  let deadline = performance.now() + opts.seconds * 1000;
  // SIGTERM ends the run early, with its summary
  process.on('SIGTERM', () => {
    deadline = performance.now();
  });
  const bySignature = new Map();
  const perSeed = new Map();
  const started = performance.now();
  const cpu0 = childrenCpuSeconds();

  const record = async (seed, index, type, message, signature) => {
    const entry = bySignature.get(signature) ?? { signature, type, count: 0, examples: [] };
    bySignature.set(signature, entry);
    entry.count++;
    if (entry.examples.length >= 3) return;
    const { bytes, how } = inputAt(corpus, seed, index);
    const file = join(opts.out, `${type}-s${seed}-i${index}.py`);
    writeFileSync(file, bytes);
    const options = optionsFor(seed, index);
    entry.examples.push({ seed, index, file });
    appendFileSync(findingsFile, `${JSON.stringify({ seed, index, type, signature, how, options, file, message: message.slice(0, 4000) })}\n`);
    console.log(`FINDING ${signature}\n  seed ${seed} index ${index} (${how}) -> ${file}`);
  };

  const runJob = (seed) =>
    new Promise((resolveJob) => {
      const s = { seed, slow: [], inputs: 0, children: 0, kinds: {}, wallclock: 0, determinismChecks: 0, cpuReported: 0, slowest: 0, slowestIndex: -1, maxRss: 0 };
      perSeed.set(seed, s);
      let start = 0;
      const spawnChild = () => {
        if (performance.now() >= deadline) {
          resolveJob();
          return;
        }
        s.children++;
        const child = fork(SELF, ['--child', '--seed', String(seed), '--start', String(start), '--det-every', String(opts.detEvery)], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr = (stderr + d).slice(-4000);
        });
        let current = start;
        let currentSince = performance.now();
        let currentCpu = 0;
        let last = { inputs: 0, cpu: 0, kinds: {}, wallclock: 0, determinismChecks: 0 };
        let killedFor = null;
        let stopping = false;
        const watchdog = setInterval(() => {
          if (!stopping && performance.now() >= deadline) {
            stopping = true;
            child.send({ t: 'stop' });
            setTimeout(() => child.kill('SIGKILL'), 15000).unref();
          }
          const cpu = processCpuMs(child.pid) - currentCpu;
          if (!killedFor && !stopping && (cpu > opts.timeoutMs || performance.now() - currentSince > 20 * opts.timeoutMs)) {
            killedFor = { index: current, ms: Math.round(performance.now() - currentSince), cpuMs: Math.round(cpu) };
            child.kill('SIGKILL');
          }
        }, 100);
        child.on('message', (m) => {
          if (m.t === 's') {
            current = m.i;
            currentSince = performance.now();
            currentCpu = processCpuMs(child.pid);
          } else if (m.t === 'f') {
            void record(seed, m.i, m.type, m.message, m.signature);
          } else if (m.t === 'stats') {
            last = { inputs: m.stats.inputs, cpu: (m.cpu.user + m.cpu.system) / 1e6, kinds: m.stats.kinds, wallclock: m.stats.wallclock, determinismChecks: m.stats.determinismChecks };
            s.maxRss = Math.max(s.maxRss, m.rss);
            if (m.stats.slowest > s.slowest) {
              s.slowest = m.stats.slowest;
              s.slowestIndex = m.stats.slowestIndex;
            }
          }
        });
        child.on('exit', async (code, signal) => {
          clearInterval(watchdog);
          // inputs completed by this child: the last stats report, or everything before the current input when it died
          const completed = Math.max(last.inputs, current - start);
          s.inputs += completed;
          s.cpuReported += last.cpu;
          for (const [k, v] of Object.entries(last.kinds)) s.kinds[k] = (s.kinds[k] ?? 0) + v;
          s.wallclock += last.wallclock;
          s.determinismChecks += last.determinismChecks;
          if (killedFor) {
            const check = await confirmAlone(opts, seed, killedFor.index, 40 * opts.timeoutMs);
            const type = check.finished && check.cpuMs < opts.timeoutMs ? 'slow-under-load' : 'hang';
            const message = `over ${opts.timeoutMs} ms (killed after ${killedFor.cpuMs} ms CPU, ${killedFor.ms} ms wall); alone: ${check.finished ? `finished with ${check.cpuMs} ms CPU in ${check.ms} ms` : `still running after ${check.ms} ms`}`;
            if (type === 'hang') await record(seed, killedFor.index, type, message, `hang: input over ${opts.timeoutMs} ms CPU`);
            else s.slow.push({ index: killedFor.index, message });
            start = killedFor.index + 1;
            spawnChild();
          } else if (!stopping && (code !== 0 || signal)) {
            await record(seed, current, 'crash', `child died (code ${code}, signal ${signal}) on this input:\n${stderr}`, `crash: ${(stderr.split('\n').find((l) => /Error|error|FATAL|Abort/.test(l)) ?? `code ${code} ${signal}`).slice(0, 160)}`);
            start = current + 1;
            spawnChild();
          } else if (!stopping) {
            start = current + 1;
            spawnChild();
          } else resolveJob();
        });
      };
      spawnChild();
    });

  const progress = setInterval(() => {
    const total = [...perSeed.values()].reduce((a, s) => a + s.inputs, 0);
    console.log(`[${Math.round((performance.now() - started) / 1000)} s] completed children: ${total} inputs; findings: ${[...bySignature.values()].reduce((a, e) => a + e.count, 0)} in ${bySignature.size} signatures`);
  }, 60000);
  await Promise.all(Array.from({ length: opts.jobs }, (_, k) => runJob(opts.seed + k)));
  clearInterval(progress);
  const cpuChildren = childrenCpuSeconds() - cpu0;
  const own = process.cpuUsage();
  const summary = {
    command: `node scripts/fuzz/pipeline-fuzz.mjs --seed ${opts.seed} --seconds ${opts.seconds} --jobs ${opts.jobs} --timeout-ms ${opts.timeoutMs} --det-every ${opts.detEvery}`,
    wallSeconds: Math.round((performance.now() - started) / 1000),
    cpuSecondsChildren: Math.round(cpuChildren),
    cpuSecondsParent: Math.round((own.user + own.system) / 1e6),
    seeds: [...perSeed.values()].map((s) => ({ ...s, cpuReported: Math.round(s.cpuReported) })),
    findings: [...bySignature.values()],
  };
  writeFileSync(join(opts.out, `summary-s${opts.seed}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
  process.exitCode = bySignature.size > 0 ? 1 : 0;
}

// ------------------------------------------------------------------ single-input tools

async function replay(opts) {
  const bytes = readFileSync(opts.replay);
  const state = await newState();
  const options = { collectFacts: opts.facts === true, ...(opts.limits ? { limits: opts.limits } : {}) };
  const result = examine(state, bytes, options, true);
  console.log(JSON.stringify({ kind: result.kind, ms: Math.round(result.ms), wallclock: result.wallclock, findings: result.findings.map((f) => ({ ...f, signature: signatureOf(f) })) }, null, 2));
  process.exitCode = result.findings.length > 0 ? 1 : 0;
}

/** Delta debugging (lines, then characters, then bytes) keeping the finding's signature. */
async function minimize(opts) {
  let bytes = readFileSync(opts.minimize);
  let state = await newState();
  const options = { collectFacts: opts.facts === true, ...(opts.limits ? { limits: opts.limits } : {}) };
  const wanted = opts.signature;
  const interesting = (candidate) => {
    const r = examine(state, candidate, options, wanted.startsWith('nondeterminism'));
    if (state.reset) state.reset = false;
    return r.findings.some((f) => signatureOf(f).startsWith(wanted));
  };
  if (!interesting(bytes)) {
    console.error('the input does not show that signature');
    process.exit(2);
  }
  const units = (b, mode) => {
    if (mode === 'lines') {
      const out = [];
      let s = 0;
      for (let i = 0; i < b.length; i++) {
        if (b[i] !== 10) continue;
        out.push(b.subarray(s, i + 1));
        s = i + 1;
      }
      if (s < b.length) out.push(b.subarray(s));
      return out;
    }
    return [...b].map((x) => Buffer.from([x]));
  };
  for (const mode of ['lines', 'bytes']) {
    let parts = units(bytes, mode);
    let chunk = Math.max(1, Math.floor(parts.length / 2));
    while (chunk >= 1) {
      let changed = false;
      for (let i = 0; i < parts.length; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        if (candidate.length < parts.length && interesting(Buffer.concat(candidate))) {
          parts = candidate;
          changed = true;
        } else i += chunk;
      }
      if (!changed) chunk = Math.floor(chunk / 2);
      if (mode === 'bytes' && parts.length > 20_000 && chunk < 64) break;
    }
    bytes = Buffer.concat(parts);
    console.error(`after ${mode}: ${bytes.length} bytes`);
  }
  if (opts.to) writeFileSync(opts.to, bytes);
  else process.stdout.write(bytes);
}

// ------------------------------------------------------------------ main

const opts = parseArgs(process.argv.slice(2));
if (opts.emit) {
  const [seed, index] = opts.emit[0].split(':').map(Number);
  const { bytes, how } = inputAt(loadCorpus(), seed, index);
  writeFileSync(opts.emit[1], bytes);
  console.log(`${how}; options ${JSON.stringify(optionsFor(seed, index))}; ${bytes.length} bytes -> ${opts.emit[1]}`);
} else if (opts.replay) await replay(opts);
else if (opts.minimize) await minimize(opts);
else if (opts.child) {
  if (opts.single) {
    // one input, then report (used to confirm a suspected hang or crash alone)
    const corpus = loadCorpus();
    const state = await newState();
    const { bytes } = inputAt(corpus, opts.seed, opts.start);
    const cpu0 = process.cpuUsage();
    const r = examine(state, bytes, optionsFor(opts.seed, opts.start), false);
    const cpu = process.cpuUsage(cpu0);
    for (const f of r.findings) process.send?.({ t: 'f', i: opts.start, type: f.type, message: f.message, signature: signatureOf(f) });
    process.send?.({ t: 'stats', stats: { inputs: 1, cpuMs: Math.round((cpu.user + cpu.system) / 1000) }, cpu: process.cpuUsage(), rss: 0 });
  } else await runChild(opts);
} else await runParent(opts);
