// The language server over a real JSON-RPC connection (`bin/plue lsp --stdio`):
// what initialize announces; the public conformance workflows planned in the
// editor exactly as the CLI plans them (diagnostics with the CLI's kinds,
// messages and positions converted to LSP's 0-based UTF-16 columns, and
// `plue/plan` returning the CLI's bytes for the same event, from settings in
// initializationOptions, pulled with workspace/configuration, or given in the
// request); incremental edits making a diagnostic appear and disappear with
// its exact range and the document version; columns after emoji and CJK; and
// files outside `.plue/workflows` left alone.

import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { plue, type Envelope, type EnvelopeDiagnostic } from './cli-harness';
import { CONFORMANCE, cliToLsp, LspClient, positionOf, removeDir, tempWorkspace, uriOf, writeFiles } from './lsp-harness';

const CASES_DIR = path.join(CONFORMANCE, 'workflows');
const CASES = fs
  .readdirSync(CASES_DIR)
  .filter((name) => fs.existsSync(path.join(CASES_DIR, name, '.plue', 'workflows')))
  .sort();

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly hasEvent: boolean;
  /** Workflow files, relative to the case folder, in byte order. */
  readonly files: readonly string[];
  readonly expected: Envelope;
}

function loadCase(name: string): Case {
  const dir = path.join(CASES_DIR, name);
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.py')) files.push(child);
    }
  };
  walk('.plue/workflows');
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Envelope;
  return { name, dir, hasEvent: fs.existsSync(path.join(dir, 'event.json')), files, expected };
}

/** `plue workflow plan --json [--event event.json] PATH` in the case folder. */
function cliPlan(c: Case, target: string, withEvent = c.hasEvent): { stdout: string; envelope: Envelope } {
  const run = plue(['workflow', 'plan', '--json', ...(withEvent ? ['--event', 'event.json'] : []), target], c.dir);
  assert.ok(run.status === 0 || run.status === 1, `plue exited ${String(run.status)}: ${run.stderr}`);
  return { stdout: run.stdout, envelope: JSON.parse(run.stdout) as Envelope };
}

/** What the server must publish for the CLI's diagnostics of one file. */
function expectedLsp(diagnostics: readonly EnvelopeDiagnostic[], text: string): { code: string; severity: number; source: string; message: string; start: { line: number; character: number } }[] {
  return diagnostics.map((d) => ({ code: d.kind, severity: 1, source: 'plue', message: d.message, start: cliToLsp(text, d.line, d.column) }));
}

function summary(diagnostics: readonly Diagnostic[]): { code: unknown; severity: unknown; source: unknown; message: unknown; start: { line: number; character: number } }[] {
  return diagnostics.map((d) => ({ code: d.code, severity: d.severity, source: d.source, message: d.message, start: d.range.start }));
}

/** Diagnostics the server adds beside the engine's, always with severity Hint. */
const HINT_CODES = ['unused-step', 'deprecated-spelling'];

const byKindFileLine = (d: EnvelopeDiagnostic): string => `${d.kind} ${d.file}:${d.line}`;

describe('LSP protocol: initialize', function () {
  this.timeout(30000);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client?.stop();
  });

  it('announces incremental sync and every feature the server implements', () => {
    const result = client.initializeResult;
    assert.ok(result);
    const caps = result.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.completionProvider, { triggerCharacters: ['.', '(', ',', ' ', '='] });
    assert.deepEqual(caps.signatureHelpProvider, { triggerCharacters: ['(', ','], retriggerCharacters: [','] });
    assert.equal(caps.documentSymbolProvider, true);
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
    assert.equal(caps.definitionProvider, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.deepEqual(caps.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(result.serverInfo, { name: 'plue', version: pkg.version });
  });

  it('registers no file watchers and asks for no configuration when the client cannot take them', async () => {
    // A request answered proves the initialized notification was handled.
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere/.plue/workflows/x.py' }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.serverRequests, []);
  });
});

