// The documentation catalog of the language server (server/src/lsp/catalog)
// against the runtime it documents. Coverage both ways: every builtin and
// plue global, plue module export, tool spec, ctx member (nested ones too)
// and step-handle attribute the runtime has is documented, and nothing
// documented is missing from the runtime. Every example evaluates in the
// engine without a diagnostic, and what its `# -> ` comments say a print()
// shows is what it shows. Every documented signature is probed through the
// engine: a call passing each parameter as documented (keywords by name)
// plans cleanly, a call without arguments fails exactly when a parameter is
// required, an unknown keyword is refused unless there is **kwargs, one
// positional argument too many is refused with the documented count, and
// passing a documented default explicitly changes nothing.

import { strict as assert } from 'node:assert';
import { createBuiltins } from '../../server/out/eval/builtins';
import type { Host, PyObject, Value } from '../../server/out/eval/values';
import { PyBuiltin } from '../../server/out/eval/values';
import { mockEvent } from '../../server/out/engine';
import { Definition, StepHandle, WorkflowContext } from '../../server/out/plue/context';
import { ALLOWED_MODULES, PLUE_EXPORTS, PLUE_TOOL_EXPORTS } from '../../server/out/plue/module-exports';
import type { PromptFile } from '../../server/out/plue/prompt-files';
import { PlueRuntime } from '../../server/out/plue/plue-runtime';
import type { ParamDoc, SymbolDoc } from '../../server/out/lsp/catalog/symbol-docs';
import {
  acceptsKeyword,
  allBuiltinDocs,
  allCtxDocs,
  allModuleDocs,
  allStepDocs,
  allToolDocs,
  builtinDoc,
  ctxMemberDoc,
  exampleScopeOf,
  keywordParams,
  moduleDoc,
  paramRequired,
  promptFunctionDoc,
  promptOutputFieldDoc,
  stepAttributeDoc,
  toolDoc,
} from '../../server/out/lsp/catalog/symbol-docs';
import { analyzeSource } from './harness';

// ------------------------------------------------------------------ the runtime's own lists

const PROMPTS: ReadonlyMap<string, PromptFile> = new Map([
  ['CodeReview', { name: 'CodeReview', promptPath: '.plue/prompts/CodeReview.prompt.md', meta: { output: { approved: 'boolean', summary: 'string' } } }],
]);

function runtime(): PlueRuntime {
  return new PlueRuntime({ event: mockEvent(), prompts: PROMPTS, maxStepsPerWorkflow: 100, maxOutputBytes: 1 << 20, currentRow: () => 0 });
}

function context(): WorkflowContext {
  return new WorkflowContext(new Definition('probe', 'workflow', 0), { event: mockEvent(), maxSteps: 100, maxOutputBytes: 1 << 20, output: { used: 0 } }, () => 0);
}

/** The attributes read here (ctx members, their get/comment/diff ..., event fields, step attributes) never use the host. */
const NO_HOST = undefined as unknown as Host;

/** The ctx member a dotted catalog name reaches, as the runtime gives it (throws when there is none). */
function ctxMember(name: string): Value | undefined {
  const [first, ...rest] = name.split('.');
  let v: Value | undefined = context().getAttr(first);
  for (const part of rest) v = (v as PyObject).getAttr(part, NO_HOST);
  return v;
}

const STEP_TYPES = ['shell', 'parallel', 'action', 'llm', 'agent'];

function stepHandle(type: string): StepHandle {
  return new StepHandle('step_1', 'probe', type, null, [], type === 'llm' || type === 'agent' ? ['approved'] : null, 0);
}

function has(obj: PyObject, name: string): boolean {
  try {
    obj.getAttr(name, NO_HOST);
    return true;
  } catch {
    return false;
  }
}

function names(docs: readonly SymbolDoc[]): string[] {
  return docs.map((d) => d.name);
}

function sortedUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort();
}

// ------------------------------------------------------------------ evaluating snippets

interface Outcome {
  readonly diagnostic: string | null;
  readonly kind: string | null;
  readonly message: string;
  readonly prints: readonly { row: number; text: string }[];
}

