// The plue stubs against the real Pyright (node_modules/pyright): `plue stubs`
// writes the package for every public conformance repository and examples/,
// and one Pyright run over all their workflow files (each repository its own
// execution environment, its stubs on extraPaths, __builtins__.pyi beside the
// workflows) reports nothing about plue, also with `ctx` annotated as
// plue.Context, and so do the hover catalog's examples and an import of every
// name the import check accepts; a broken copy reports exactly its mistakes.
// Also the exact text of a generated prompts.pyi, and the command's
// determinism.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CTX_DOCS } from '../../server/out/lsp/catalog/ctx-docs';
import { MODULE_DOCS, PLUE_DOCS, TOOL_DOCS } from '../../server/out/lsp/catalog/plue-docs';
import { STEP_DOCS } from '../../server/out/lsp/catalog/step-docs';
import { exampleScopeOf } from '../../server/out/lsp/catalog/symbol-docs';
import { PLUE_EXPORTS, PLUE_TOOL_EXPORTS } from '../../server/out/plue/module-exports';
import { plue } from './cli-harness';

const REPO = path.join(__dirname, '..', '..');
const PYRIGHT = path.join(REPO, 'node_modules', 'pyright', 'index.js');
const CONFORMANCE = path.join(REPO, '..', 'shared', 'conformance', 'workflows');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'stubs');

interface PyrightDiagnostic {
  readonly file: string;
  readonly severity: 'error' | 'warning' | 'information';
  readonly message: string;
  readonly rule?: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
}
interface PyrightReport {
  readonly generalDiagnostics: readonly PyrightDiagnostic[];
  readonly summary: { readonly filesAnalyzed: number; readonly errorCount: number; readonly warningCount: number };
}

/** One line per diagnostic: `severity rule file:line` (1-based line, file relative to the analysed root). */
function summary(root: string, d: PyrightDiagnostic): string {
  return `${d.severity} ${d.rule ?? '-'} ${path.relative(root, d.file).split(path.sep).join('/')}:${d.range.start.line + 1}`;
}

/** The repositories to check: name -> folder holding .plue/. */
function repositories(): Map<string, string> {
  const repos = new Map<string, string>();
  for (const name of fs.readdirSync(CONFORMANCE).sort()) {
    if (fs.existsSync(path.join(CONFORMANCE, name, '.plue', 'workflows'))) repos.set(name, path.join(CONFORMANCE, name));
  }
  repos.set('examples', path.join(REPO, 'examples'));
  return repos;
}

/** Every *.py below `dir`, relative, in byte order. */
function pythonFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.py')).sort();
}

/** `def NAME(ctx):` -> `def NAME(ctx: "plue.Context"):`, with `import plue` first: the workflow with its ctx checked. */
function annotateCtx(source: string): string {
  return `import plue\n${source.replace(/^def (\w+)\(ctx\):/gm, 'def $1(ctx: "plue.Context"):')}`;
}

/**
 * A repository of one workflow file per hover/completion catalog example of plue, ctx, steps and tools (ctx
 * annotated), and one importing every name the import check accepts from plue and plue.tools.
 */
function catalogRepository(dir: string): void {
  const workflows = path.join(dir, '.plue', 'workflows');
  const prompts = path.join(dir, '.plue', 'prompts');
  fs.mkdirSync(workflows, { recursive: true });
  fs.mkdirSync(prompts, { recursive: true });
  // The prompt the catalog examples may import (as in lsp-catalog.test.ts).
  fs.writeFileSync(path.join(prompts, 'CodeReview.prompt.md'), '---\nname: CodeReview\noutput:\n  approved: boolean\n  summary: string\n---\nReview.\n');
  [...PLUE_DOCS, ...TOOL_DOCS, ...MODULE_DOCS, ...CTX_DOCS, ...STEP_DOCS].forEach((doc, i) => {
    const body = doc.example
      .split('\n')
      .map((l) => (l === '' ? '' : `    ${l}`))
      .join('\n');
    const source =
      exampleScopeOf(doc) === 'file'
        ? annotateCtx(`${doc.example}\n`)
        : `import plue\nfrom plue import workflow, push\n\n\n@workflow(triggers=[push()])\ndef example(ctx: "plue.Context"):\n${body}\n`;
    fs.writeFileSync(path.join(workflows, `${String(i).padStart(3, '0')}_${doc.owner}_${doc.name.replace(/\W/g, '_')}.py`), source);
  });
  fs.writeFileSync(
    path.join(workflows, 'imports.py'),
    `from plue import ${PLUE_EXPORTS.join(', ')}\nfrom plue.tools import ${PLUE_TOOL_EXPORTS.join(', ')}\n\nprint(${[...PLUE_EXPORTS, ...PLUE_TOOL_EXPORTS].join(', ')})\n`,
  );
}

