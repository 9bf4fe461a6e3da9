// Plans of the plue builtins and run-time values against the reference oracle
// (spec §4–§7). Every directory of test/fixtures/plue-cases/ is a small
// workflow repository; its expected.json is the oracle's envelope, frozen by
// scripts/freeze-plue-cases.mjs. The CLI (bin/plue) runs on each case the way
// shared/conformance/run runs a workflow case, and the result is compared the
// same way: per file path content_hash, workflows and tools (deep equality with
// key order, and ints distinct from floats as Python's json reads them),
// diagnostics as sorted (kind, file, line) triples, exit status 1 with
// diagnostics and 0 without. Then determinism (same bytes for the same run,
// same per-file results whatever the order of the paths), and the rules the
// spec states where the oracle is silent or differs.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PLUE = path.resolve(__dirname, '../../bin/plue');
const CASES_DIR = path.resolve(__dirname, '../fixtures/plue-cases');

/**
 * Cases (or `case/file.py`) where the engine disagrees with the oracle and the
 * oracle is right per the spec. Each is skipped, not deleted; see the BUG lines.
 */
const KNOWN_BUGS = new Set<string>([]);

// ------------------------------------------------------------ JSON with int/float

/** A JSON value as Python's json module reads it: ints and floats differ, object keys keep their order. */
type Json =
  | null
  | boolean
  | string
  | { readonly int: bigint }
  | { readonly float: number }
  | readonly Json[]
  | { readonly entries: ReadonlyArray<readonly [string, Json]> };

function parseJson(text: string): Json {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`JSON: ${what} at offset ${i}`);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: Array<readonly [string, Json]> = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const key = str();
        ws();
        if (text[i++] !== ':') fail('expected ":"');
        entries.push([key, value()]);
        ws();
        const sep = text[i++];
        if (sep === '}') return { entries };
        if (sep !== ',') fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: Json[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        const sep = text[i++];
        if (sep === ']') return items;
        if (sep !== ',') fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return m[1] !== undefined || m[2] !== undefined ? { float: Number(m[0]) } : { int: BigInt(m[0]) };
  };
  const result = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return result;
}

const isArray = (v: Json): v is readonly Json[] => Array.isArray(v);
const isObject = (v: Json): v is { readonly entries: ReadonlyArray<readonly [string, Json]> } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && 'entries' in v;

function kindOf(v: Json): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  if (isArray(v)) return 'list';
  if (isObject(v)) return 'dict';
  return 'int' in v ? 'int' : 'float';
}

function show(v: Json): string {
  const plain = (x: Json): unknown => {
    if (x === null || typeof x !== 'object') return x;
    if (isArray(x)) return x.map(plain);
    if (isObject(x)) return Object.fromEntries(x.entries.map(([k, y]) => [k, plain(y)]));
    return 'int' in x ? `${x.int}` : `${x.float}f`;
  };
  return JSON.stringify(plain(v)).slice(0, 160);
}

/** The first difference between two values, as shared/conformance/run reports it, or null. */
function firstDifference(a: Json, b: Json, where = ''): string | null {
  const here = where || '/';
  if (kindOf(a) !== kindOf(b)) return `${here}: ${show(a)} (${kindOf(a)}) != ${show(b)} (${kindOf(b)})`;
  if (isObject(a) && isObject(b)) {
    const ka = a.entries.map(([k]) => k);
    const kb = b.entries.map(([k]) => k);
    if (JSON.stringify(ka) !== JSON.stringify(kb)) return `${here}: keys ${JSON.stringify(ka)} != ${JSON.stringify(kb)}`;
    for (let n = 0; n < a.entries.length; n++) {
      const d = firstDifference(a.entries[n][1], b.entries[n][1], `${where}/${ka[n]}`);
      if (d) return d;
    }
    return null;
  }
  if (isArray(a) && isArray(b)) {
    if (a.length !== b.length) return `${here}: ${a.length} items != ${b.length}`;
    for (let n = 0; n < a.length; n++) {
      const d = firstDifference(a[n], b[n], `${where}/${n}`);
      if (d) return d;
    }
    return null;
  }
  if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object') {
    const same = 'int' in a && 'int' in b ? a.int === b.int : 'float' in a && 'float' in b && Object.is(a.float, b.float);
    return same ? null : `${here}: ${show(a)} != ${show(b)}`;
  }
  return a === b ? null : `${here}: ${show(a)} != ${show(b)}`;
}