describe('LSP protocol: conformance workflows in the editor', function () {
  this.timeout(180000);
  const cases = CASES.map(loadCase);
  let client: LspClient;

  // One server, every case a workspace folder: `file:event.json` resolves against each file's own folder
  // (a case without event.json falls back to the reference push event, as the CLI does without --event).
  before(async () => {
    client = await LspClient.start({ folders: cases.map((c) => c.dir), settings: { event: 'file:event.json' } });
  });
  after(async () => {
    await client?.stop();
  });

  it('covers cases with and without errors', () => {
    assert.ok(cases.length >= 10, `${cases.length} cases`);
    assert.ok(cases.some((c) => c.expected.diagnostics.length > 0));
    assert.ok(cases.some((c) => c.files.length > 1));
  });

  for (const name of CASES) {
    it(`${name}: each workflow file's diagnostics and plue/plan are the CLI's`, async () => {
      const c = loadCase(name);
      const whole = cliPlan(c, '.plue/workflows').envelope;
      // The conformance contract itself (kind, file, line), so a difference below is the server's.
      assert.deepEqual(whole.diagnostics.map(byKindFileLine), c.expected.diagnostics.map(byKindFileLine));
      for (const rel of c.files) {
        const file = path.join(c.dir, rel);
        const text = fs.readFileSync(file, 'utf8');
        const uri = client.open(uriOf(file), text);
        const published = await client.diagnosticsAfterAnalysis(uri, 1);
        // Errors are the CLI's; anything else is a hint the CLI does not report (never an error).
        const errors = published.diagnostics.filter((d) => d.severity === 1);
        for (const d of published.diagnostics.filter((x) => x.severity !== 1)) assert.ok(d.severity === 4 && HINT_CODES.includes(String(d.code)), JSON.stringify(d));
        const own = whole.diagnostics.filter((d) => d.file === rel);
        assert.deepEqual(summary(errors), expectedLsp(own, text), rel);
        assert.deepEqual(
          errors.map((d) => `${String(d.code)} ${rel}:${d.range.start.line + 1}`),
          c.expected.diagnostics.filter((d) => d.file === rel).map(byKindFileLine),
        );

        const single = cliPlan(c, rel);
        const bytes = await client.request<string>('plue/plan', { textDocument: { uri }, format: 'text' });
        assert.equal(bytes, single.stdout, `${rel}: plue/plan text`);
        const parsed = await client.request<Envelope>('plue/plan', { textDocument: { uri } });
        assert.deepEqual(parsed, single.envelope);
        // And the plan is the reference's.
        const reference = c.expected.files.find((f) => f.path === rel);
        assert.ok(reference, `${rel} in expected.json`);
        assert.deepEqual(parsed.files, [reference]);
        client.close(uri);
      }
    });
  }
});

