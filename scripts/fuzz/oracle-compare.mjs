// Both sides of the oracle differential, and their comparison.
//
// - ours: the engine in-process, exactly as `bin/plue workflow plan --json
//   [--event event.json] [--prompts .plue/prompts] .plue/workflows` runs it in
//   a case directory (server/src/cli/workflow-run.ts: expandPaths, readEvent,
//   readPrompts, analyze, formatEnvelope) — the printed text is what is
//   compared, parsed back with ints and floats kept apart;
// - the oracle: scripts/fuzz/oracle-batch.py, one python3 process per batch of
//   cases, importing ../shared/oracle/plue_ref.py once;
// - comparison as shared/conformance/run makes it: per file path its
//   content_hash, workflows and tools exactly (key order, int/float), and the
//   diagnostics as a sorted list of (kind, file, line).

import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ORACLE_DIR = path.join(ROOT, '..', 'shared', 'oracle');
const requireCjs = createRequire(import.meta.url);

let analyzerPromise = null;

/** Loads server/out (run `npm run build` first). */
function engineModules() {
  const engine = requireCjs(path.join(ROOT, 'server', 'out', 'engine.js'));
  const inputs = requireCjs(path.join(ROOT, 'server', 'out', 'cli', 'inputs.js'));
  return { engine, inputs };
}

/** Our envelope text for one case directory, as the CLI prints it. */
export async function runOurs(caseDir) {
  const { engine, inputs } = engineModules();
  analyzerPromise ??= engine.createAnalyzer();
  const analyzer = await analyzerPromise;
  const home = process.cwd();
  process.chdir(caseDir);
  try {
    // the argv shared/conformance/run passes, through runWorkflows' steps
    const paths = inputs.expandPaths([path.join('.plue', 'workflows')]);
    const event = fs.existsSync('event.json') ? inputs.readEvent('event.json') : undefined;
    const promptsArg = fs.existsSync(path.join('.plue', 'prompts')) ? path.join('.plue', 'prompts') : undefined;
    const { prompts, problems } = inputs.readPrompts(promptsArg ?? inputs.defaultPromptsDir(paths));
    const options = { prompts, promptProblems: problems, ...(event !== undefined ? { event } : {}) };
    const analysis = analyzer.analyze(inputs.readSources(paths), options);
    return engine.formatEnvelope(analysis.envelope);
  } finally {
    process.chdir(home);
  }
}

/**
 * Runs the oracle over case directories in one python3 process (niced).
 * Resolves to a Map case -> {envelope} | {error}.
 */
export function runOracleBatch(caseDirs, { timeoutS = 10, nice = true } = {}) {
  return new Promise((resolve, reject) => {
    const script = path.join(ROOT, 'scripts', 'fuzz', 'oracle-batch.py');
    const argv = ['python3', script, ORACLE_DIR, String(timeoutS)];
    const env = { ...process.env, PLUE_REF_NO_RP: process.env.PLUE_REF_NO_RP ?? '' };
    const child = nice ? spawn('nice', ['-n', '10', ...argv], { env }) : spawn(argv[0], argv.slice(1), { env });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const results = new Map();
      for (const line of Buffer.concat(out).toString('utf8').split('\n')) {
        if (!line) continue;
        const r = JSON.parse(line);
        // the envelope again from the text, floats kept apart from ints
        results.set(r.case, r.envelope ? { case: r.case, envelope: parseTagged(line).envelope } : r);
      }
      for (const c of caseDirs) {
        if (!results.has(c)) results.set(c, { case: c, error: `oracle batch exited ${code}: ${Buffer.concat(err).toString('utf8').slice(-500)}` });
      }
      resolve(results);
    });
    child.stdin.end(`${caseDirs.join('\n')}\n`);
  });
}

// --------------------------------------------------------------- parsing

const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** JSON.parse, with every float literal (a fraction or an exponent) kept as {"$float": text}. */
export function parseTagged(text) {
  const tagged = text.replace(TOKEN, (tok) => (tok[0] === '"' || !/[.eE]/.test(tok) ? tok : JSON.stringify({ $float: tok })));
  return JSON.parse(tagged);
}