async function evaluate(source: string): Promise<Outcome> {
  const { file, first } = await analyzeSource(source, { prompts: PROMPTS });
  return {
    diagnostic: first ? `${first.kind}@${first.line}:${first.column}: ${first.message}` : null,
    kind: first?.kind ?? null,
    message: first?.message ?? '',
    prints: file.prints,
  };
}

function indent(body: string): string {
  return body
    .split('\n')
    .map((l) => (l === '' ? '' : `    ${l}`))
    .join('\n');
}

/** The example as a file, and the row its first line lands on. */
function exampleFile(doc: SymbolDoc): { source: string; offset: number } {
  if (exampleScopeOf(doc) === 'file') return { source: `${doc.example}\n`, offset: 0 };
  return { source: `@workflow(triggers=[push()])\ndef example(ctx):\n${indent(doc.example)}\n`, offset: 2 };
}

const PRINT_CLAIM = /^.*\bprint\(.*\)\s+# -> (.*)$/;

// ------------------------------------------------------------------ probing signatures

/** Values for probe calls: `callee.param` first, then the parameter name (`*name`, `**name` for the starred ones). */
const SAMPLES: Readonly<Record<string, string>> = {
  triggers: '[push()]',
  name: '"lint"',
  cmd: '"make lint"',
  env: '{"CI": "1"}',
  cache: '"deps"',
  depends_on: 'probe',
  steps: '[probe]',
  path: '"README.md"',
  content: '"text"',
  body: '"Looks good"',
  line: '3',
  reason: '"failed"',
  ref: '"main"',
  pattern: '"**/*.py"',
  cron: '"0 3 * * *"',
  inner_type: 'str',
  branches: '["main"]',
  types: '["opened"]',
  contains: '"/deploy"',
  inputs: '{"version": str}',
  output: 'schema(ok=bool)',
  image: '"python:3.12"',
  dockerfile: '"Dockerfile"',
  n: '5',
  base: '"main"',
  tools: '[]',
  max_turns: '5',
  iterable: '[3, 1, 2]',
  start: '1',
  stop: '3',
  step: '1',
  strict: 'True',
  reverse: 'True',
  obj: '"x"',
  classinfo: 'int',
  cls: 'bool',
  x: '10',
  number: '2.5',
  ndigits: '1',
  a: '7',
  b: '2',
  exp: '3',
  mod: '5',
  i: '65',
  c: '"A"',
  value: '3.5',
  format_spec: '".1f"',
  mapping: '{"a": 1}',
  object: '3',
  seq: '[1, 2]',
  default: '0',
  sep: '", "',
  end: '"!"',
  '**fields': 'name=str',
  '*values': '"low", "high"',
  '*parts': '"deps", 3',
  '**outputs': 'ok=True',
  '**config': 'repo=ctx.repo',
  '**inputs': 'diff="x"',
  '**kwargs': 'b=2',
  '*objects': '"hello", 1',
  '*iterables': '[1, 2], [3, 4]',
  '*args': '[3, 1]',
  'int.x': '"10"',
  'int.base': '16',
  'pow.base': '2',
  'ctx.event.get.key': '"ref"',
};

/**
 * Callees the runtime binds more leniently than Python (and than it documents): the get() helpers of
 * ctx.event / secrets / env / inputs take their arguments from positions only, ignore keywords and extra
 * arguments, and print() ignores unknown keywords as the reference runtime does. Checked by the full call
 * and the examples only.
 */
const LENIENT = new Set(['ctx.event.get', 'ctx.secrets.get', 'ctx.env.get', 'ctx.inputs.get']);
const LENIENT_KEYWORDS = new Set([...LENIENT, 'print']);

function calleeOf(doc: SymbolDoc): string {
  if (doc.owner === 'ctx') return `ctx.${doc.name}`;
  if (doc.module !== undefined) return `${doc.module}.${doc.name}`;
  return doc.name;
}

function sample(callee: string, p: ParamDoc): string | undefined {
  const key = p.kind === 'star' ? `*${p.name}` : p.kind === 'double-star' ? `**${p.name}` : p.name;
  return SAMPLES[`${callee}.${p.name}`] ?? SAMPLES[key];
}

