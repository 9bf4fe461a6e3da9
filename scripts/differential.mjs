// Differential test: bin/plue against the reference oracle (shared/oracle/plue-ref).
//
//   node scripts/differential.mjs [options] DIR_OR_FILE...
//
// Runs `PLUE workflow plan --json ...` and `ORACLE workflow plan --json ...` on
// the same input and prints one line per case, in argument order:
//
//   same <case>
//   DIFF <case>: <first difference>      e.g. /files/0/workflows/1/steps/3/config/cmd: "a" != "b"
//   TIMEOUT <case>: <who> gave no answer in N s
//
// then a summary `N cases: N same, N differ, N timed out`. Exit 0 when nothing
// differs, 1 when some case differs (or, with --strict, timed out), 2 on usage
// errors.
//
// Cases, as in shared/conformance/run:
//   - a directory containing `.plue/` is one workflow-repo case: cwd = the
//     directory, paths `.plue/workflows`, plus `--event event.json` and
//     `--prompts .plue/prompts` when those exist;
//   - any other directory is a corpus: each subdirectory containing `.plue/`
//     is a workflow-repo case and each loose `*.py` file is a file case
//     (byte order of names);
//   - a file is a file case: cwd = its directory, path = its base name, plus
//     `--prompts` with plue's default (the .plue/prompts beside the .plue
//     folder holding the file, else under its directory) when that exists,
//     since the oracle has no default of its own.
// --event/--prompts given on the command line are passed to both sides for
// every case (and win over a case's own event.json and .plue/prompts).
//
// Comparison, as the conformance harness does: the diagnostics as a sorted
// list of (kind, file, line) first, then per file (in output order) its path,
// content_hash, workflows and tools, with object key order and int/float
// distinction preserved, then the exit statuses. A side that crashes or prints
// something that is not JSON is a difference too.
//
// Options:
//   --event FILE          event payload for every case
//   --prompts DIR         prompts directory for every case
//   --plue PATH           the plue executable (default: bin/plue of this repo)
//   --oracle PATH         the oracle (default: ../shared/oracle/plue-ref beside the repo root)
//   --timeout SECONDS     time bound of each run (default 20); a case past it is
//                         TIMEOUT, which fails the run only with --strict. The
//                         oracle has none of the §3 limits, so LimitError cases
//                         may differ or time out.
//   --strict              timeouts count as failures
//   --jobs N              cases run in parallel (default: min(4, CPUs)); each
//                         case runs plue and the oracle side by side. Under
//                         load plue's 1 s wall-clock backstop may fire before
//                         its step or memory budget (a different message):
//                         --jobs 1 keeps the load down
//   --oracle-memory MIB   address-space limit (ulimit -v) of the oracle process,
//                         so memory bombs fail fast there (default 4096; 0 = none)
//
// Examples:
//   node scripts/differential.mjs examples
//   node scripts/differential.mjs ../shared/conformance/workflows
//   node scripts/differential.mjs --timeout 5 ../shared/conformance/semantics
//   node scripts/differential.mjs --event ev.json some/dir/ci.py other.py

import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout, clearTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const USAGE = 'usage: node scripts/differential.mjs [--event FILE] [--prompts DIR] [--plue PATH] [--oracle PATH] '
  + '[--timeout SECONDS] [--strict] [--jobs N] [--oracle-memory MIB] DIR_OR_FILE...';

class UsageError extends Error {}

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = {
    event: null,
    prompts: null,
    plue: path.join(ROOT, 'bin', 'plue'),
    oracle: path.resolve(ROOT, '..', 'shared', 'oracle', 'plue-ref'),
    timeoutS: 20,
    strict: false,
    jobs: Math.max(1, Math.min(4, os.availableParallelism ? os.availableParallelism() : os.cpus().length)),
    oracleMemoryMiB: 4096,
    inputs: [],
  };
  const value = (i, flag) => {
    if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
    return argv[i + 1];
  };
  const number = (text, flag, min) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`${flag}: not a number >= ${min}: ${text}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '-h':
      case '--help':
        return null;
      case '--event': opts.event = path.resolve(value(i, arg)); i++; break;
      case '--prompts': opts.prompts = path.resolve(value(i, arg)); i++; break;
      case '--plue': opts.plue = path.resolve(value(i, arg)); i++; break;
      case '--oracle': opts.oracle = path.resolve(value(i, arg)); i++; break;
      case '--timeout': opts.timeoutS = number(value(i, arg), arg, 0.001); i++; break;
      case '--jobs': opts.jobs = Math.floor(number(value(i, arg), arg, 1)); i++; break;
      case '--oracle-memory': opts.oracleMemoryMiB = Math.floor(number(value(i, arg), arg, 0)); i++; break;
      case '--strict': opts.strict = true; break;
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        opts.inputs.push(arg);
    }
  }
  if (opts.inputs.length === 0) throw new UsageError('no DIR or FILE given');
  for (const [flag, file] of [['--plue', opts.plue], ['--oracle', opts.oracle], ['--event', opts.event]]) {
    if (file !== null && !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`${flag}: no such file: ${file}`);
  }
  if (opts.prompts !== null && !fs.statSync(opts.prompts, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--prompts: no such directory: ${opts.prompts}`);
  }
  return opts;
}

