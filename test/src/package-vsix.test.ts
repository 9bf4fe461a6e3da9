// The .vsix that `npm run package` builds (scripts/package-vsix.mjs with
// .vscodeignore), packaged into a temporary directory: its file list (what
// the extension runs from is there, tooling, sources and devDependencies are
// not), its manifest against the repository's package.json, its size, and the
// extracted extension run from outside the repository with NODE_PATH unset —
// its CLI and its language server answer byte for byte as the repository's
// own CLI does. The archive is read with Debian's `unzip`.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

const REPO = path.join(__dirname, '..', '..');
const PLUE = path.join(REPO, 'bin', 'plue');
const EXAMPLE_WORKFLOWS = ['ci.py', 'release.py', 'review.py'];

/**
 * The bound on the .vsix's size. At this commit it is about 1.2 MB (1,200,529
 * bytes; the two wasm files, the docs' screenshot and vscode-languageclient
 * and -server are most of it), so 2 MiB leaves room to grow by three quarters,
 * while a large devDependency that slips in breaks it at once (typescript
 * alone zips to about 4.6 MB; pyright and playwright-core are larger). Small
 * ones (mocha, ajv) are caught by name below, not by the size.
 */
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/**
 * Dependencies the extension needs only as files the build copies out of them
 * (scripts/copy-wasm.mjs, scripts/copy-webview-assets.mjs), so .vscodeignore
 * leaves the packages themselves out: copy source -> packaged copy.
 */
const COPIED_BY_THE_BUILD: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'tree-sitter-python': { 'tree-sitter-python.wasm': 'wasm/tree-sitter-python.wasm' },
  '@dagrejs/dagre': { 'dist/dagre.min.js': 'client/media/dagre.min.js', LICENSE: 'client/media/dagre.LICENSE.txt' },
};

/** Packages that must never ship, whatever package.json says (scopes end with a slash). */
const NEVER_PACKAGED = ['typescript', 'typescript-eslint', 'eslint', 'mocha', 'pyright', 'playwright-core', 'ajv', '@vscode/', '@actions/', '@types/', '@eslint/'];

/** What the packaged extension holds at its top level (vsce renames README.md and LICENSE). */
// stubs/: the Python stub package the extension writes for Pylance (client/src/pylance-stubs.ts).
const TOP_LEVEL = ['LICENSE.txt', 'client', 'docs', 'node_modules', 'package.json', 'readme.md', 'server', 'stubs', 'syntaxes', 'wasm'];

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly publisher: string;
  readonly main: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly contributes?: {
    readonly grammars?: readonly { readonly path: string; readonly scopeName: string }[];
    readonly languages?: readonly { readonly id: string; readonly configuration?: string }[];
  };
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const manifest = readJson<Manifest>(path.join(REPO, 'package.json'));
/** The production dependencies the package ships as packages. */
const SHIPPED = Object.keys(manifest.dependencies ?? {}).filter((d) => !(d in COPIED_BY_THE_BUILD));

/** The environment of a packaged run: NODE_PATH unset, so nothing outside the package resolves through it. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_PATH;
  return env;
}

function unzip(args: readonly string[]): Buffer {
  const result = spawnSync('unzip', args, { maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    assert.fail('the .vsix tests read the archive with `unzip`, which is not installed (apt-get install -y unzip)');
  }
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `unzip ${args.join(' ')}: ${result.stderr.toString('utf8')}`);
  return result.stdout;
}

/**
 * The production dependency tree as Node resolves it inside the package: from
 * each package's folder, a dependency is looked up in its own node_modules,
 * then in each enclosing one up to extension/node_modules. Returns the folders
 * reached and the dependencies that resolve to nothing.
 */