/** The envelope reduced to what the conformance runner compares. */
export function normalise(envelope) {
  const files = envelope.files.map((f) => ({ path: f.path, content_hash: f.content_hash, workflows: f.workflows, tools: f.tools ?? [] }));
  const diagnostics = envelope.diagnostics
    .map((d) => [d.kind, d.file, d.line])
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : a.join('\u0000') > b.join('\u0000') ? 1 : 0));
  return { files, diagnostics };
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object' && Object.keys(v).length === 1 && '$float' in v) return 'float';
  return typeof v;
}

/** The first difference between two JSON values, as `path: a != b`, or null. */
export function firstDifference(a, b, where = '') {
  const ta = typeOf(a);
  const tb = typeOf(b);
  const show = (v) => JSON.stringify(v)?.slice(0, 100);
  if (ta !== tb) return { path: where || '/', text: `${show(a)} != ${show(b)}`, a, b };
  if (ta === 'float') return a.$float === b.$float ? null : { path: where || '/', text: `${a.$float} != ${b.$float}` };
  if (ta === 'array') {
    if (a.length !== b.length) return { path: where || '/', text: `${a.length} items != ${b.length}` };
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${where}/${i}`);
      if (d) return d;
    }
    return null;
  }
  if (ta === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join(',') !== kb.join(',')) return { path: where || '/', text: `keys ${ka} != ${kb}` };
    for (const k of ka) {
      const d = firstDifference(a[k], b[k], `${where}/${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : { path: where || '/', text: `${show(a)} != ${show(b)}`, a, b };
}

/**
 * Differences docs/evaluation.md lists as deliberate, recognised by their
 * text (the first difference, `ours != oracle`); null for any other.
 */
export function documentedDifference(text) {
  // CPython's default repr of an object carries its address: we never print one
  if (/<plue_ref\.\w+ object at 0x[0-9a-f]+>|<function [\w.<>]+ at 0x[0-9a-f]+>/.test(text)) return 'repr without an address';
  return null;
}

/**
 * Compares our envelope text with the oracle's result for one case.
 * Returns null when they agree, else {category, detail, ours, oracle}.
 */
export function compareCase(oursText, oracleResult) {
  if (oracleResult.error?.startsWith('no answer') && /"kind": "LimitError"/.test(oursText)) {
    // the oracle has none of the limits (docs/evaluation.md): an endless loop stops ours with LimitError
    return { category: 'documented: the oracle has no limits', documented: 'the oracle has no limits', detail: oracleResult.error, ours: null, oracle: null };
  }
  if (oracleResult.error) return { category: `oracle-error: ${oracleResult.error.split(':').slice(0, 2).join(':').slice(0, 80)}`, detail: oracleResult.error, ours: null, oracle: null };
  let ours;
  try {
    ours = parseTagged(oursText);
  } catch (e) {
    return { category: 'ours-not-json', detail: String(e), ours: null, oracle: null };
  }
  const oracle = oracleResult.envelope;
  const a = normalise(ours);
  const b = normalise(oracle);
  const dd = firstDifference(a.diagnostics, b.diagnostics, '/diagnostics');
  const fullOurs = ours.diagnostics;
  const fullOracle = oracle.diagnostics;
  if (dd) {
    const kinds = (ds) => (ds.length ? ds.map((d) => d.kind).join('+') : 'none');
    const sameKinds = kinds(fullOurs) === kinds(fullOracle);
    const category = sameKinds ? `diag-line: ${kinds(fullOurs)}` : `diag: ours ${kinds(fullOurs)} / oracle ${kinds(fullOracle)}`;
    const msg = (ds) => ds.map((d) => `${d.kind}@${d.line}: ${d.message}`).join(' | ') || 'none';
    return { category, detail: `ours: ${msg(fullOurs)}\noracle: ${msg(fullOracle)}`, ours, oracle };
  }
  const fd = firstDifference(a.files, b.files, '/files');
  if (fd) {
    const generic = fd.path.replace(/\/\d+/g, '/*');
    const documented = documentedDifference(JSON.stringify(fd.b ?? null));
    const category = documented ? `documented: ${documented}` : `plan: ${generic}`;
    return { category, documented, detail: `${fd.path}: ${fd.text}`, ours, oracle };
  }
  return null;
}