function sampleOrDefault(callee: string, p: ParamDoc): string {
  const v = sample(callee, p) ?? p.default;
  if (v === undefined) throw new Error(`no probe value for ${callee}(${p.name}): add one to SAMPLES`);
  return v;
}

/** A call passing the chosen params: positional-only ones by position, starred ones spread, the rest by keyword. */
function callText(callee: string, params: readonly ParamDoc[], chosen: (p: ParamDoc) => boolean, valueOf: (p: ParamDoc) => string, extra: string[] = []): string {
  const positional: string[] = [];
  const keywords: string[] = [];
  for (const p of params) {
    if (!chosen(p)) continue;
    const v = valueOf(p);
    if (p.kind === 'positional' && p.positionalOnly) positional.push(v);
    else if (p.kind === 'star') positional.push(v);
    else if (p.kind === 'double-star') keywords.push(v);
    else keywords.push(`${p.name}=${v}`);
  }
  return `${callee}(${[...positional, ...keywords, ...extra].join(', ')})`;
}

function probeFile(statements: string): string {
  return `import plue\n\n@workflow(triggers=[push()])\ndef catalog_probe(ctx):\n    probe = ctx.run("probe", "true")\n${indent(statements)}\n`;
}

function isIterator(doc: SymbolDoc): boolean {
  return /^(enumerate|zip|reversed)\b/.test(doc.returns ?? '');
}

/** An expression whose repr shows what the call made (iterators drained), to compare two calls. */
function observed(doc: SymbolDoc, call: string): string {
  return isIterator(doc) ? `list(${call})` : call;
}

const CALLABLE_KINDS = new Set(['function', 'decorator', 'type']);

function isExceptionClass(d: SymbolDoc): boolean {
  return d.kind === 'type' && d.signature.startsWith('class ');
}

/** Everything documented as callable with a signature to probe (exception classes take any arguments). */
function callableDocs(): SymbolDoc[] {
  const docs = [...allBuiltinDocs(), ...allCtxDocs(), ...allToolDocs(), promptFunctionDoc('CodeReview')];
  return docs.filter((d) => CALLABLE_KINDS.has(d.kind) && !isExceptionClass(d));
}

// ------------------------------------------------------------------ tests