/**
 * Lays out one analysis folder per repository under `root`: `NAME/workflows` with the workflow files (transformed
 * by `edit`), then the real CLI writes `NAME/stubs` and __builtins__.pyi in each folder of the workflows.
 * Returns how many files it placed under `workflows` (Pyright analyses each, __builtins__.pyi copies included).
 */
function layOut(root: string, name: string, repo: string, workflows: string, edit: (source: string) => string): number {
  const files = pythonFiles(workflows);
  assert.ok(files.length > 0, `${name} has workflow files`);
  const folders = new Set<string>();
  for (const rel of files) {
    const target = path.join(root, name, 'workflows', rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, edit(fs.readFileSync(path.join(workflows, rel), 'utf8')));
    folders.add(path.dirname(target));
  }
  const args = ['stubs', '--prompts', path.join(repo, '.plue', 'prompts'), '--out', path.join(root, name, 'stubs'), '--workflows', path.join(root, name, 'workflows')];
  const run = plue(args, REPO);
  assert.equal(run.status, 0, `plue stubs for ${name}: ${run.stderr}`);
  for (const folder of folders) assert.ok(fs.existsSync(path.join(folder, '__builtins__.pyi')), `__builtins__.pyi beside the workflows in ${folder}`);
  return files.length + folders.size;
}

