// docs/plan-format.schema.json against real envelopes: every expected.json of
// the conformance workflow corpus, and what `plue workflow plan --json`
// prints (a child process) for each conformance workflow repo, the bundled
// examples/ and examples/tutorial/ repos, and the semantics and security
// corpora (envelopes full of diagnostics). Deliberately broken envelopes show
// that the schema refuses what it should, and the values the evaluator passes
// through unchecked (docs/plan-format.md, "What the schema states beyond the
// evaluator") are planned by the CLI and refused by the schema. The corpus cases are skipped, with
// the reason in their title, when ../shared/conformance is not beside the
// repository (a clone without the shared corpora, as .ci/run allows).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { makeTree, plue, tempRoots } from './cli-harness';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA_PATH = path.join(ROOT, 'docs', 'plan-format.schema.json');
const CONFORMANCE = path.join(ROOT, '..', 'shared', 'conformance');
const NEEDS_SHARED = '(needs ../shared/conformance)';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function compileSchema(): ValidateFunction {
  // strict: an unknown keyword or a type-less keyword in the schema is an error here, not a silent no-op.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as object);
}

const validate = compileSchema();

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
    .join('\n');
}

function assertValid(envelope: unknown, what: string): void {
  const ok = validate(envelope);
  assert.ok(ok, `${what} does not match docs/plan-format.schema.json:\n${describeErrors(validate.errors)}`);
}

/**
 * The instance paths the schema complains about (empty when it accepts the
 * value), without the summary errors `if` and `oneOf` add at the parent of
 * the real fault.
 */
function rejectedAt(envelope: unknown): string[] {
  if (validate(envelope)) return [];
  const errors = validate.errors ?? [];
  const real = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'oneOf');
  return [...new Set((real.length > 0 ? real : errors).map((e) => e.instancePath))];
}

/** `plue workflow plan --json ARGS` in `cwd`; its exit status must agree with the diagnostics. */
function planJson(args: readonly string[], cwd: string): Json {
  const run = plue(['workflow', 'plan', '--json', ...args], cwd);
  const envelope = JSON.parse(run.stdout) as { diagnostics: unknown[] };
  assert.equal(run.status, envelope.diagnostics.length > 0 ? 1 : 0, `exit status in ${cwd}\n${run.stderr}`);
  return envelope as unknown as Json;
}

function workflowCases(): string[] {
  const dir = path.join(CONFORMANCE, 'workflows');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, 'expected.json')))
    .sort();
}