function productionTree(entries: ReadonlySet<string>, extracted: string, roots: readonly string[]): { folders: Set<string>; unresolved: string[] } {
  const folders = new Set<string>();
  const unresolved: string[] = [];
  const resolveFrom = (from: string, name: string): string | undefined => {
    let base = from;
    for (;;) {
      const candidate = `${base}/node_modules/${name}`;
      if (entries.has(`${candidate}/package.json`)) return candidate;
      if (base === 'extension') return undefined;
      const enclosing = base.lastIndexOf('/node_modules/');
      base = enclosing < 0 ? 'extension' : base.slice(0, enclosing);
    }
  };
  const visit = (from: string, name: string, optional: boolean): void => {
    const folder = resolveFrom(from, name);
    if (folder === undefined) {
      if (!optional) unresolved.push(`${name} (needed by ${from})`);
      return;
    }
    if (folders.has(folder)) return;
    folders.add(folder);
    const pkg = readJson<Manifest>(path.join(extracted, folder, 'package.json'));
    for (const dependency of Object.keys(pkg.dependencies ?? {})) visit(folder, dependency, false);
    for (const dependency of Object.keys(pkg.optionalDependencies ?? {})) visit(folder, dependency, true);
  };
  for (const root of roots) visit('extension', root, false);
  return { folders, unresolved };
}

/** Every file below `dir`, as paths relative to it with forward slashes, sorted. */
function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * A script preloaded (`node --require`) into the packaged runs: when the
 * process exits, it writes to $PLUE_LOADED_LOG every module file the main
 * thread loaded from outside $PLUE_PACKAGE_DIR, and how many it loaded from
 * inside, so a test can prove the package brought everything it ran. (Only
 * the main thread reports: the server's analysis workers, terminated rather
 * than exited, load the same engine modules from the same folder.)
 */
const LOADED_OUTSIDE_HOOK = `'use strict';
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const inside = process.env.PLUE_PACKAGE_DIR + '/';
if (isMainThread) process.on('exit', () => {
  const outside = Object.keys(require.cache).filter((f) => f !== __filename && !f.startsWith(inside));
  const loadedFromPackage = Object.keys(require.cache).filter((f) => f.startsWith(inside)).length;
  fs.writeFileSync(process.env.PLUE_LOADED_LOG, JSON.stringify({ outside, loadedFromPackage }) + '\\n');
});
`;

interface LoadedLog {
  readonly outside: string[];
  readonly loadedFromPackage: number;
}