describe('lsp catalog', () => {
  describe('coverage against the runtime', () => {
    it('documents every global of a workflow file, and no other name', () => {
      const globals = sortedUnique([...createBuiltins().keys(), ...runtime().globals.keys()]);
      assert.deepEqual(sortedUnique(names(allBuiltinDocs())), globals);
      for (const name of globals) assert.ok(builtinDoc(name), name);
    });

    it('documents what plue, plue.tools and plue.prompts export', () => {
      for (const name of PLUE_EXPORTS) assert.ok(builtinDoc(name), `from plue import ${name}`);
      const plue = runtime().importValue('plue', null) as PyObject;
      for (const name of plue.attrNames()) {
        assert.ok(name === 'prompts' || name === 'tools' ? moduleDoc(`plue.${name}`) : builtinDoc(name), `plue.${name}`);
      }
      assert.deepEqual(sortedUnique(names(allModuleDocs())), sortedUnique(ALLOWED_MODULES));
      assert.deepEqual(sortedUnique(names(allToolDocs())), sortedUnique(PLUE_TOOL_EXPORTS));
      assert.deepEqual(sortedUnique(runtime().toolsModule().attrNames()), sortedUnique(PLUE_TOOL_EXPORTS));
      for (const name of PLUE_TOOL_EXPORTS) assert.equal(toolDoc(`plue.tools.${name}`), toolDoc(name));
    });

    it('documents every ctx member (CTX_MEMBERS) and nested member, and only those the runtime has', () => {
      const members = context().attrNames();
      assert.ok(members.length >= 21, 'CTX_MEMBERS as WorkflowContext.attrNames()');
      for (const name of members) assert.ok(ctxMemberDoc(name), `ctx.${name}`);
      const git = context().getAttr('git') as PyObject;
      for (const name of git.attrNames()) assert.ok(ctxMemberDoc(`git.${name}`), `ctx.git.${name}`);
      for (const doc of allCtxDocs()) {
        assert.ok(members.includes(doc.name.split('.')[0]), `ctx.${doc.name} documented but not a ctx member`);
        const v = ctxMember(doc.name);
        if (doc.kind === 'function') assert.ok(v instanceof PyBuiltin, `ctx.${doc.name} is callable`);
      }
      assert.equal(ctxMemberDoc('ctx.run'), ctxMemberDoc('run'));
    });

    it('documents every step-handle attribute, with the step types that have it', () => {
      const documented = new Set(names(allStepDocs()));
      for (const type of STEP_TYPES) {
        for (const name of stepHandle(type).attrNames()) {
          if (name !== 'approved') assert.ok(documented.has(name), `${type} step .${name}`);
        }
      }
      for (const doc of allStepDocs()) {
        assert.ok(doc.stepTypes && doc.stepTypes.length > 0, doc.name);
        for (const type of STEP_TYPES) {
          assert.equal(has(stepHandle(type), doc.name), doc.stepTypes.includes(type), `${type} step .${doc.name}`);
        }
        assert.equal(stepAttributeDoc(doc.name), doc);
      }
      assert.equal(promptOutputFieldDoc('approved').name, 'approved');
    });

    it('gives each exception class its real base', async () => {
      const exceptions = allBuiltinDocs().filter(isExceptionClass);
      assert.ok(exceptions.length >= 40);
      const checks = exceptions.filter((d) => d.base !== undefined).map((d) => `assert issubclass(${d.name}, ${d.base}), "${d.name}"`);
      const outcome = await evaluate(checks.join('\n'));
      assert.equal(outcome.diagnostic, null);
    });
  });

  describe('shape of the entries', () => {
    const everything = (): SymbolDoc[] => [
      ...allBuiltinDocs(),
      ...allCtxDocs(),
      ...allStepDocs(),
      ...allToolDocs(),
      ...allModuleDocs(),
      promptFunctionDoc('CodeReview'),
      promptOutputFieldDoc('approved'),
    ];

    it('lists are sorted by name, unique and stable', () => {
      for (const list of [allBuiltinDocs(), allCtxDocs(), allStepDocs(), allToolDocs(), allModuleDocs()]) {
        const ns = names(list);
        assert.deepEqual(ns, [...ns].sort());
        assert.equal(new Set(ns).size, ns.length);
      }
      assert.equal(allBuiltinDocs(), allBuiltinDocs());
      assert.deepEqual(JSON.stringify(allCtxDocs()), JSON.stringify(allCtxDocs()));
    });

    it('every entry has a signature naming its parameters, a one-paragraph doc and an example', () => {
      for (const d of everything()) {
        assert.ok(d.signature.includes(d.name.split('.').pop() as string), `${d.name}: ${d.signature}`);
        assert.ok(d.doc.length > 20 && !d.doc.includes('\n\n') && d.doc === d.doc.trim(), `${d.name}: doc`);
        assert.ok(d.example.trim().length > 0 && !d.example.includes('\t'), `${d.name}: example`);
        for (const p of d.params) {
          assert.ok(d.signature.includes(p.name), `${d.name}: signature lacks ${p.name}`);
          assert.ok(/^\S.*\.$/.test(p.doc) && !p.doc.includes('\n'), `${d.name}(${p.name}): one sentence`);
          if (p.positionalOnly) assert.equal(p.kind, 'positional', `${d.name}(${p.name})`);
        }
      }
    });

    it('answers keyword completion for decorators, triggers and ctx step methods', () => {
      const kw = (callee: string): string[] | undefined => keywordParams(callee)?.map((p) => p.name);
      assert.deepEqual(kw('workflow'), ['triggers', 'image', 'dockerfile']);
      assert.deepEqual(kw('@workflow'), kw('workflow'));
      assert.deepEqual(kw('tool'), ['inputs', 'output', 'image', 'dockerfile']);
      assert.deepEqual(kw('push'), ['branches']);
      assert.deepEqual(kw('pull_request'), ['types']);
      assert.deepEqual(kw('issue_comment'), ['contains']);
      assert.deepEqual(kw('manual'), ['inputs']);
      assert.deepEqual(kw('schedule'), ['cron']);
      assert.deepEqual(kw('ctx.run'), ['name', 'cmd', 'env', 'cache', 'depends_on']);
      assert.deepEqual(kw('ctx.git.checkout'), ['ref', 'depends_on']);
      assert.deepEqual(kw('ctx.review_comment'), ['path', 'line', 'body', 'depends_on']);
      assert.deepEqual(kw('plue.push'), kw('push'));
      assert.deepEqual(kw('plue.prompts.CodeReview'), ['tools', 'max_turns', 'depends_on', 'inputs']);
      assert.deepEqual(kw('plue.tools.grep'), ['config']);
      assert.deepEqual(kw('sorted'), ['key', 'reverse']);
      assert.deepEqual(kw('len'), []);
      assert.deepEqual(keywordParams('ctx.success')?.map((p) => p.kind), ['double-star']);
      assert.equal(keywordParams('ctx.event'), undefined);
      assert.equal(keywordParams('no_such_function'), undefined);
      for (const doc of callableDocs().filter((d) => d.module === undefined)) {
        assert.deepEqual(keywordParams(calleeOf(doc)), doc.params.filter(acceptsKeyword), calleeOf(doc));
      }
      for (const doc of allCtxDocs().filter((d) => d.returns === 'Step' && d.name !== 'parallel')) {
        assert.ok(keywordParams(`ctx.${doc.name}`)?.some((p) => p.name === 'depends_on'), `ctx.${doc.name} takes depends_on`);
      }
    });
  });

  describe('examples evaluate in the engine', () => {
    const docs = (): SymbolDoc[] => [
      ...allBuiltinDocs(),
      ...allCtxDocs(),
      ...allStepDocs(),
      ...allToolDocs(),
      ...allModuleDocs(),
      promptFunctionDoc('CodeReview'),
      promptOutputFieldDoc('approved'),
    ];

    it('without a diagnostic, printing what their comments say', async () => {
      const failures: string[] = [];
      let claims = 0;
      for (const doc of docs()) {
        const { source, offset } = exampleFile(doc);
        const outcome = await evaluate(source);
        if (outcome.diagnostic !== null) {
          failures.push(`${doc.owner} ${doc.name}: ${outcome.diagnostic}`);
          continue;
        }
        doc.example.split('\n').forEach((line, i) => {
          const claim = PRINT_CLAIM.exec(line);
          if (!claim) return;
          claims++;
          const printed = outcome.prints.filter((p) => p.row === offset + i).map((p) => p.text);
          if (printed.length !== 1 || printed[0] !== claim[1]) failures.push(`${doc.owner} ${doc.name}: line ${i + 1} prints ${JSON.stringify(printed)}, the comment says ${JSON.stringify(claim[1])}`);
        });
      }
      assert.deepEqual(failures, []);
      assert.ok(claims > 50, `${claims} checked print claims`);
    });
  });

  describe('signatures match the runtime', () => {
    it('a call passing every documented parameter plans cleanly', async () => {
      const failures: string[] = [];
      for (const doc of callableDocs()) {
        const callee = calleeOf(doc);
        const call = callText(callee, doc.params, () => true, (p) => sampleOrDefault(callee, p));
        const outcome = await evaluate(probeFile(`result = ${call}`));
        if (outcome.diagnostic !== null) failures.push(`${call}: ${outcome.diagnostic}`);
      }
      assert.deepEqual(failures, []);
    });

    it('a call without arguments fails exactly when a parameter is required', async () => {
      const failures: string[] = [];
      for (const doc of callableDocs()) {
        const callee = calleeOf(doc);
        if (LENIENT.has(callee)) continue;
        const required = doc.params.some(paramRequired);
        const outcome = await evaluate(probeFile(`result = ${callee}()`));
        const ok = required ? outcome.kind === 'TypeError' : outcome.diagnostic === null;
        if (!ok) failures.push(`${callee}() with ${required ? 'required parameters' : 'no required parameter'}: ${outcome.diagnostic ?? 'no diagnostic'}`);
      }
      assert.deepEqual(failures, []);
    });

    it('an unknown keyword is refused unless **kwargs is documented', async () => {
      const failures: string[] = [];
      for (const doc of callableDocs()) {
        const callee = calleeOf(doc);
        if (LENIENT_KEYWORDS.has(callee)) continue;
        const open = doc.params.some((p) => p.kind === 'double-star');
        const call = callText(callee, doc.params, paramRequired, (p) => sampleOrDefault(callee, p), ['zz_unknown=str']);
        const outcome = await evaluate(probeFile(`result = ${call}`));
        const refused = outcome.kind === 'TypeError' && /zz_unknown|keyword argument/.test(outcome.message);
        if (open ? outcome.diagnostic !== null : !refused) failures.push(`${call}: ${outcome.diagnostic ?? 'accepted'}`);
      }
      assert.deepEqual(failures, []);
    });

    it('one positional argument too many is refused, with the documented count', async () => {
      const failures: string[] = [];
      for (const doc of callableDocs()) {
        const callee = calleeOf(doc);
        if (LENIENT.has(callee) || doc.params.some((p) => p.kind === 'star')) continue;
        const count = doc.params.filter((p) => p.kind === 'positional').length;
        const call = `${callee}(${new Array(count + 1).fill('None').join(', ')})`;
        const outcome = await evaluate(probeFile(`result = ${call}`));
        // CPython's wordings: "takes 2 positional arguments", "takes at most 2 arguments", "takes exactly one argument", "takes no arguments".
        const said = /takes (?:exactly |at most )?(\d+|no|one) (?:positional )?arguments?/.exec(outcome.message);
        const most = said === null ? null : said[1] === 'no' ? 0 : said[1] === 'one' ? 1 : Number(said[1]);
        if (outcome.kind !== 'TypeError' || most !== count) failures.push(`${call} (${count} documented): ${outcome.diagnostic ?? 'accepted'}`);
      }
      assert.deepEqual(failures, []);
    });

    it('passing a documented default explicitly changes nothing', async () => {
      const failures: string[] = [];
      let compared = 0;
      for (const doc of callableDocs()) {
        if (doc.kind === 'decorator') continue;
        const callee = calleeOf(doc);
        for (const [at, p] of doc.params.entries()) {
          if (p.default === undefined) continue;
          const value = (q: ParamDoc): string => sampleOrDefault(callee, q);
          // Positional-only parameters before p must be given to reach it; keyword-able ones stay required-only.
          const before = (q: ParamDoc): boolean => paramRequired(q) || (p.positionalOnly === true && q.positionalOnly === true && doc.params.indexOf(q) < at);
          const without = callText(callee, doc.params, before, value);
          const withDefault = callText(callee, doc.params, (q) => before(q) || q === p, (q) => (q === p ? (p.default as string) : value(q)));
          const source =
            doc.returns === 'Step'
              ? `a = ${without}\nb = ${withDefault}\nprint(repr([a.name, a.step_type, a.config, a.depends_on]) == repr([b.name, b.step_type, b.config, b.depends_on]))`
              : `print(repr(${observed(doc, without)}) == repr(${observed(doc, withDefault)}))`;
          const outcome = await evaluate(probeFile(source));
          compared++;
          const printed = outcome.prints.map((x) => x.text);
          if (outcome.diagnostic !== null || printed[printed.length - 1] !== 'True') failures.push(`${without} vs ${withDefault}: ${outcome.diagnostic ?? printed.join(' | ')}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(compared > 40, `${compared} defaults compared`);
    });

    it('documents the extensions this engine has over the reference runtime', () => {
      const engineOnly = allBuiltinDocs().filter((d) => d.engineOnly).map((d) => d.name);
      assert.deepEqual(engineOnly, ['bin', 'format', 'set']);
      for (const doc of allBuiltinDocs()) assert.equal(doc.engineOnly === true, /the reference runtime does not/.test(doc.doc), doc.name);
    });
  });
});