function clone(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** Follows `keys` into `value` (object keys and array indices). */
function at(value: Json, ...keys: (string | number)[]): { [key: string]: Json } {
  let v: Json = value;
  for (const k of keys) {
    if (Array.isArray(v) && typeof k === 'number') v = v[k];
    else if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof k === 'string') v = v[k];
    else throw new Error(`no ${String(k)} in ${JSON.stringify(v).slice(0, 80)}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`not an object at ${keys.join('/')}`);
  return v;
}

describe('plan format schema (docs/plan-format.schema.json)', function () {
  const cases = workflowCases();
  const shared = fs.existsSync(CONFORMANCE);

  describe('expected envelopes of the conformance workflow corpus', function () {
    it(`finds the corpus ${NEEDS_SHARED}`, function () {
      if (!shared) this.skip();
      assert.ok(cases.length >= 16, `expected at least 16 cases with expected.json, found ${cases.length}`);
    });
    for (const name of cases) {
      it(name, function () {
        assertValid(JSON.parse(fs.readFileSync(path.join(CONFORMANCE, 'workflows', name, 'expected.json'), 'utf8')), `${name}/expected.json`);
      });
    }
  });

  describe('our CLI output', function () {
    this.timeout(60_000);

    for (const name of cases) {
      it(`conformance workflow repo ${name}`, function () {
        const dir = path.join(CONFORMANCE, 'workflows', name);
        const event = fs.existsSync(path.join(dir, 'event.json')) ? ['--event', 'event.json'] : [];
        assertValid(planJson([...event, '.plue/workflows'], dir), name);
      });
    }

    for (const repo of ['examples', path.join('examples', 'tutorial')]) {
      it(`the ${repo}/ repo`, function () {
        const envelope = planJson(['.plue/workflows'], path.join(ROOT, repo));
        assertValid(envelope, repo);
        const files = (envelope as { files: { workflows: unknown[] }[] }).files;
        assert.ok(files.length > 0 && files.every((f) => f.workflows.length > 0), `${repo} plans workflows from every file`);
      });
    }

    for (const corpus of ['semantics', 'security']) {
      it(`every file of the ${corpus} corpus, as one run ${NEEDS_SHARED}`, function () {
        if (!shared) this.skip();
        const dir = path.join(CONFORMANCE, corpus);
        const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.py'));
        const envelope = planJson(['.'], dir) as { files: unknown[]; diagnostics: unknown[] };
        assert.equal(envelope.files.length, sources.length, 'one entry per file');
        assert.ok(envelope.diagnostics.length > 0, 'the corpus yields diagnostics');
        assertValid(envelope, corpus);
      });
    }
  });

  describe('refuses broken envelopes', function () {
    let good: Json = null;

    before(function () {
      good = planJson(['.plue/workflows'], path.join(ROOT, 'examples'));
      assertValid(good, 'examples');
    });

    /** Index of the first step of type `type` in the examples' first file's first workflow, or of any workflow. */
    function stepPath(type: string): (string | number)[] {
      const files = (good as { files: { workflows: { steps: { type: string }[] }[] }[] }).files;
      for (let f = 0; f < files.length; f++) {
        for (let w = 0; w < files[f].workflows.length; w++) {
          const s = files[f].workflows[w].steps.findIndex((step) => step.type === type);
          if (s >= 0) return ['files', f, 'workflows', w, 'steps', s];
        }
      }
      throw new Error(`no ${type} step in examples/`);
    }

    it('a step without depends_on', function () {
      const bad = clone(good);
      const step = at(bad, ...stepPath('shell'));
      delete step['depends_on'];
      assert.deepEqual(rejectedAt(bad), [`/${stepPath('shell').join('/')}`]);
    });

    it('an unknown step type', function () {
      const bad = clone(good);
      at(bad, ...stepPath('shell'))['type'] = 'docker';
      assert.deepEqual(rejectedAt(bad), [`/${stepPath('shell').join('/')}/type`]);
    });

    it('an extra key in an envelope file, in a plan and in a shell config', function () {
      for (const where of [['files', 0], ['files', 0, 'workflows', 0], [...stepPath('shell'), 'config']]) {
        const bad = clone(good);
        at(bad, ...where)['timeout'] = 30;
        assert.deepEqual(rejectedAt(bad), [`/${where.join('/')}`], `extra key at ${where.join('/')}`);
      }
    });

    it('a missing top-level key', function () {
      const bad = clone(good) as { [key: string]: Json };
      delete bad['diagnostics'];
      assert.deepEqual(rejectedAt(bad), ['']);
    });

    it('an action step whose name is not its action, and an unknown action', function () {
      const renamed = clone(good);
      const comment = stepPath('action');
      at(renamed, ...comment)['name'] = 'post comment';
      assert.notDeepEqual(rejectedAt(renamed), []);
      const unknown = clone(good);
      at(unknown, ...comment, 'config')['action'] = 'merge';
      assert.notDeepEqual(rejectedAt(unknown), []);
    });

    it('a parallel step with dependencies', function () {
      const bad = clone(good);
      const parallel = at(bad, ...stepPath('parallel'));
      parallel['depends_on'] = ['step_1'];
      assert.deepEqual(rejectedAt(bad), [`/${stepPath('parallel').join('/')}/depends_on`]);
    });

    it('an unknown trigger kind, and a trigger with a key of another kind', function () {
      const kind = clone(good);
      at(kind, 'files', 0, 'workflows', 0, 'triggers', 0)['type'] = 'release';
      assert.notDeepEqual(rejectedAt(kind), []);
      const mixed = clone(good);
      at(mixed, 'files', 0, 'workflows', 0, 'triggers', 0)['cron'] = '0 1 * * *';
      assert.notDeepEqual(rejectedAt(mixed), []);
    });

    it('a diagnostic with a 0 line and a bad step id in depends_on', function () {
      const bad = clone(good) as { diagnostics: Json[] } & { [key: string]: Json };
      bad.diagnostics = [{ kind: 'NameError', message: "name 'x' is not defined", file: 'ci.py', line: 0, column: 1 }];
      assert.deepEqual(rejectedAt(bad), ['/diagnostics/0/line']);
      const dep = clone(good);
      at(dep, ...stepPath('shell'))['depends_on'] = ['install'];
      assert.deepEqual(rejectedAt(dep), [`/${stepPath('shell').join('/')}/depends_on/0`]);
    });

    it('a tool input that is not a type schema', function () {
      const bad = clone(good);
      const files = (good as { files: { tools: unknown[] }[] }).files;
      const f = files.findIndex((file) => file.tools.length > 0);
      assert.ok(f >= 0, 'examples/ has a @tool');
      at(bad, 'files', f, 'tools', 0, 'inputs')['since'] = { type: 'date' };
      assert.notDeepEqual(rejectedAt(bad), []);
    });
  });

  describe('states more than the evaluator checks (docs/plan-format.md)', function () {
    this.timeout(60_000);
    after(function () {
      for (const root of tempRoots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
    });

    const header = 'from plue import workflow, push, manual\n\n';
    const cases: readonly (readonly [string, string, string])[] = [
      ['push(branches="main")', '@workflow(triggers=[push(branches="main")])\ndef w(ctx):\n    ctx.run("a", "true")\n', '/files/0/workflows/0/triggers/0'],
      ['a string as a trigger', '@workflow(triggers=["push"])\ndef w(ctx):\n    ctx.run("a", "true")\n', '/files/0/workflows/0/triggers/0'],
      ['a non-string image', '@workflow(triggers=[push()], image=3)\ndef w(ctx):\n    ctx.run("a", "true")\n', '/files/0/workflows/0/image'],
      ['a non-string step name', '@workflow(triggers=[push()])\ndef w(ctx):\n    ctx.run(5, "true")\n', '/files/0/workflows/0/steps/0/name'],
      ['a list as env', '@workflow(triggers=[push()])\ndef w(ctx):\n    ctx.run("a", "true", env=["A=1"])\n', '/files/0/workflows/0/steps/0/config/env'],
      ['an int as cache', '@workflow(triggers=[push()])\ndef w(ctx):\n    ctx.run("a", "true", cache=7)\n', '/files/0/workflows/0/steps/0/config/cache'],
      ['a dict as a comment body', '@workflow(triggers=[push()])\ndef w(ctx):\n    ctx.comment({"a": 1})\n', '/files/0/workflows/0/steps/0/config/body'],
      ['a manual input that is not a type', '@workflow(triggers=[manual(inputs={"env": "prod"})])\ndef w(ctx):\n    ctx.run("a", "true")\n', '/files/0/workflows/0/triggers/0/inputs/env'],
    ];
    for (const [what, body, where] of cases) {
      it(what, function () {
        const root = makeTree({ '.plue/workflows/w.py': header + body });
        const envelope = planJson(['.plue/workflows'], root) as { diagnostics: unknown[] };
        assert.deepEqual(envelope.diagnostics, [], 'the CLI plans it without a diagnostic');
        const paths = rejectedAt(envelope);
        assert.ok(paths.includes(where), `refused at ${where}, got ${JSON.stringify(paths)}`);
      });
    }
  });
});
