// Shared parts of the differential fuzzer: the engine run in-process, the
// CPython worker (one long-running python3 process, JSON lines), the
// comparison with its categories, and the minimiser.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { TextEncoder } from 'node:util';

const require = createRequire(import.meta.url);
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'differential-cpython');

// ---- engine -------------------------------------------------------------

export async function createEngine() {
  const { createAnalyzer } = require(join(ROOT, 'server', 'out', 'engine.js'));
  const analyzer = await createAnalyzer();
  const encoder = new TextEncoder();
  /** Runs one program; returns { prints: string[], error: {kind, message, line} | null }. */
  return (source) => {
    const { envelope, files } = analyzer.analyze([{ path: '.plue/workflows/case.py', bytes: encoder.encode(source) }], {});
    const d = envelope.diagnostics[0];
    return {
      prints: files[0].prints.map((p) => p.text),
      error: d ? { kind: d.kind, message: d.message, line: d.line } : null,
    };
  };
}

// ---- CPython ------------------------------------------------------------

export class CPython {
  constructor(python = process.env.PYTHON ?? 'python3') {
    this.child = spawn(python, [join(ROOT, 'scripts', 'fuzz', 'cpython-worker.py')], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, PYTHONHASHSEED: '0' } });
    this.pending = new Map();
    this.next = 0;
    this.closed = new Promise((resolve) => this.child.on('close', resolve));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line);
      const resolve = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      resolve?.('int64' in msg ? msg.int64 : { prints: msg.prints, error: msg.error });
    });
    this.child.on('close', () => {
      for (const resolve of this.pending.values()) resolve({ prints: [], error: { kind: 'WorkerDied', message: '', line: 0 } });
      this.pending.clear();
    });
  }

  /** Runs the programs in order in the worker; resolves to one result per program. */
  runAll(sources) {
    const promises = sources.map((source) => {
      const id = this.next++;
      return new Promise((resolve) => {
        this.pending.set(id, resolve);
        this.child.stdin.write(`${JSON.stringify({ id, source })}\n`);
      });
    });
    return Promise.all(promises);
  }

  async run(source) {
    return (await this.runAll([source]))[0];
  }

  /** Whether an int of the program leaves the 64-bit range, or a complex appears, in CPython (an instrumented run). */
  int64(source) {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ id, source, int64: true })}\n`);
    });
  }

  async close() {
    this.child.stdin.end();
    await this.closed;
  }
}

// ---- comparison ---------------------------------------------------------

const FLOAT = /-?(?:\d+\.\d*(?:e[+-]?\d+)?|\d+e[+-]?\d+)/g;

/** True when the two lines differ only in floats that are within a few ulps of each other. */
function ulpsApart(a, b) {
  const fa = a.match(FLOAT) ?? [];
  const fb = b.match(FLOAT) ?? [];
  if (fa.length === 0 || fa.length !== fb.length || a.replace(FLOAT, 'F') !== b.replace(FLOAT, 'F')) return false;
  return fa.every((x, i) => {
    const u = Number(x);
    const v = Number(fb[i]);
    return u === v || Math.abs(u - v) <= 8 * Number.EPSILON * Math.max(Math.abs(u), Math.abs(v));
  });
}

/**
 * Compares the two results. Returns { verdict: 'agree' | 'known' | 'skip' | 'differ', category }.
 * 'known' are the documented differences (docs/evaluation.md, docs/language.md): 64-bit ints (CPython's
 * instrumented run saw an int outside the range), the limits, complex numbers, and float `**` off by an ulp.
 */
export function compare(py, en, source = '') {
  const pe = py.error;
  const ee = en.error;
  if (pe && (pe.kind === 'Timeout' || pe.kind === 'WorkerDied' || pe.kind === 'Unencodable')) return { verdict: 'skip', category: `cpython-${pe.kind}` };
  if (pe && pe.kind === 'SyntaxError') return { verdict: 'skip', category: 'generator-syntax' };
  if (pe && pe.kind === 'RecursionError') return { verdict: 'skip', category: 'cpython-recursion' };
  const prefix = en.prints.every((t, i) => py.prints[i] === t);
  if (ee && ee.kind === 'LimitError' && prefix) return { verdict: 'known', category: 'limit' };
  if (ee && ee.kind === 'ValueError' && /complex/.test(ee.message) && prefix) return { verdict: 'known', category: 'complex' };
  const n = Math.max(py.prints.length, en.prints.length);
  let category = null;
  for (let i = 0; i < n && !category; i += 1) {
    if (py.prints[i] === en.prints[i]) continue;
    if (i < en.prints.length && i < py.prints.length && /\*\*|pow\(/.test(source) && ulpsApart(py.prints[i], en.prints[i])) return { verdict: 'known', category: 'float-pow-ulp' };
    if (i >= en.prints.length && ee) category = `raised:${ee.kind}/${pe?.kind ?? 'none'}`;
    else if (i >= py.prints.length && pe) category = `missing-raise:${pe.kind}/${ee?.kind ?? 'none'}`;
    else category = 'prints';
  }
  if (!category) {
    if (!pe && !ee) return { verdict: 'agree', category: 'agree' };
    if (!pe) category = `raised:${ee.kind}/none`;
    else if (!ee) category = `missing-raise:${pe.kind}/none`;
    else {
      const kind = ee.kind === 'SecurityError' && pe.kind === 'NotImplementedError' ? pe.kind : ee.kind;
      if (kind !== pe.kind) category = `kind:${pe.kind}/${ee.kind}`;
      else if (pe.line !== ee.line) category = `line:${pe.kind}`;
      else return { verdict: 'agree', category: 'agree' };
    }
  }
  if (py.int64 && !(ee && ['SyntaxError', 'SecurityError', 'ImportError'].includes(ee.kind) && !pe)) return { verdict: 'known', category: 'int64-or-complex' };
  if (pe && pe.kind === 'ValueError' && /Exceeds the limit .* for integer string conversion/.test(pe.message)) return { verdict: 'skip', category: 'cpython-int-str-limit' };
  return { verdict: 'differ', category };
}

/** compare(), asking CPython for the int64 check only when the results differ. */
export async function judge(py, en, source, cpython) {
  const first = compare(py, en, source);
  if (first.verdict !== 'differ') return first;
  return compare({ ...py, int64: await cpython.int64(source) }, en, source);
}

/** The message comparison, reported apart (CPython's messages are not part of the contract). */
export function sameMessage(py, en) {
  if (!py.error || !en.error || py.error.kind !== en.error.kind) return true;
  // CPython adds "Did you mean" to a NameError only when it prints the traceback, not in str(e).
  return py.error.message === en.error.message.replace(/\. Did you mean: '[^']*'\?$/, '');
}

// ---- minimiser ----------------------------------------------------------

function blockEnd(lines, i) {
  const indent = (s) => s.length - s.trimStart().length;
  let j = i + 1;
  while (j < lines.length && (lines[j].trim() === '' || indent(lines[j]) > indent(lines[i]))) j += 1;
  return j;
}

/** Balanced (), [] and {} spans of `line` outside string literals, largest first. */
function spans(line) {
  const out = [];
  const stack = [];
  let quote = null;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) stack.push(i);
    else if (')]}'.includes(c) && stack.length) {
      const start = stack.pop();
      out.push([start, i + 1]);
    }
  }
  return out.sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
}

/** Candidate simplifications of `source`, simplest first. */
function* candidates(source) {
  const lines = source.split('\n').filter((l) => l.trim() !== '');
  // Delete a statement with its block, last first (later statements depend on earlier ones).
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const j = blockEnd(lines, i);
    yield [...lines.slice(0, i), ...lines.slice(j)];
    if (j > i + 1) yield [...lines.slice(0, i), ...lines.slice(i + 1, i + 2), ...lines.slice(j)];
  }
  // Unwrap a compound statement's header: keep its body, dedented.
  for (let i = 0; i < lines.length; i += 1) {
    if (!lines[i].trimEnd().endsWith(':')) continue;
    const j = blockEnd(lines, i);
    yield [...lines.slice(0, i), ...lines.slice(i + 1, j).map((l) => l.replace(/^ {4}/, '')), ...lines.slice(j)];
  }
  // Simplify sub-expressions.
  for (let i = 0; i < lines.length; i += 1) {
    for (const [a, b] of spans(lines[i])) {
      const text = lines[i];
      const inner = text.slice(a + 1, b - 1);
      const callee = a > 0 && /[\w\])]/.test(text[a - 1]);
      if (callee) {
        const args = inner.split(',');
        const subs = args.length > 1 ? args.map((_, k) => args.filter((__, m) => m !== k).join(',').trim()) : [];
        subs.push('');
        for (const s of subs) yield [...lines.slice(0, i), `${text.slice(0, a + 1)}${s}${text.slice(b - 1)}`, ...lines.slice(i + 1)];
        continue;
      }
      const subs = text[a] === '(' ? [inner, '0', "''"] : text[a] === '[' ? ['[]', '0'] : ['{}', '0'];
      for (const s of subs) yield [...lines.slice(0, i), text.slice(0, a) + s + text.slice(b), ...lines.slice(i + 1)];
    }
    // Number literals to 0 / 1.
    const text = lines[i];
    for (const m of text.matchAll(/\b\d+(?:\.\d+)?\b/g)) {
      if (m[0] === '0' || m[0] === '1') continue;
      yield [...lines.slice(0, i), text.slice(0, m.index) + '1' + text.slice(m.index + m[0].length), ...lines.slice(i + 1)];
    }
  }
}

/**
 * Shrinks `source` while compare() keeps the same category. `engine` runs in-process, `cpython` is a CPython
 * worker. At most `budget` candidate evaluations and `seconds` of wall time.
 */
export async function minimise(source, category, engine, cpython, budget = 600, seconds = 60) {
  let best = source.split('\n').filter((l) => l.trim() !== '');
  let spent = 0;
  const deadline = Date.now() + seconds * 1000;
  let progress = true;
  const seen = new Set();
  while (progress && spent < budget && Date.now() < deadline) {
    progress = false;
    for (const cand of candidates(`${best.join('\n')}\n`)) {
      if (spent >= budget || Date.now() > deadline) break;
      const text = `${cand.join('\n')}\n`;
      if (cand.length === 0 || seen.has(text) || text.length >= `${best.join('\n')}\n`.length) continue;
      seen.add(text);
      spent += 1;
      let en;
      try { en = engine(text); } catch { continue; }
      const py = await cpython.run(text);
      if ((await judge(py, en, text, cpython)).category === category) {
        best = cand;
        progress = true;
        break;
      }
    }
  }
  return `${best.join('\n')}\n`;
}

export function hashOf(source) {
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}