function field(obj: Json, key: string): Json | undefined {
  return isObject(obj) ? obj.entries.find(([k]) => k === key)?.[1] : undefined;
}

function text(v: Json | undefined): string {
  return typeof v === 'string' ? v : v === undefined ? '<missing>' : show(v);
}

// ------------------------------------------------------------ envelopes

interface FileEntry {
  readonly path: string;
  /** content_hash, workflows and tools, in this order (what the harness compares). */
  readonly compared: Json;
}

interface Diagnostic {
  readonly kind: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

interface Envelope {
  readonly files: readonly FileEntry[];
  readonly diagnostics: readonly Diagnostic[];
  /** Each file's entry exactly as printed (for order-independence checks). */
  readonly rawFiles: ReadonlyMap<string, Json>;
}

function envelopeOf(stdout: string): Envelope {
  const json = parseJson(stdout);
  const files = field(json, 'files');
  const diagnostics = field(json, 'diagnostics');
  assert.ok(files !== undefined && isArray(files), 'envelope has a files list');
  assert.ok(diagnostics !== undefined && isArray(diagnostics), 'envelope has a diagnostics list');
  const rawFiles = new Map<string, Json>();
  const entries = files.map((f): FileEntry => {
    const p = text(field(f, 'path'));
    rawFiles.set(p, f);
    return {
      path: p,
      compared: {
        entries: [
          ['content_hash', field(f, 'content_hash') ?? null],
          ['workflows', field(f, 'workflows') ?? null],
          ['tools', field(f, 'tools') ?? []],
        ],
      },
    };
  });
  const diags = diagnostics.map((d): Diagnostic => {
    const num = (k: string): number => {
      const v = field(d, k);
      return v !== null && typeof v === 'object' && 'int' in v ? Number(v.int) : NaN;
    };
    return { kind: text(field(d, 'kind')), message: text(field(d, 'message')), file: text(field(d, 'file')), line: num('line'), column: num('column') };
  });
  return { files: entries, diagnostics: diags, rawFiles };
}

const triple = (d: Diagnostic): string => `${d.kind} ${d.file}:${d.line}`;
const triples = (ds: readonly Diagnostic[], file?: string): string[] =>
  ds
    .filter((d) => file === undefined || d.file === file)
    .map(triple)
    .sort();

// ------------------------------------------------------------ running the CLI

interface Run {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function runPlue(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PLUE, 'workflow', 'plan', '--json', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** At most `limit` CLI processes at once (each costs a node start and the wasm parser). */
const limit = Math.max(2, Math.min(4, os.availableParallelism()));
let active = 0;
const waiting: Array<() => void> = [];
async function throttled<T>(job: () => Promise<T>): Promise<T> {
  while (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await job();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

interface Case {
  readonly name: string;
  readonly dir: string;
  /** Options before the paths, as the conformance harness passes them. */
  readonly options: readonly string[];
  /** The case's workflow files (relative to the case) in byte order. */
  readonly files: readonly string[];
  readonly expectedText: string;
}

function listPy(dir: string, rel: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...listPy(dir, r));
    else if (e.name.endsWith('.py')) out.push(r);
  }
  return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function loadCase(name: string): Case {
  const dir = path.join(CASES_DIR, name);
  const options: string[] = [];
  if (fs.existsSync(path.join(dir, 'event.json'))) options.push('--event', 'event.json');
  if (fs.existsSync(path.join(dir, '.plue', 'prompts'))) options.push('--prompts', '.plue/prompts');
  return {
    name,
    dir,
    options,
    files: listPy(dir, '.plue/workflows'),
    expectedText: fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'),
  };
}

const CASES: readonly Case[] = fs
  .readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => loadCase(e.name))
  .sort((a, b) => (a.name < b.name ? -1 : 1));
const caseNamed = (name: string): Case => {
  const c = CASES.find((x) => x.name === name);
  assert.ok(c, `case ${name} exists`);
  return c;
};

/** The directory run of each case, as the conformance harness does it; shared by all describes. */
const caseRuns = new Map<string, Promise<Run>>();
function caseRun(c: Case): Promise<Run> {
  let run = caseRuns.get(c.name);
  if (!run) {
    run = throttled(() => runPlue([...c.options, '.plue/workflows'], c.dir));
    caseRuns.set(c.name, run);
  }
  return run;
}

function parsedRun(run: Run, what: string): Envelope {
  const out = run.stdout.toString('utf8');
  assert.ok(out.endsWith('\n'), `${what}: stdout is a JSON envelope ending in a newline (stderr: ${run.stderr.slice(-300)})`);
  return envelopeOf(out);
}

/** A pseudo-random permutation (fixed seed: the test itself must be deterministic). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let n = out.length - 1; n > 0; n--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const k = s % (n + 1);
    [out[n], out[k]] = [out[k], out[n]];
  }
  return out;
}

// ------------------------------------------------------------ the suites

describe('plue plans', function () {
  this.timeout(120000);

  describe('builtins and run-time values agree with the oracle', function () {
    before(async function () {
      await Promise.all(CASES.map(caseRun));
    });

    for (const c of CASES) {
      describe(c.name, function () {
        const expected = envelopeOf(c.expectedText);
        const skipCase = KNOWN_BUGS.has(c.name);

        (skipCase ? it.skip : it)('exit status and file list', async function () {
          const run = await caseRun(c);
          const ours = parsedRun(run, c.name);
          assert.equal(run.status, expected.diagnostics.length > 0 ? 1 : 0, `exit status (diagnostics: ${triples(ours.diagnostics).join(', ') || 'none'})`);
          assert.deepEqual(
            ours.files.map((f) => f.path),
            expected.files.map((f) => f.path),
          );
          const stray = ours.diagnostics.filter((d) => !expected.files.some((f) => f.path === d.file));
          assert.deepEqual(stray.map(triple), [], 'diagnostics for files outside the run');
        });

        for (const want of expected.files) {
          const key = `${c.name}/${want.path.replace(/^\.plue\/workflows\//, '')}`;
          (skipCase || KNOWN_BUGS.has(key) ? it.skip : it)(want.path, async function () {
            const ours = parsedRun(await caseRun(c), c.name);
            const got = ours.files.find((f) => f.path === want.path);
            assert.ok(got, `our envelope has ${want.path}`);
            const expectedDiags = triples(expected.diagnostics, want.path);
            const ourDiags = triples(ours.diagnostics, want.path);
            const messages = ours.diagnostics.filter((d) => d.file === want.path).map((d) => `${triple(d)}:${d.column} ${d.message}`);
            assert.deepEqual(ourDiags, expectedDiags, `diagnostics (ours: ${messages.join(' | ') || 'none'})`);
            const diff = firstDifference(want.compared, got.compared);
            assert.equal(diff, null, `plans differ from the oracle at ${diff}`);
          });
        }
      });
    }
  });

  describe('determinism', function () {
    // Cases whose results depend on the order of the files (duplicate names
    // across files: the later file gets the PlanError) are left out of the
    // reordering tests on purpose.
    const ORDER_DEPENDENT = new Set(['duplicate-across-files', 'duplicate-after-error', 'decorator-locations']);
    const REORDERED = ['multi-file-determinism', 'call-errors', 'prompt-errors', 'run-time-values', 'steps', 'event-pull-request'];

    for (const name of ['multi-file-determinism', 'event-pull-request', 'prompts-and-tools']) {
      it(`${name}: the same run twice gives the same stdout bytes`, async function () {
        const c = caseNamed(name);
        const [first, second] = await Promise.all([caseRun(c), throttled(() => runPlue([...c.options, '.plue/workflows'], c.dir))]);
        assert.ok(first.stdout.length > 0);
        assert.ok(first.stdout.equals(second.stdout), 'stdout bytes differ between two identical runs');
        assert.equal(first.status, second.status);
      });
    }

    it('the directory and its files listed in byte order give the same bytes, and no path means .plue/workflows', async function () {
      const c = caseNamed('multi-file-determinism');
      const [dirRun, fileRun, defaultRun] = await Promise.all([
        caseRun(c),
        throttled(() => runPlue([...c.options, ...c.files], c.dir)),
        throttled(() => runPlue([...c.options], c.dir)),
      ]);
      assert.ok(dirRun.stdout.equals(fileRun.stdout), 'directory vs listed files');
      assert.ok(dirRun.stdout.equals(defaultRun.stdout), 'directory vs default path');
    });

    it('duplicates across files: the later file in the run gets the PlanError, whatever the order', async function () {
      // The oracle's answer for this order (plue-ref ... d.py c.py b.py a.py):
      // b.py's only_b is now the second definition; b.py plans nothing, so its
      // `deploy` is never registered and a.py keeps both of its plans.
      const c = caseNamed('duplicate-across-files');
      const order = [...c.files].reverse();
      const run = await throttled(() => runPlue([...c.options, ...order], c.dir));
      const ours = parsedRun(run, 'reversed duplicates');
      assert.equal(run.status, 1);
      assert.deepEqual(triples(ours.diagnostics), ['PlanError .plue/workflows/b.py:1']);
      assert.deepEqual(
        order.map((f) => {
          const wfs = field(ours.rawFiles.get(f) ?? null, 'workflows') ?? null;
          return `${f}: ${isArray(wfs) ? wfs.map((w) => text(field(w, 'name'))).join(',') : '<no workflows list>'}`;
        }),
        ['.plue/workflows/d.py: only_b', '.plue/workflows/c.py: only_c', '.plue/workflows/b.py: ', '.plue/workflows/a.py: deploy,only_a'],
      );
    });

    for (const name of REORDERED) {
      assert.ok(!ORDER_DEPENDENT.has(name));
      for (const seed of name === 'multi-file-determinism' ? [7, 1234567] : [42]) {
        it(`${name}: files in another order (seed ${seed}) give the same per-file results`, async function () {
          const c = caseNamed(name);
          let order = shuffled(c.files, seed);
          if (order.every((f, n) => f === c.files[n])) order = [...c.files].reverse();
          const [base, other] = await Promise.all([caseRun(c), throttled(() => runPlue([...c.options, ...order], c.dir))]);
          const a = parsedRun(base, name);
          const b = parsedRun(other, `${name} reordered`);
          assert.equal(other.status, base.status);
          assert.deepEqual(
            b.files.map((f) => f.path),
            order,
            'files are listed in the order of the paths given',
          );
          for (const f of c.files) {
            const ra = a.rawFiles.get(f);
            const rb = b.rawFiles.get(f);
            assert.ok(ra !== undefined && rb !== undefined, f);
            assert.equal(firstDifference(ra, rb), null, `${f}: entry differs with another path order`);
            const full = (ds: readonly Diagnostic[]): string[] =>
              ds.filter((d) => d.file === f).map((d) => `${triple(d)}:${d.column} ${d.message}`);
            assert.deepEqual(full(b.diagnostics), full(a.diagnostics), `${f}: diagnostics differ with another path order`);
          }
        });
      }
    }
  });

  describe('spec rules beyond the oracle', function () {
    const ourDiagnostic = async (caseName: string, file: string): Promise<Diagnostic> => {
      const ours = parsedRun(await caseRun(caseNamed(caseName)), caseName);
      const d = ours.diagnostics.find((x) => x.file === `.plue/workflows/${file}`);
      assert.ok(d, `a diagnostic for ${file}`);
      return d;
    };

    // Messages: the harness compares kind, file and line only; the spec asks for more.
    it('an unknown ctx member is an AttributeError that suggests the right name', async function () {
      const d = await ourDiagnostic('call-errors', 'attr-ctx-member.py');
      assert.equal(d.kind, 'AttributeError');
      assert.match(d.message, /runn/);
      assert.match(d.message, /Did you mean:? '?run'?/i);
      const d2 = await ourDiagnostic('call-errors', 'attr-ctx-member-attr.py');
      assert.match(d2.message, /Did you mean:? '?event'?/i);
    });

    it('an unknown keyword of ctx.run is a TypeError that suggests the right keyword', async function () {
      const d = await ourDiagnostic('call-errors', 'type-run-kwarg.py');
      assert.equal(d.kind, 'TypeError');
      assert.match(d.message, /dependson/);
      assert.match(d.message, /Did you mean:? '?depends_on'?/i);
      const d2 = await ourDiagnostic('call-errors', 'type-run-kwarg-cmnd.py');
      assert.match(d2.message, /Did you mean:? '?cmd'?/i);
    });

    it('bare @workflow: the TypeError shows the right form, at the decorator line', async function () {
      const d = await ourDiagnostic('call-errors', 'workflow-bare.py');
      assert.equal(d.kind, 'TypeError');
      assert.equal(d.line, 4);
      assert.match(d.message, /@workflow\(triggers=/);
    });

    it('a duplicate workflow names the first location; the diagnostic sits at the second', async function () {
      const d = await ourDiagnostic('duplicate-across-files', 'b.py');
      assert.equal(d.kind, 'PlanError');
      assert.equal(d.line, 7);
      assert.match(d.message, /deploy/);
      assert.ok(d.message.includes('.plue/workflows/a.py:1'), d.message);
      const same = await ourDiagnostic('duplicate-same-file', 'dup.py');
      assert.ok(same.message.includes('dup.py:1'), same.message);
      assert.equal(same.line, 11);
    });

    it('a PlanError says the value is only known when the workflow runs', async function () {
      for (const file of ['if.py', 'iter.py', 'len.py', 'bool.py']) {
        const d = await ourDiagnostic('plan-errors', file);
        assert.equal(d.kind, 'PlanError');
        assert.match(d.message, /only known when the workflow runs/, `${file}: ${d.message}`);
      }
    });

    it('without --prompts, the prompts beside the workflows are used (.plue/prompts)', async function () {
      const c = caseNamed('prompts-and-tools');
      const run = await throttled(() => runPlue(['.plue/workflows'], c.dir));
      const ours = parsedRun(run, 'no --prompts');
      const expected = envelopeOf(c.expectedText);
      assert.deepEqual(triples(ours.diagnostics), triples(expected.diagnostics));
      for (const f of expected.files) {
        const got = ours.files.find((x) => x.path === f.path);
        assert.ok(got);
        assert.equal(firstDifference(f.compared, got.compared), null);
      }
    });

    describe('files the oracle plans differently from the spec', function () {
      // The oracle (plain CPython objects) gets these wrong: an expression's
      // Python attributes `path`/`fields` leak out instead of extending the
      // path, `list(expr)` fails inside its type check with a TypeError instead
      // of refusing the iteration, and attribute assignment succeeds on its
      // ctx. The spec (§2, §5) says what must happen; nothing here is frozen.
      let root = '';
      let run: Run | null = null;
      let envelope: Envelope | null = null;
      const SOURCES: Record<string, string> = {
        '.plue/workflows/attrs.py': [
          '@workflow(triggers=[push()])',
          'def attrs(ctx):',
          '    s = ctx.run("s", "true")',
          '    ctx.run("p", "x", env={"P": ctx.event.pull_request.path, "F": ctx.event.pull_request.fields, "S": s.outputs.path})',
          '',
        ].join('\n'),
        '.plue/workflows/list.py': ['@workflow(triggers=[push()])', 'def listing(ctx):', '    ctx.run("a", "true")', '    names = list(ctx.event.missing)', ''].join('\n'),
        '.plue/workflows/setattr.py': ['@workflow(triggers=[push()])', 'def setting(ctx):', '    ctx.run("a", "true")', '    ctx.image = "alpine"', ''].join('\n'),
        '.plue/workflows/setattr-expr.py': ['@workflow(triggers=[push()])', 'def setting_expr(ctx):', '    s = ctx.run("a", "true")', '    s.stdout.path = "x"', ''].join('\n'),
        '.plue/workflows/printing.py': [
          '@workflow(triggers=[pull_request()])',
          'def printing(ctx):',
          '    print(ctx.event.pull_request.base)',
          '    ctx.run("a", "true")',
          '    print("sha", ctx.event.sha, ctx.event.pull_request.number)',
          '',
        ].join('\n'),
        'event.json': JSON.stringify({ type: 'pull_request', pull_request: { base: { ref: "it's", ok: true, n: null, f: 1.5 } } }),
      };

      before(async function () {
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'plue-plans-'));
        for (const [rel, content] of Object.entries(SOURCES)) {
          fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
          fs.writeFileSync(path.join(root, rel), content);
        }
        run = await throttled(() => runPlue(['--event', 'event.json', '.plue/workflows'], root));
        envelope = parsedRun(run, 'spec-only files');
      });
      after(function () {
        if (root) fs.rmSync(root, { recursive: true, force: true });
      });

      const diagnosticFor = (file: string): Diagnostic | undefined => envelope?.diagnostics.find((d) => d.file === `.plue/workflows/${file}`);
      /** The steps of the first workflow planned for `file`. */
      const stepsOf = (file: string): readonly Json[] => {
        const workflows = field(envelope?.rawFiles.get(`.plue/workflows/${file}`) ?? null, 'workflows') ?? null;
        assert.ok(workflows !== null && isArray(workflows) && workflows.length > 0, `${file} has a workflow`);
        const steps = field(workflows[0], 'steps') ?? null;
        assert.ok(steps !== null && isArray(steps), `${file}: steps`);
        return steps;
      };

      it('attributes of run-time values always extend the path, even `path` and `fields`', function () {
        assert.equal(diagnosticFor('attrs.py'), undefined);
        const step2 = stepsOf('attrs.py')[1];
        const env = field(field(step2, 'config') ?? null, 'env') ?? null;
        assert.equal(text(field(env, 'P')), '{{ event.pull_request.path }}');
        assert.equal(text(field(env, 'F')), '{{ event.pull_request.fields }}');
        assert.equal(text(field(env, 'S')), '{{ steps.step_1.outputs.path }}');
        assert.equal(show(field(step2, 'depends_on') ?? null), '["step_1"]');
      });

      it('list(expr) iterates a run-time value: PlanError at its line', function () {
        const d = diagnosticFor('list.py');
        assert.equal(d && `${d.kind}@${d.line}`, 'PlanError@4');
      });

      it('assigning an attribute is an AttributeError (no value has writable attributes)', function () {
        const d = diagnosticFor('setattr.py');
        assert.equal(d && `${d.kind}@${d.line}`, 'AttributeError@4');
        const e = diagnosticFor('setattr-expr.py');
        assert.equal(e && `${e.kind}@${e.line}`, 'AttributeError@4');
      });

      it('print() leaves the plan alone and shows event objects like Python dicts on stderr, prefixed file:line', function () {
        assert.equal(diagnosticFor('printing.py'), undefined);
        const lines = (run?.stderr ?? '').split('\n');
        assert.ok(lines.includes(".plue/workflows/printing.py:3: {'ref': \"it's\", 'ok': True, 'n': None, 'f': 1.5}"), run?.stderr);
        assert.ok(lines.includes('.plue/workflows/printing.py:5: sha {{ event.sha }} {{ event.pull_request.number }}'), run?.stderr);
        assert.equal(stepsOf('printing.py').length, 1);
      });

      it('exit status 1 with these errors', function () {
        assert.equal(run?.status, 1);
      });
    });
  });
});