describe('LSP protocol: the event a plan is built for', function () {
  this.timeout(60000);
  const c = loadCase('10-ai-code-review');
  let client: LspClient;

  // The client supports workspace/configuration: the server pulls section 'plue' instead of reading initializationOptions.
  before(async () => {
    client = await LspClient.start({ folders: [c.dir], configuration: { event: 'file:event.json' }, settings: { event: 'push' } });
  });
  after(async () => {
    await client?.stop();
  });

  it('pulls the settings with workspace/configuration (section plue) and plans with that event', async () => {
    // Open the document once the answer is in: the server plans documents opened before it with the
    // settings it had (and does not plan them again when the answer arrives).
    await client.serverRequested('workspace/configuration');
    await client.request('textDocument/hover', { textDocument: { uri: uriOf(path.join(c.dir, 'none.py')) }, position: { line: 0, character: 0 } });
    const rel = c.files[0];
    const uri = client.open(uriOf(path.join(c.dir, rel)), fs.readFileSync(path.join(c.dir, rel), 'utf8'));
    await client.analysed(uri, 1);
    const asked = client.serverRequests.filter((r) => r.method === 'workspace/configuration');
    assert.deepEqual(asked.map((r) => r.params), [{ items: [{ section: 'plue' }] }]);
    const withEvent = cliPlan(c, rel, true).stdout;
    const withoutEvent = cliPlan(c, rel, false).stdout;
    assert.notEqual(withEvent, withoutEvent, 'the event changes this plan');
    assert.equal(await client.request<string>('plue/plan', { textDocument: { uri }, format: 'text' }), withEvent);
  });

  it('takes an event in the request itself, without touching the diagnostics loop', async () => {
    const rel = c.files[0];
    const uri = uriOf(path.join(c.dir, rel));
    const mark = client.mark();
    assert.equal(await client.request<string>('plue/plan', { textDocument: { uri }, format: 'text', event: 'push' }), cliPlan(c, rel, false).stdout);
    assert.equal(await client.request<string>('plue/plan', { textDocument: { uri }, format: 'text', event: 'file:event.json' }), cliPlan(c, rel, true).stdout);
    assert.equal(client.received.filter((r) => r.seq > mark && r.method === 'textDocument/publishDiagnostics').length, 0);
  });

  it('plans a workflow file that is not open from the disk, and refuses other files', async () => {
    const rel = c.files[0];
    const uri = uriOf(path.join(c.dir, rel));
    client.close(uri);
    assert.equal(await client.request<string>('plue/plan', { textDocument: { uri }, format: 'text' }), cliPlan(c, rel, true).stdout);
    const other = path.join(c.dir, '.plue', 'prompts', 'code-review.prompt.md');
    await assert.rejects(client.request('plue/plan', { textDocument: { uri: uriOf(other) } }), (e: Error & { code?: number }) => e.code === -32602);
  });
});

