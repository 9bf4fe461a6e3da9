// Shrinks a disagreement between our engine and the oracle, and freezes it.
//
//   node scripts/fuzz/oracle-minimise.mjs CASE_SEED...    (seeds as oracle-fuzz.mjs prints them)
//   node scripts/fuzz/oracle-minimise.mjs --dir REPO...   (an existing case directory)
//   node scripts/fuzz/oracle-minimise.mjs --agreeing REPO... (freeze a fixed case as a regression)
//
// While the disagreement keeps its category (oracle-compare.mjs), removes whole
// files (prompts, event.json, workflow files) and statements (a line with the
// block indented under it; an emptied block gets `pass`), one round at a time:
// every candidate of a round is planned in one batch and the one removing the
// most lines is kept. The result goes to test/fixtures/differential-oracle/<hash>/:
// the small repo, `expected.json` (the oracle's envelope, frozen) and
// `case.json` ({category, documented, seed}). test/src/differential-oracle.test.ts
// replays those fixtures without python.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './oracle-compare.mjs';
import { planBoth } from './oracle-fuzz.mjs';
import { generateCase } from './oracle-gen.mjs';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'differential-oracle');

function indentOf(line) {
  return line.length - line.trimStart().length;
}

/** The source without the statement at `i` and its indented block (and `pass` where a block empties). */
function withoutBlock(text, i) {
  const lines = text.split('\n');
  if (!lines[i].trim()) return null;
  const k = indentOf(lines[i]);
  let end = i + 1;
  while (end < lines.length && (!lines[end].trim() || indentOf(lines[end]) > k)) end++;
  // keep trailing blank lines out of the block
  while (end > i + 1 && !lines[end - 1].trim()) end--;
  const out = [...lines.slice(0, i), ...lines.slice(end)];
  const prev = out.slice(0, i).reverse().find((l) => l.trim());
  const next = out.slice(i).find((l) => l.trim());
  if (prev && prev.trimEnd().endsWith(':') && (!next || indentOf(next) <= indentOf(prev))) out.splice(i, 0, `${' '.repeat(k)}pass`);
  const result = out.join('\n');
  return result === text ? null : result;
}

function candidates(files) {
  const out = [];
  for (const rel of Object.keys(files)) {
    if (Object.keys(files).filter((r) => r.endsWith('.py')).length > 1 || !rel.endsWith('.py')) {
      const rest = { ...files };
      delete rest[rel];
      out.push({ files: rest, removed: files[rel].split('\n').length });
    }
  }
  for (const [rel, text] of Object.entries(files)) {
    if (!rel.endsWith('.py')) continue;
    const n = text.split('\n').length;
    for (let i = 0; i < n; i++) {
      const smaller = withoutBlock(text, i);
      if (smaller !== null) out.push({ files: { ...files, [rel]: smaller }, removed: n - smaller.split('\n').length });
    }
  }
  return out;
}

/** Shrinks `files` while the disagreement keeps `category`; returns the last disagreeing result. */
export async function minimise(files, category, log = () => {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plue-oracle-min-'));
  let current = null;
  const [first] = await planBoth([{ dir: path.join(tmp, 'start'), files }]);
  if (!first.result || (category && first.result.category !== category)) throw new Error(`no disagreement of category ${category}: ${first.result?.category ?? 'same'}`);
  current = first;
  for (let round = 0; ; round++) {
    const cands = candidates(current.files).map((c, i) => ({ ...c, dir: path.join(tmp, `r${round}-${i}`) }));
    if (!cands.length) break;
    const results = await planBoth(cands);
    const keep = results.filter((r) => r.result && r.result.category === current.result.category).sort((a, b) => b.removed - a.removed);
    fs.rmSync(path.join(tmp), { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    if (!keep.length) break;
    current = keep[0];
    log(`round ${round}: ${Object.values(current.files).join('').split('\n').length} lines`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return current;
}

/** Writes a minimised disagreement as a fixture; returns its directory. */
export function freeze(c, meta) {
  const hash = createHash('sha256').update(JSON.stringify(Object.entries(c.files).sort())).digest('hex').slice(0, 12);
  const dir = path.join(FIXTURES, hash);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(c.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.writeFileSync(path.join(dir, 'expected.json'), `${JSON.stringify(c.oracleResult.envelope, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'case.json'), `${JSON.stringify({ category: c.result.category, documented: c.result.documented ?? null, ...meta }, null, 2)}\n`);
  return dir;
}

export async function minimiseAndFreeze(seed) {
  const { files } = generateCase(seed);
  const small = await minimise(files, null, (m) => process.stderr.write(`  ${m}\n`));
  return freeze(small, { seed, detail: small.result.detail.split('\n')[0].slice(0, 300) });
}

function readRepo(dir) {
  const files = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (!['expected.json', 'case.json'].includes(e.name)) files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

async function main() {
  const argv = process.argv.slice(2);
  if (!argv.length) {
    console.error('usage: node scripts/fuzz/oracle-minimise.mjs CASE_SEED... | --dir REPO...');
    return 2;
  }
  if (argv[0] === '--agreeing') {
    // a repo that disagreed before an engine fix: frozen as it is, as a regression case
    for (const d of argv.slice(1)) {
      const [c] = await planBoth([{ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'plue-oracle-agree-')), files: readRepo(d) }]);
      if (c.result) throw new Error(`${d} still disagrees: ${c.result.category}`);
      console.log(freeze({ ...c, result: { category: 'agrees (regression of a fixed disagreement)', detail: '' } }, { source: path.basename(d) }));
    }
    return 0;
  }
  if (argv[0] === '--dir') {
    for (const d of argv.slice(1)) {
      const small = await minimise(readRepo(d), null, (m) => process.stderr.write(`  ${m}\n`));
      console.log(freeze(small, { source: path.basename(d), detail: small.result.detail.split('\n')[0].slice(0, 300) }));
    }
    return 0;
  }
  for (const s of argv) console.log(await minimiseAndFreeze(Number(s)));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(2);
  });
}
