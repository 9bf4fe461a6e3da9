// Helpers shared by the bench scripts: statistics, process-tree RSS from
// /proc, the machine description, argument parsing and paths.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** shared/ sits beside the clone (…/main and …/shared); BENCH_SHARED overrides. */
export const SHARED = process.env.BENCH_SHARED ?? path.resolve(REPO, '..', 'shared');
export const CONFORMANCE = path.join(SHARED, 'conformance', 'workflows');
export const ORACLE = path.join(SHARED, 'oracle');
export const LARGEST = path.join(CONFORMANCE, '14-cmake-cpp-large-matrix', '.plue', 'workflows', 'ci.py');

/** Quantile by linear interpolation between closest ranks (q in [0, 1]). */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function summary(values) {
  return {
    n: values.length,
    min: Math.min(...values),
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

export const median = (values) => quantile(values, 0.5);

/** Fixed-point rendering that keeps tables narrow. */
export function fmt(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  return value.toFixed(digits);
}

function readStatus(pid) {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
}

function statusKb(status, key) {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) : 0;
}

/** pid and all its descendants (via /proc/<pid>/task/<tid>/children). */
export function processTree(pid) {
  const out = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift();
    if (readStatus(p) === null) continue;
    out.push(p);
    let tasks;
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        if (kids) queue.push(...kids.split(/\s+/).map(Number));
      } catch {
        // the task ended meanwhile
      }
    }
  }
  return out;
}

/** Sum of VmRSS (kB) over a process tree, and how many processes it counted. */
export function treeRssKb(pid) {
  let kb = 0;
  const pids = processTree(pid);
  for (const p of pids) {
    const status = readStatus(p);
    if (status) kb += statusKb(status, 'VmRSS');
  }
  return { kb, processes: pids.length };
}

/** Samples a process tree's RSS every `everyMs` and keeps the peak. */
export function rssSampler(pid, everyMs = 25) {
  const state = { peakKb: 0, lastKb: 0, maxProcesses: 0 };
  const sample = () => {
    const { kb, processes } = treeRssKb(pid);
    if (processes === 0) return;
    state.lastKb = kb;
    state.peakKb = Math.max(state.peakKb, kb);
    state.maxProcesses = Math.max(state.maxProcesses, processes);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    sample,
    stop() {
      clearInterval(timer);
      return state;
    },
    get state() {
      return state;
    },
  };
}

/** The real python3 binary (not a pyenv/asdf shim): sys.executable, realpath'd. */
export function realPython(candidate = process.env.BENCH_PYTHON ?? 'python3') {
  const exe = execFileSync(candidate, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  return realpathSync(exe);
}

/** What docs/benchmarks.md prints about the machine the numbers came from. */
export function machine() {
  const cpus = os.cpus();
  let python = null;
  try {
    const py = realPython();
    python = `${py} (${execFileSync(py, ['--version'], { encoding: 'utf8' }).trim()})`;
  } catch {
    // no python3
  }
  let commit = null;
  try {
    commit = execFileSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    python,
    loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
    commit,
    date: new Date().toISOString(),
  };
}

/** Minimal --flag value / --switch parser; `spec` maps names to defaults (booleans are switches). */
export function parseArgs(argv, spec, usage) {
  const out = { ...spec };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      console.log(usage);
      process.exit(0);
    }
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n${usage}`);
    const key = a.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in spec)) throw new Error(`unknown option ${a}\n${usage}`);
    if (typeof spec[key] === 'boolean') {
      out[key] = true;
    } else {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${usage}`);
      out[key] = typeof spec[key] === 'number' ? Number(v) : v;
    }
  }
  return out;
}

/** The conformance repos (folders holding .plue/workflows/*.py). */
export function conformanceRepos(root = CONFORMANCE) {
  if (!existsSync(root)) throw new Error(`no conformance corpus at ${root} (set BENCH_SHARED to the shared/ folder)`);
  return readdirSync(root)
    .filter((d) => existsSync(path.join(root, d, '.plue', 'workflows')))
    .sort()
    .map((d) => ({ name: d, dir: path.join(root, d), files: workflowFiles(path.join(root, d, '.plue', 'workflows')) }));
}

export function workflowFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...workflowFiles(full));
    else if (entry.name.endsWith('.py')) out.push(full);
  }
  return out.sort();
}

/** A markdown table from a header row and rows of cells. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Writes a result as indented JSON, creating the folder. */
export function writeJson(file, value) {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