describe('the packaged extension (.vsix)', function () {
  let temp: string;
  let vsix: string;
  /** The archive's entries, in archive order. */
  let entries: string[];
  let entrySet: Set<string>;
  /** Where the archive was extracted; the extension itself is in `${extracted}/extension`. */
  let extracted: string;
  let extension: string;

  before(function () {
    this.timeout(240000);
    temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'plue-vsix-')));
    vsix = path.join(temp, 'x.vsix');
    const packaging = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'package-vsix.mjs'), '--out', vsix], { cwd: REPO, encoding: 'utf8', timeout: 230000 });
    if (packaging.error) throw packaging.error;
    assert.equal(packaging.status, 0, `package-vsix.mjs failed:\n${packaging.stdout}\n${packaging.stderr}`);
    entries = unzip(['-Z1', vsix]).toString('utf8').split('\n').filter((line) => line !== '');
    entrySet = new Set(entries);
    extracted = path.join(temp, 'extracted');
    unzip(['-q', vsix, '-d', extracted]);
    extension = path.join(extracted, 'extension');
  });

  after(function () {
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  });

  const missingOf = (paths: readonly string[]): string[] => paths.filter((p) => !entrySet.has(`extension/${p}`));

  describe('contents', function () {
    it('holds only the extension and the two files vsce writes beside it, without duplicates', function () {
      assert.equal(entrySet.size, entries.length, 'no entry appears twice');
      assert.deepEqual(entries.filter((e) => !e.startsWith('extension/')).sort(), ['[Content_Types].xml', 'extension.vsixmanifest']);
      assert.deepEqual([...new Set(entries.filter((e) => e.startsWith('extension/')).map((e) => e.split('/')[1]))].sort(), TOP_LEVEL);
    });

    it('holds the client entry point and every compiled client and server module', function () {
      assert.equal(manifest.main, './client/out/extension.js');
      const entryPoints = ['client/out/extension.js', 'server/out/lsp/server.js', 'server/out/lsp/analysis/worker.js', 'server/out/cli/main.js'];
      assert.deepEqual(missingOf(entryPoints), []);
      for (const out of ['client/out', 'server/out']) {
        const compiled = filesBelow(path.join(REPO, out)).filter((f) => f.endsWith('.js'));
        const packaged = entries.filter((e) => e.startsWith(`extension/${out}/`)).map((e) => e.slice(`extension/${out}/`.length));
        assert.deepEqual(packaged.sort(), compiled, `${out}: the compiled modules, no more (no .map, no .d.ts, no .tsbuildinfo)`);
      }
    });

    it('holds both wasm files, byte for byte as their packages ship them', function () {
      const sources: [string, string][] = [
        [path.join(REPO, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'), 'wasm/web-tree-sitter.wasm'],
        ...Object.entries(COPIED_BY_THE_BUILD['tree-sitter-python']).map(([from, to]): [string, string] => [path.join(REPO, 'node_modules', 'tree-sitter-python', from), to]),
      ];
      for (const [source, packaged] of sources) {
        assert.ok(entrySet.has(`extension/${packaged}`), `${packaged} is packaged`);
        assert.ok(fs.readFileSync(path.join(extension, packaged)).equals(fs.readFileSync(source)), `${packaged} equals ${path.relative(REPO, source)}`);
      }
    });

    it('holds the webview assets, byte for byte, and dagre as its package ships it', function () {
      const media = filesBelow(path.join(REPO, 'client', 'media'));
      assert.ok(media.includes('preview.js') && media.includes('preview.css'), 'the build wrote client/media');
      assert.deepEqual(
        entries.filter((e) => e.startsWith('extension/client/media/')).sort(),
        media.map((f) => `extension/client/media/${f}`),
      );
      for (const f of media) {
        assert.ok(fs.readFileSync(path.join(extension, 'client', 'media', f)).equals(fs.readFileSync(path.join(REPO, 'client', 'media', f))), `client/media/${f}`);
      }
      for (const [from, to] of Object.entries(COPIED_BY_THE_BUILD['@dagrejs/dagre'])) {
        assert.ok(fs.readFileSync(path.join(extension, to)).equals(fs.readFileSync(path.join(REPO, 'node_modules', '@dagrejs', 'dagre', from))), `${to} equals @dagrejs/dagre/${from}`);
      }
    });

    it('holds every file package.json contributes (grammars, language configurations), as valid grammars', function () {
      const grammars = manifest.contributes?.grammars ?? [];
      assert.ok(grammars.length >= 2, 'package.json contributes the prompt grammar and the placeholder injection');
      const contributed = [
        ...grammars.map((g) => g.path),
        ...(manifest.contributes?.languages ?? []).flatMap((l) => (l.configuration === undefined ? [] : [l.configuration])),
      ].map((p) => path.posix.normalize(p));
      assert.deepEqual(missingOf(contributed), []);
      for (const grammar of grammars) {
        const packaged = readJson<{ scopeName: string }>(path.join(extension, grammar.path));
        assert.equal(packaged.scopeName, grammar.scopeName, grammar.path);
      }
      for (const language of manifest.contributes?.languages ?? []) {
        if (language.configuration !== undefined) readJson<object>(path.join(extension, language.configuration));
      }
    });

    it('holds the production dependencies and every package they need, and no other package', function () {
      for (const d of ['vscode-languageserver', 'vscode-languageclient', 'web-tree-sitter', 'vscode-languageserver-textdocument', 'vscode-uri']) {
        assert.ok(SHIPPED.includes(d), `${d} is a production dependency the package ships`);
      }
      const { folders, unresolved } = productionTree(entrySet, extracted, SHIPPED);
      assert.deepEqual(unresolved, [], 'every dependency of a packaged package resolves inside the package');
      const packagedFolders = entries.filter((e) => /^extension(\/node_modules\/(@[^/]+\/)?[^/]+)+\/package\.json$/.test(e)).map((e) => e.slice(0, -'/package.json'.length));
      assert.deepEqual(packagedFolders.sort(), [...folders].sort(), 'the packages in node_modules are exactly the production tree');
      const stray = entries.filter((e) => e.startsWith('extension/node_modules/') && ![...folders].some((f) => e.startsWith(`${f}/`)));
      assert.deepEqual(stray, [], 'every node_modules file belongs to a production package');
    });

    it('holds no devDependency, nothing of the build-only dependencies, and none of the tooling', function () {
      const { folders } = productionTree(entrySet, extracted, SHIPPED);
      const reachedNames = new Set([...folders].map((f) => f.slice(f.lastIndexOf('/node_modules/') + '/node_modules/'.length)));
      const devOnly = Object.keys(manifest.devDependencies ?? {}).filter((d) => !reachedNames.has(d));
      assert.ok(devOnly.includes('typescript') && devOnly.includes('@vscode/vsce'), 'the devDependencies are read from package.json');
      const banned = [...new Set([...devOnly.map((d) => `${d}/`), ...NEVER_PACKAGED.map((n) => (n.endsWith('/') ? n : `${n}/`)), ...Object.keys(COPIED_BY_THE_BUILD).map((d) => `${d}/`)])];
      const found = entries.filter((e) => banned.some((b) => e.includes(`/node_modules/${b}`)));
      assert.deepEqual(found, []);
    });

    it('holds no sources, tests, source maps, TypeScript build files, benchmarks or fuzzers', function () {
      const inside = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
      // No TypeScript at all, declarations included: nothing reads them at run time. Source maps point
      // at client/src and server/src, which are not packaged: .vscodeignore drops them on purpose.
      assert.deepEqual(inside.filter((f) => /\.(ts|mts|cts|map|tsbuildinfo)$/.test(f) || /(^|\/)tsconfig[^/]*\.json$/.test(f)), []);
      assert.deepEqual(inside.filter((f) => /^(test|scripts|bench|examples|bin|\.ci|\.vscode|\.github)\//.test(f) || /^(client|server)\/src\//.test(f) || f.startsWith('client/webview/')), []);
      // Every script outside node_modules is compiled output or a webview asset (so no benchmark or fuzz script).
      const scripts = inside.filter((f) => !f.startsWith('node_modules/') && /\.(js|cjs|mjs|py|sh)$/.test(f));
      // The stub package's placeholder plue/*.py files (comments only) sit beside its .pyi stubs (Pyright wants a module for each stub); nothing runs them.
      assert.deepEqual(scripts.filter((f) => !/^(client\/out|server\/out|client\/media)\//.test(f) && !/^stubs\/plue\/[a-z_]+\.py$/.test(f)), []);
      for (const stub of ['stubs/__builtins__.pyi', 'stubs/plue/__init__.pyi', 'stubs/plue/tools.pyi']) assert.ok(inside.includes(stub), `${stub} is packaged`);
      assert.ok(scripts.length > 50, 'the compiled modules are counted');
    });

    it('carries package.json, README.md and LICENSE unchanged, and the vsix manifest names the same extension', function () {
      // vsce rewrites extension/package.json only to set a --version it is given
      // without updating package.json (package-vsix.mjs passes none) and to make
      // it writable, so the packaged manifest is the repository's.
      const packaged = readJson<Manifest>(path.join(extension, 'package.json'));
      assert.equal(packaged.name, manifest.name);
      assert.equal(packaged.version, manifest.version);
      assert.equal(packaged.main, manifest.main);
      assert.deepEqual(packaged.contributes, manifest.contributes);
      assert.deepEqual(packaged, manifest);
      const vsixManifest = fs.readFileSync(path.join(extracted, 'extension.vsixmanifest'), 'utf8');
      assert.ok(
        vsixManifest.includes(`<Identity Language="en-US" Id="${manifest.name}" Version="${manifest.version}" Publisher="${manifest.publisher}" />`),
        `extension.vsixmanifest identifies ${manifest.publisher}.${manifest.name} ${manifest.version}`,
      );
      assert.ok(fs.readFileSync(path.join(extension, 'LICENSE.txt')).equals(fs.readFileSync(path.join(REPO, 'LICENSE'))), 'LICENSE.txt is LICENSE');
      // package-vsix.mjs keeps README links relative (rewriteRelativeLinks: false), so the readme is copied as it is.
      assert.ok(fs.readFileSync(path.join(extension, 'readme.md')).equals(fs.readFileSync(path.join(REPO, 'README.md'))), 'readme.md is README.md');
    });

    it(`stays under ${MAX_VSIX_BYTES} bytes`, function () {
      const size = fs.statSync(vsix).size;
      assert.ok(size < MAX_VSIX_BYTES, `the .vsix is ${size} bytes`);
    });
  });

  describe('run from outside the repository', function () {
    let workspace: string;
    let hook: string;
    let log: string;

    before(function () {
      workspace = path.join(temp, 'workspace');
      fs.cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
      hook = path.join(temp, 'loaded-outside.js');
      fs.writeFileSync(hook, LOADED_OUTSIDE_HOOK);
      log = path.join(temp, 'loaded.log');
    });

    beforeEach(function () {
      fs.rmSync(log, { force: true });
    });

    /** The repository's own CLI, run in the workspace. */
    function repoPlan(args: readonly string[]): { status: number | null; stdout: Buffer; stderr: string } {
      const run = spawnSync(process.execPath, [PLUE, 'workflow', 'plan', '--json', ...args], { cwd: workspace, timeout: 60000 });
      if (run.error) throw run.error;
      return { status: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
    }

    /** Asserts that the packaged run loaded its modules from the package only. */
    function assertLoadedFromPackageOnly(): void {
      assert.ok(fs.existsSync(log), 'the preloaded hook reported');
      const report = readJson<LoadedLog>(log);
      assert.deepEqual(report.outside, [], 'modules loaded from outside the package');
      assert.ok(report.loadedFromPackage > 0, 'modules were loaded from the package');
    }

    const packagedEnv = (): NodeJS.ProcessEnv => ({ ...isolatedEnv(), PLUE_PACKAGE_DIR: extension, PLUE_LOADED_LOG: log });

    it('its CLI plans examples/.plue/workflows byte for byte as the repository CLI does', function () {
      this.timeout(60000);
      const expected = repoPlan(['.plue/workflows']);
      assert.equal(expected.status, 0, expected.stderr);
      const files = (JSON.parse(expected.stdout.toString('utf8')) as { files: { path: string }[] }).files.map((f) => f.path);
      assert.deepEqual(files, EXAMPLE_WORKFLOWS.map((f) => `.plue/workflows/${f}`));

      // bin/ is not packaged (the extension starts the server module itself): run the packaged CLI module as bin/plue does.
      const launcher = `require(${JSON.stringify(path.join(extension, 'server', 'out', 'cli', 'main.js'))}).runCli(process.argv.slice(1)).then((code) => { process.exitCode = code; });`;
      const packaged = spawnSync(process.execPath, ['--require', hook, '-e', launcher, '--', 'workflow', 'plan', '--json', '.plue/workflows'], { cwd: workspace, env: packagedEnv(), timeout: 60000 });
      if (packaged.error) throw packaged.error;
      assert.equal(packaged.stderr.toString('utf8'), expected.stderr);
      assert.equal(packaged.status, expected.status);
      assert.ok(packaged.stdout.equals(expected.stdout), 'the packaged CLI prints the same bytes');
      assertLoadedFromPackageOnly();
    });

    it('its language server starts and answers plue/plan byte for byte as the repository CLI plans each file', async function () {
      this.timeout(90000);
      const child = spawn(process.execPath, ['--require', hook, path.join(extension, 'server', 'out', 'lsp', 'server.js'), '--stdio'], { cwd: workspace, env: packagedEnv(), stdio: 'pipe' });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
      connection.listen();
      // A server that dies (a module missing from the package) fails the test at once, with its stderr.
      const request = <R>(method: string, params?: object): Promise<R> =>
        Promise.race([
          connection.sendRequest<R>(method, params),
          exited.then((code): never => assert.fail(`the packaged server exited with ${String(code)} before answering ${method}; stderr:\n${stderr}`)),
        ]);
      try {
        const params: InitializeParams = {
          processId: process.pid,
          rootUri: URI.file(workspace).toString(),
          workspaceFolders: [{ uri: URI.file(workspace).toString(), name: 'workspace' }],
          capabilities: {},
        };
        const initialized = await request<InitializeResult>('initialize', params);
        // The server reads its version from the packaged package.json.
        assert.deepEqual(initialized.serverInfo, { name: 'plue', version: manifest.version });
        await connection.sendNotification('initialized', {});
        for (const file of EXAMPLE_WORKFLOWS) {
          const expected = repoPlan([`.plue/workflows/${file}`]);
          assert.equal(expected.status, 0, expected.stderr);
          const uri = URI.file(path.join(workspace, '.plue', 'workflows', file)).toString();
          const text = await request<string>('plue/plan', { textDocument: { uri }, event: 'push', format: 'text' });
          assert.equal(text, expected.stdout.toString('utf8'), `plue/plan for ${file}`);
        }
        await request<null>('shutdown');
        await connection.sendNotification('exit');
        assert.equal(await exited, 0, `the server exits cleanly; stderr:\n${stderr}`);
      } finally {
        connection.dispose();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      assertLoadedFromPackageOnly();
    });
  });
});