describe('LSP protocol: incremental edits', function () {
  this.timeout(60000);
  let client: LspClient;
  let dir: string;

  before(async () => {
    dir = tempWorkspace();
    client = await LspClient.start({ folders: [dir] });
  });
  after(async () => {
    await client?.stop();
    removeDir(dir);
  });

  it('publishes diagnostics on open and follows each version: an error appears with its exact range, then goes', async () => {
    const uri = uriOf(path.join(dir, '.plue', 'workflows', 'ci.py'));
    const text = 'from plue import workflow, push\n\n@workflow(triggers=[push()])\ndef ci(ctx):\n    x = 1\n';
    client.open(uri, text);
    assert.deepEqual(await client.diagnostics(uri, 1), { uri, version: 1, diagnostics: [] });

    // Replace `1` (line 4, character 8) with `getattr`: a SecurityError on exactly that name.
    const v2 = client.change(uri, [{ range: { start: { line: 4, character: 8 }, end: { line: 4, character: 9 } }, text: 'getattr' }]);
    const appeared = await client.diagnostics(uri, v2);
    assert.equal(appeared.diagnostics.length, 1);
    const [d] = appeared.diagnostics;
    assert.deepEqual(d.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 15 } });
    assert.equal(d.code, 'SecurityError');
    assert.equal(d.source, 'plue');
    assert.equal(d.severity, 1);

    const v3 = client.change(uri, [{ range: { start: { line: 4, character: 8 }, end: { line: 4, character: 15 } }, text: '2' }]);
    assert.deepEqual(await client.diagnostics(uri, v3), { uri, version: v3, diagnostics: [] });
  });

  it('types one character that makes a NameError after emoji and CJK: the column is in UTF-16 units, as the CLI gives it in code points', async () => {
    const text = [
      'from plue import workflow, push',
      '',
      '@workflow(triggers=[push()])',
      'def emoji(ctx):',
      '    name = "x"',
      '    ctx.run("🎉 日本語 build", "echo 🎉日本" + name)',
      '',
    ].join('\n');
    const uri = uriOf(path.join(dir, '.plue', 'workflows', 'emoji.py'));
    client.open(uri, text);
    assert.deepEqual((await client.diagnostics(uri, 1)).diagnostics, []);

    // Type `s` after `name` on line 5: `names` is not defined.
    const at = positionOf(text, '+ name)', 6);
    const version = client.change(uri, [{ range: { start: at, end: at }, text: 's' }]);
    const typed = text.slice(0, text.indexOf('+ name)') + 6) + 's' + text.slice(text.indexOf('+ name)') + 6);
    const [d] = (await client.diagnostics(uri, version)).diagnostics;
    const start = positionOf(typed, 'names)');
    assert.equal(d.code, 'NameError');
    assert.deepEqual(d.range, { start, end: { line: start.line, character: start.character + 5 } });

    // The CLI on the same text: a 1-based code-point column, which converts to exactly this character.
    const cliDir = tempWorkspace();
    try {
      writeFiles(cliDir, { '.plue/workflows/emoji.py': typed });
      const envelope = JSON.parse(plue(['workflow', 'plan', '--json'], cliDir).stdout) as Envelope;
      assert.equal(envelope.diagnostics.length, 1);
      const cli = envelope.diagnostics[0];
      assert.equal(cli.message, d.message);
      assert.deepEqual(cliToLsp(typed, cli.line, cli.column), start);
      assert.equal(cli.column - 1, start.character - 2, 'each 🎉 is one code point and two UTF-16 units; CJK characters are one of each');
    } finally {
      removeDir(cliDir);
    }

    const fixed = client.change(uri, [{ range: { start: { line: start.line, character: start.character + 4 }, end: { line: start.line, character: start.character + 5 } }, text: '' }]);
    assert.deepEqual(await client.diagnostics(uri, fixed), { uri, version: fixed, diagnostics: [] });
  });

  it('applies several changes of one version in order, and a full-text change', async () => {
    const uri = uriOf(path.join(dir, '.plue', 'workflows', 'multi.py'));
    client.open(uri, 'from plue import workflow, push\n\n@workflow(triggers=[push()])\ndef multi(ctx):\n    a = 1\n    b = 2\n');
    await client.diagnostics(uri, 1);
    // Line 5 first (`b = 2` -> `b = eval`), then line 4 (`a = 1` -> `a = exec`): both SecurityErrors, each at its place.
    const v2 = client.change(uri, [
      { range: { start: { line: 5, character: 8 }, end: { line: 5, character: 9 } }, text: 'eval' },
      { range: { start: { line: 4, character: 8 }, end: { line: 4, character: 9 } }, text: 'exec' },
    ]);
    const both = (await client.diagnostics(uri, v2)).diagnostics;
    assert.deepEqual(
      both.map((d) => [d.code, d.range]),
      [
        ['SecurityError', { start: { line: 4, character: 8 }, end: { line: 4, character: 12 } }],
        ['SecurityError', { start: { line: 5, character: 8 }, end: { line: 5, character: 12 } }],
      ],
    );
    const text = 'from plue import workflow, push\n\n@workflow(triggers=[push()])\ndef multi(ctx):\n    ctx.run("a", "b")\n';
    const v3 = client.change(uri, [{ text }]);
    assert.deepEqual((await client.diagnostics(uri, v3)).diagnostics, []);
    // plue/plan plans the editor's text (the file is not even on disk).
    const plan = await client.request<Envelope>('plue/plan', { textDocument: { uri } });
    assert.deepEqual(plan.diagnostics, []);
    assert.equal(plan.files[0].path, '.plue/workflows/multi.py');
    assert.equal(plan.files[0].content_hash, createHash('sha256').update(text).digest('hex'));
    assert.equal((plan.files[0].workflows as { name: string }[])[0].name, 'multi');
  });

  it('leaves Python files outside .plue/workflows alone', async () => {
    const other = uriOf(path.join(dir, 'setup.py'));
    client.open(other, 'eval("1")\n');
    const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 1 } });
    assert.equal(hover, null);
    // A workflow document changed afterwards is answered; nothing was ever published for setup.py.
    const uri = uriOf(path.join(dir, '.plue', 'workflows', 'ci.py'));
    const version = client.change(uri, [{ text: 'x = eval\n' }]);
    await client.diagnostics(uri, version);
    assert.deepEqual(client.published(other), []);
    await assert.rejects(client.request('plue/plan', { textDocument: { uri: other } }), (e: Error & { code?: number }) => e.code === -32602);
  });
});