// -------------------------------------------------------------------- cases

const isDir = (p) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
const isFile = (p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
const byteOrder = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const display = (abs) => path.relative(process.cwd(), abs) || '.';

function repoCase(dir, opts) {
  const args = [];
  if (opts.event !== null) args.push('--event', opts.event);
  else if (isFile(path.join(dir, 'event.json'))) args.push('--event', 'event.json');
  if (opts.prompts !== null) args.push('--prompts', opts.prompts);
  else if (isDir(path.join(dir, '.plue', 'prompts'))) args.push('--prompts', path.join('.plue', 'prompts'));
  args.push(path.join('.plue', 'workflows'));
  return { name: display(dir), cwd: dir, args };
}

function fileCase(file, opts) {
  const args = [];
  if (opts.event !== null) args.push('--event', opts.event);
  if (opts.prompts !== null) args.push('--prompts', opts.prompts);
  else {
    // plue's default (the .plue/prompts beside the .plue folder holding the
    // file, else under the cwd) made explicit: the oracle has no default.
    const parts = file.split(path.sep);
    const at = parts.lastIndexOf('.plue');
    const prompts = at >= 0 ? path.join(parts.slice(0, at + 1).join(path.sep) || path.sep, 'prompts') : path.join(path.dirname(file), '.plue', 'prompts');
    if (isDir(prompts)) args.push('--prompts', prompts);
  }
  args.push(path.basename(file));
  return { name: display(file), cwd: path.dirname(file), args };
}

function collectCases(opts) {
  const cases = [];
  for (const input of opts.inputs) {
    const abs = path.resolve(input);
    if (isFile(abs)) {
      cases.push(fileCase(abs, opts));
    } else if (isDir(abs)) {
      if (isDir(path.join(abs, '.plue'))) {
        cases.push(repoCase(abs, opts));
        continue;
      }
      const found = [];
      for (const name of fs.readdirSync(abs).sort(byteOrder)) {
        const entry = path.join(abs, name);
        if (isDir(entry) && isDir(path.join(entry, '.plue'))) found.push(repoCase(entry, opts));
        else if (name.endsWith('.py') && isFile(entry)) found.push(fileCase(entry, opts));
      }
      if (found.length === 0) throw new UsageError(`no cases in ${input}: no .plue/, no subdirectory with .plue/, no *.py`);
      cases.push(...found);
    } else {
      throw new UsageError(`no such file or directory: ${input}`);
    }
  }
  return cases;
}

// ------------------------------------------------------------------ running

/** Runs `command args` in cwd; resolves to {exit, signal, stdout, stderr} or {timedOut} or {problem}. */
function run(command, args, cwd, timeoutS) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ problem: `cannot start ${command}: ${err.message}` });
      return;
    }
    const out = [];
    const err = [];
    let size = 0;
    let timedOut = false;
    let tooBig = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutS * 1000);
    const collect = (chunks) => (chunk) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        if (!tooBig) { tooBig = true; child.kill('SIGKILL'); }
        return;
      }
      chunks.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ problem: `cannot start ${command}: ${e.message}` });
    });
    child.on('close', (exit, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve({ timedOut: true });
      else if (tooBig) resolve({ problem: `output over ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB` });
      else resolve({ exit, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function runPlue(kase, opts) {
  return run(opts.plue, ['workflow', 'plan', '--json', ...kase.args], kase.cwd, opts.timeoutS);
}

function runOracle(kase, opts) {
  const argv = [opts.oracle, 'workflow', 'plan', '--json', ...kase.args];
  if (opts.oracleMemoryMiB > 0 && process.platform !== 'win32') {
    // exec keeps one process, so the time-out's kill reaches the oracle itself.
    const script = 'ulimit -v "$0" 2>/dev/null; exec "$@"';
    return run('/bin/sh', ['-c', script, String(opts.oracleMemoryMiB * 1024), ...argv], kase.cwd, opts.timeoutS);
  }
  return run(argv[0], argv.slice(1), kase.cwd, opts.timeoutS);
}

// ------------------------------------------------------------ JSON reading

// A JSON reader that keeps what JSON.parse loses and the conformance harness
// (Python's json) sees: object key order (integer-like keys included) and
// int versus float. Objects become Maps, numbers become JNum.
class JNum {
  constructor(text) {
    this.text = text;
    this.isFloat = /[.eE]|N|I/.test(text);
  }
}

class JsonReader {
  constructor(text) {
    this.text = text;
    this.pos = 0;
  }

  fail(what) {
    throw new SyntaxError(`${what} at offset ${this.pos}`);
  }

  ws() {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos])) this.pos++;
  }

  document() {
    const v = this.value();
    this.ws();
    if (this.pos !== this.text.length) this.fail('trailing text');
    return v;
  }

  value() {
    this.ws();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const [word, v] of [['null', null], ['true', true], ['false', false]]) {
      if (this.text.startsWith(word, this.pos)) { this.pos += word.length; return v; }
    }
    // Python's json writes and reads NaN, Infinity and -Infinity too.
    const m = /^-?(?:Infinity|(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)|^NaN/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) this.fail('unexpected character');
    this.pos += m[0].length;
    return new JNum(m[0]);
  }

  object() {
    const map = new Map();
    this.pos++;
    this.ws();
    if (this.text[this.pos] === '}') { this.pos++; return map; }
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail('expected a key');
      const key = this.string();
      this.ws();
      if (this.text[this.pos] !== ':') this.fail('expected ":"');
      this.pos++;
      map.set(key, this.value());
      this.ws();
      const c = this.text[this.pos++];
      if (c === '}') return map;
      if (c !== ',') this.fail('expected "," or "}"');
    }
  }

  array() {
    const list = [];
    this.pos++;
    this.ws();
    if (this.text[this.pos] === ']') { this.pos++; return list; }
    for (;;) {
      list.push(this.value());
      this.ws();
      const c = this.text[this.pos++];
      if (c === ']') return list;
      if (c !== ',') this.fail('expected "," or "]"');
    }
  }

  string() {
    // Find the closing quote; JSON.parse then checks the escapes and decodes.
    let end = this.pos + 1;
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === '\\' ? 2 : 1;
    if (end >= this.text.length) this.fail('unterminated string');
    const literal = this.text.slice(this.pos, end + 1);
    this.pos = end + 1;
    try {
      return JSON.parse(literal);
    } catch {
      return this.fail('bad string');
    }
  }
}