/** Runs Pyright once over `root/NAME/workflows` for every name (and the `extra` folders), each name its own execution environment. */
function pyright(root: string, names: readonly string[], extra: readonly string[] = []): PyrightReport {
  const config = {
    include: [...names.map((n) => `${n}/workflows`), ...extra],
    executionEnvironments: names.map((n) => ({ root: n, extraPaths: [`${n}/stubs`] })),
    pythonVersion: '3.11',
    typeCheckingMode: 'standard',
  };
  fs.writeFileSync(path.join(root, 'pyrightconfig.json'), `${JSON.stringify(config, null, 1)}\n`);
  const result = spawnSync(process.execPath, [PYRIGHT, '--outputjson', '-p', path.join(root, 'pyrightconfig.json')], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  assert.ok(result.status === 0 || result.status === 1, `pyright exited with ${result.status}: ${result.stderr}${result.stdout.slice(0, 2000)}`);
  return JSON.parse(result.stdout) as PyrightReport;
}

describe('pyright-stubs: the plue stubs under Pyright', function () {
  // Pyright takes tens of seconds on a busy machine; the runs are batched into two.
  this.timeout(300_000);
  let root = '';

  before(function () {
    assert.ok(fs.existsSync(PYRIGHT), `the pyright npm package is missing at ${PYRIGHT}: it is a devDependency (npm ci)`);
    assert.ok(fs.existsSync(CONFORMANCE), `the conformance corpus is missing at ${CONFORMANCE}`);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'plue-pyright-'));
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes the same stub package, byte for byte, __builtins__.pyi beside the workflow files only, and a second run writes nothing', () => {
    const out = path.join(root, 'determinism', 'stubs');
    const workflows = path.join(root, 'determinism', 'workflows');
    for (const rel of ['ci.py', 'sub/deploy.py', 'notes/README.md']) {
      fs.mkdirSync(path.dirname(path.join(workflows, rel)), { recursive: true });
      fs.writeFileSync(path.join(workflows, rel), '');
    }
    const args = ['stubs', '--prompts', path.join(FIXTURES, 'prompts'), '--out', out, '--workflows', workflows];
    const first = plue(args, REPO);
    assert.equal(first.status, 0);
    assert.equal(first.stdout, `${out}: 3 prompts; __builtins__.pyi in 2 folders of ${workflows}; 8 files written\n`);
    assert.equal(
      first.stderr,
      `${path.join('test', 'fixtures', 'stubs', 'prompts', 'Broken.prompt.md')}:1:1: warning: prompt file has no frontmatter: it must start with a --- line (left out of prompts.pyi)\n`,
    );
    const listing = (dir: string): string[] =>
      (fs.readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .map((f) => f.split(path.sep).join('/'))
        .sort();
    assert.deepEqual(listing(out), ['plue/__init__.py', 'plue/__init__.pyi', 'plue/prompts.py', 'plue/prompts.pyi', 'plue/tools.py', 'plue/tools.pyi']);
    assert.deepEqual(listing(workflows), ['__builtins__.pyi', 'ci.py', 'notes/README.md', 'sub/__builtins__.pyi', 'sub/deploy.py']);
    assert.equal(fs.readFileSync(path.join(out, 'plue', 'prompts.pyi'), 'utf8'), fs.readFileSync(path.join(FIXTURES, 'expected-prompts.pyi'), 'utf8'));
    for (const rel of ['plue/__init__.pyi', 'plue/tools.pyi', 'plue/tools.py']) {
      assert.equal(fs.readFileSync(path.join(out, rel), 'utf8'), fs.readFileSync(path.join(REPO, 'stubs', rel), 'utf8'), rel);
    }
    const builtins = fs.readFileSync(path.join(REPO, 'stubs', '__builtins__.pyi'), 'utf8');
    assert.equal(fs.readFileSync(path.join(workflows, 'sub', '__builtins__.pyi'), 'utf8'), builtins);
    const second = plue(args, REPO);
    assert.equal(second.stdout, `${out}: 3 prompts; __builtins__.pyi in 2 folders of ${workflows}; 0 files written\n`);
  });

  it('rejects arguments it does not know, with status 2', () => {
    const run = plue(['stubs', '--prompt', 'x'], REPO);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "plue: stubs: unknown option '--prompt'; did you mean '--prompts'? (see 'plue stubs --help')\n");
  });

  it('checks every public conformance repository, examples/ and the catalog examples: no warnings, one known error in a helper of a workflow, also with ctx annotated', () => {
    const names: string[] = [];
    let files = 0;
    const catalog = path.join(root, 'catalog-src');
    catalogRepository(catalog);
    files += layOut(root, 'catalog', catalog, path.join(catalog, '.plue', 'workflows'), (s) => s);
    names.push('catalog');
    for (const [name, repo] of repositories()) {
      const workflows = path.join(repo, '.plue', 'workflows');
      files += layOut(root, name, repo, workflows, (s) => s);
      files += layOut(root, `${name}--typed`, repo, workflows, annotateCtx);
      names.push(name, `${name}--typed`);
    }
    const report = pyright(root, names);
    assert.equal(report.summary.filesAnalyzed, files, 'Pyright analysed every workflow file and __builtins__.pyi');
    // The one finding Pyright makes in the corpus is about the workflow's own helper, not plue: `mix(task,
    // env="test", **opts)` called with `**{"warnings_as_errors": True}` may bind a bool to `env`.
    const known = ['error reportArgumentType 22-elixir-phoenix--typed/workflows/elixir.py:73', 'error reportArgumentType 22-elixir-phoenix/workflows/elixir.py:72'];
    assert.deepEqual(
      report.generalDiagnostics.map((d) => summary(root, d)).sort(),
      known,
      report.generalDiagnostics.map((d) => `${summary(root, d)}: ${d.message}`).join('\n'),
    );
  });

  it('reports exactly the misspelled output field, ctx method and prompt input of a broken workflow, and no plue global outside the workflows', () => {
    const broken = path.join(root, 'broken-src');
    fs.mkdirSync(path.join(broken, '.plue'), { recursive: true });
    fs.cpSync(path.join(FIXTURES, 'broken'), path.join(broken, '.plue', 'workflows'), { recursive: true });
    fs.cpSync(path.join(REPO, 'examples', '.plue', 'prompts'), path.join(broken, '.plue', 'prompts'), { recursive: true });
    const analysis = path.join(root, 'broken-run');
    layOut(analysis, 'broken', broken, path.join(broken, '.plue', 'workflows'), (s) => s);
    // An ordinary Python file of the same project: the workflow globals of __builtins__.pyi stay beside the workflows.
    fs.mkdirSync(path.join(analysis, 'broken', 'src'));
    fs.writeFileSync(path.join(analysis, 'broken', 'src', 'plain.py'), 'names = list("ab")\nworkflow(triggers=[])\n');
    const report = pyright(analysis, ['broken'], ['broken/src']);
    assert.equal(report.summary.filesAnalyzed, 3);
    assert.deepEqual(
      // The first line of each message (Pyright indents the detail lines with no-break spaces).
      report.generalDiagnostics.map((d) => `${summary(analysis, d)}: ${d.message.split('\n')[0]}`).sort(),
      [
        'error reportAttributeAccessIssue broken/workflows/review.py:17: Cannot access attribute "aproved" for class "_CodeReviewStep"',
        'error reportAttributeAccessIssue broken/workflows/review.py:18: Cannot access attribute "coment" for class "Context"',
        'error reportCallIssue broken/workflows/review.py:19: No parameter named "dif"',
        'error reportUndefinedVariable broken/src/plain.py:2: "workflow" is not defined',
      ],
    );
  });
});
