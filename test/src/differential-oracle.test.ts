// Reproducers found by the oracle fuzzer (scripts/fuzz/oracle-fuzz.mjs, shrunk
// by oracle-minimise.mjs): each test/fixtures/differential-oracle/<hash>/ is a
// small repo with the reference oracle's envelope frozen in expected.json, so
// no python runs here. Our envelope is computed in-process exactly as
// `plue workflow plan --json [--event event.json] [--prompts .plue/prompts]
// .plue/workflows` does in that directory, and compared as
// shared/conformance/run compares: per file path its content_hash, workflows
// and tools (key order, ints apart from floats), diagnostics by (kind, file,
// line). A fixture whose case.json names a documented difference
// (docs/evaluation.md) must differ only there: where the oracle printed a
// CPython object repr with an address, we print the placeholder.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analyzer } from '../../server/out/engine';
import { createAnalyzer, formatEnvelope } from '../../server/out/engine';
import { defaultPromptsDir, expandPaths, readEvent, readPrompts, readSources } from '../../server/out/cli/inputs';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'differential-oracle');

type Json = null | boolean | number | string | { $float: string } | Json[] | { [key: string]: Json };

/** JSON.parse with every float literal kept as {"$float": text}, so 1.0 and 1 differ. */
function parseTagged(text: string): Json {
  const tagged = text.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (tok) =>
    tok.startsWith('"') || !/[.eE]/.test(tok) ? tok : JSON.stringify({ $float: tok }),
  );
  return JSON.parse(tagged) as Json;
}

interface Envelope {
  files: { path: string; content_hash: string; workflows: Json; tools?: Json }[];
  diagnostics: { kind: string; file: string; line: number; message: string }[];
}

function compared(envelope: Envelope): { files: Json; diagnostics: Json } {
  return {
    files: envelope.files.map((f) => ({ path: f.path, content_hash: f.content_hash, workflows: f.workflows, tools: f.tools ?? [] })),
    diagnostics: envelope.diagnostics.map((d) => [d.kind, d.file, d.line] as Json).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  };
}

const ADDRESS_REPR = /<plue_ref\.\w+ object at 0x[0-9a-f]+>|<function [\w.<>]+ at 0x[0-9a-f]+>/;

/** The oracle's value with documented differences accepted: a string holding an address repr matches ours when ours has a placeholder there. */
function accepting(ours: Json, oracle: Json): Json {
  if (typeof oracle === 'string' && typeof ours === 'string' && ADDRESS_REPR.test(oracle)) {
    const pattern = oracle.split(ADDRESS_REPR).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${pattern}$`, 's').test(ours) ? ours : oracle;
  }
  if (Array.isArray(oracle) && Array.isArray(ours)) return oracle.map((v, i) => accepting(ours[i] ?? null, v));
  if (oracle && ours && typeof oracle === 'object' && typeof ours === 'object' && !Array.isArray(oracle) && !Array.isArray(ours)) {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(oracle)) out[k] = accepting((ours as { [key: string]: Json })[k] ?? null, v);
    return out;
  }
  return oracle;
}

async function planHere(analyzer: Analyzer, dir: string): Promise<string> {
  const home = process.cwd();
  process.chdir(dir);
  try {
    const paths = expandPaths([path.join('.plue', 'workflows')]);
    const event = fs.existsSync('event.json') ? readEvent('event.json') : undefined;
    const promptsDir = fs.existsSync(path.join('.plue', 'prompts')) ? path.join('.plue', 'prompts') : defaultPromptsDir(paths);
    const { prompts, problems } = readPrompts(promptsDir);
    const analysis = analyzer.analyze(readSources(paths), { prompts, promptProblems: problems, ...(event !== undefined ? { event } : {}) });
    return formatEnvelope(analysis.envelope);
  } finally {
    process.chdir(home);
  }
}

describe('differential-oracle: fuzzer reproducers against the frozen oracle output', function () {
  this.timeout(60_000);
  const cases = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((d) => fs.existsSync(path.join(FIXTURES, d, 'expected.json'))).sort() : [];
  let analyzer: Analyzer;

  before(async () => {
    analyzer = await createAnalyzer();
  });

  it('has reproducers', () => assert.ok(cases.length > 0));

  for (const name of cases) {
    const dir = path.join(FIXTURES, name);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as { category: string; documented: string | null };
    it(`${name}: ${meta.category}`, async () => {
      fs.mkdirSync(path.join(dir, '.plue', 'workflows'), { recursive: true });
      const ours = compared(parseTagged(await planHere(analyzer, dir)) as unknown as Envelope);
      let oracle = compared(parseTagged(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as unknown as Envelope);
      if (meta.documented) {
        const accepted = { files: accepting(ours.files, oracle.files), diagnostics: oracle.diagnostics };
        assert.notDeepEqual(accepted, oracle, 'the documented difference is still there (else the fixture should say it agrees)');
        oracle = accepted;
      }
      assert.deepEqual(ours, oracle);
    });
  }
});