const parseJson = (text) => new JsonReader(text).document();

// ------------------------------------------------------------- comparison

function typeOf(v) {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (v instanceof JNum) return v.isFloat ? 'float' : 'int';
  if (Array.isArray(v)) return 'list';
  return 'dict';
}

function show(v) {
  let text;
  if (v instanceof JNum) text = v.text;
  else if (v instanceof Map) text = `{${[...v].map(([k, x]) => `${JSON.stringify(k)}: ${show(x)}`).join(', ')}}`;
  else if (Array.isArray(v)) text = `[${v.map(show).join(', ')}]`;
  else text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function numbersEqual(a, b) {
  if (!a.isFloat) return BigInt(a.text) === BigInt(b.text);
  return Number(a.text) === Number(b.text);
}

const pointer = (key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

/** The first difference between a and b as `path: a != b`, or null. */
function firstDifference(a, b, where = '') {
  const at = where || '/';
  if (typeOf(a) !== typeOf(b)) return `${at}: ${show(a)} != ${show(b)}`;
  if (a instanceof Map) {
    const ka = [...a.keys()];
    const kb = [...b.keys()];
    if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) {
      return `${at}: keys ${JSON.stringify(ka)} != ${JSON.stringify(kb)}`;
    }
    for (const k of ka) {
      const d = firstDifference(a.get(k), b.get(k), `${where}/${pointer(k)}`);
      if (d) return d;
    }
    return null;
  }
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${at}: ${a.length} items != ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${where}/${i}`);
      if (d) return d;
    }
    return null;
  }
  const equal = a instanceof JNum ? numbersEqual(a, b) : a === b;
  return equal ? null : `${at}: ${show(a)} != ${show(b)}`;
}

const field = (map, key, fallback = null) => (map instanceof Map && map.has(key) ? map.get(key) : fallback);
const asList = (v) => (Array.isArray(v) ? v : []);

function compareKeys(x, y) {
  // Python tuple order; None first, strings by code point (UTF-8 byte order).
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  if (x instanceof JNum && y instanceof JNum) return Number(x.text) - Number(y.text);
  if (typeof x === 'string' && typeof y === 'string') return byteOrder(x, y);
  return byteOrder(`${typeOf(x)}:${show(x)}`, `${typeOf(y)}:${show(y)}`);
}

/** What the harness compares: sorted (kind, file, line) of the diagnostics; path, content_hash, workflows, tools per file. */
function normalise(envelope) {
  const diagnostics = asList(field(envelope, 'diagnostics', []))
    .map((d) => new Map([['kind', field(d, 'kind')], ['file', field(d, 'file')], ['line', field(d, 'line')]]))
    .sort((p, q) => {
      for (const k of ['kind', 'file', 'line']) {
        const c = compareKeys(p.get(k), q.get(k));
        if (c !== 0) return c;
      }
      return 0;
    });
  const files = asList(field(envelope, 'files', [])).map((f) => new Map([
    ['path', field(f, 'path')],
    ['content_hash', field(f, 'content_hash')],
    ['workflows', field(f, 'workflows')],
    ['tools', field(f, 'tools', [])],
  ]));
  return { diagnostics, files };
}

function firstDiagnostic(envelope) {
  const d = asList(field(envelope, 'diagnostics', []))[0];
  if (!d) return 'no diagnostic';
  const line = field(d, 'line');
  let message = String(field(d, 'message') ?? '');
  if (message.length > 100) message = `${message.slice(0, 97)}...`;
  return `${field(d, 'kind')}@${line instanceof JNum ? line.text : line}: ${message}`;
}

/** The envelope of a finished run, or a problem. */
function envelopeOf(result) {
  if (result.problem) return { problem: result.problem };
  const tail = result.stderr.trim().split('\n').slice(-1)[0]?.slice(0, 160) ?? '';
  if (result.signal) return { problem: `killed by signal ${result.signal}; stderr: ${tail}` };
  if (result.stdout.trim() === '') return { problem: `exit ${result.exit}, no output on stdout; stderr: ${tail}` };
  try {
    const envelope = parseJson(result.stdout);
    if (!(envelope instanceof Map)) return { problem: `exit ${result.exit}, stdout is not a JSON object` };
    return { envelope, exit: result.exit };
  } catch (e) {
    return { problem: `exit ${result.exit}, stdout is not JSON (${e.message}); stderr: ${tail}` };
  }
}

async function runCase(kase, opts) {
  const [p, o] = await Promise.all([runPlue(kase, opts), runOracle(kase, opts)]);
  if (p.timedOut || o.timedOut) {
    const who = p.timedOut && o.timedOut ? 'plue and oracle' : p.timedOut ? 'plue' : 'oracle';
    const other = p.timedOut ? (o.timedOut ? null : envelopeOf(o)) : envelopeOf(p);
    const note = other?.envelope ? ` (${p.timedOut ? 'oracle' : 'plue'}: ${firstDiagnostic(other.envelope)})` : '';
    return { status: 'TIMEOUT', text: `${who} gave no answer in ${opts.timeoutS} s${note}` };
  }
  const pe = envelopeOf(p);
  const oe = envelopeOf(o);
  if (pe.problem || oe.problem) {
    const parts = [];
    if (pe.problem) parts.push(`plue: ${pe.problem}`);
    if (oe.problem) parts.push(`oracle: ${oe.problem}`);
    return { status: 'DIFF', text: parts.join('; ') };
  }
  const pn = normalise(pe.envelope);
  const on = normalise(oe.envelope);
  const diag = firstDifference(pn.diagnostics, on.diagnostics, '/diagnostics');
  if (diag) {
    return { status: 'DIFF', text: `${diag} (plue: ${firstDiagnostic(pe.envelope)} | oracle: ${firstDiagnostic(oe.envelope)})` };
  }
  const diff = firstDifference(pn.files, on.files, '/files')
    ?? (pe.exit === oe.exit ? null : `/exit: ${pe.exit} != ${oe.exit}`);
  return diff ? { status: 'DIFF', text: diff } : { status: 'same', text: '' };
}

// --------------------------------------------------------------------- main

async function main(argv) {
  let opts;
  let cases;
  try {
    opts = parseArgs(argv);
    if (opts === null) {
      console.log(USAGE);
      return 0;
    }
    cases = collectCases(opts);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`differential: ${e.message}\n${USAGE}`);
    return 2;
  }

  const results = new Array(cases.length);
  let next = 0;
  let printed = 0;
  const flush = () => {
    while (printed < cases.length && results[printed]) {
      const { status, text } = results[printed];
      const name = cases[printed].name;
      console.log(status === 'same' ? `same ${name}` : `${status} ${name}: ${text}`);
      printed++;
    }
  };
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(cases[i], opts);
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, cases.length) }, worker));

  const count = (s) => results.filter((r) => r.status === s).length;
  const same = count('same');
  const differ = count('DIFF');
  const timedOut = count('TIMEOUT');
  console.log(`${cases.length} cases: ${same} same, ${differ} differ, ${timedOut} timed out${opts.strict && timedOut ? ' (--strict: failing)' : ''}`);
  return differ > 0 || (opts.strict && timedOut > 0) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(err?.stack ?? String(err)); process.exitCode = 2; },
);
