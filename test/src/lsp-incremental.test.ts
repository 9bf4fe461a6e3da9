// The language server's incremental path over a real connection: the
// analysis worker keeps an open document parsed and follows its edits, reuses
// the last evaluation when only comments changed (plue/fileStatus says
// `reused`), and still answers exactly as the CLI does for the same text:
// the same plan bytes after comment and code edits, and the same diagnostics
// after every edit of a sequence that breaks and mends the syntax (tree-sitter
// recovers from errors differently after edits than in a fresh parse, so a
// broken text is parsed afresh).

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { plue, type Envelope } from './cli-harness';
import { CONFORMANCE, cliToLsp, LspClient, positionOf, removeDir, tempWorkspace, uriOf, writeFiles } from './lsp-harness';

const CMAKE = path.join(CONFORMANCE, 'workflows', '14-cmake-cpp-large-matrix', '.plue', 'workflows', 'ci.py');
const REL = '.plue/workflows/ci.py';

/** The CLI's envelope bytes for `text` at REL in a fresh folder. */
function cliBytes(text: string): string {
  const dir = tempWorkspace();
  try {
    writeFiles(dir, { [REL]: text });
    const run = plue(['workflow', 'plan', '--json', REL], dir);
    assert.ok(run.status === 0 || run.status === 1, `plue exited ${String(run.status)}: ${run.stderr}`);
    return run.stdout;
  } finally {
    removeDir(dir);
  }
}

/** The end of `text` as an LSP position. */
function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

describe('LSP incremental analysis: reuse, and the CLI answer after every edit', function () {
  this.timeout(120000);
  let client: LspClient;
  let dir: string;

  before(async function () {
    if (!fs.existsSync(CMAKE)) this.skip();
    dir = tempWorkspace();
    client = await LspClient.start({ folders: [dir] });
  });
  after(async () => {
    await client?.stop();
    removeDir(dir);
  });

  it('a comment edit reuses the evaluation, a code edit runs it again; the plan bytes are the CLI\'s each time', async () => {
    const uri = uriOf(path.join(dir, REL));
    let text = fs.readFileSync(CMAKE, 'utf8');
    client.open(uri, text);
    const opened = await client.analysed(uri, 1);
    assert.equal(opened.reused, false);
    assert.ok(opened.steps > 100, `expected the large matrix, got ${opened.steps} steps`);

    const plan = (): Promise<string> => client.request<string>('plue/plan', { textDocument: { uri }, format: 'text' });

    // Append a comment line: nothing the program reads changed.
    const at = endOf(text);
    text += '# a comment typed at the end\n';
    const v2 = client.change(uri, [{ range: { start: at, end: at }, text: '# a comment typed at the end\n' }]);
    const commented = await client.analysed(uri, v2);
    assert.equal(commented.reused, true, 'a comment edit should reuse the evaluation');
    assert.equal(commented.steps, opened.steps);
    assert.equal(await plan(), cliBytes(text));

    // A comment inside the program: still the same program (positions of code unchanged).
    const inside = positionOf(text, '# ------------------------------------------------------------------ tables');
    const v3 = client.change(uri, [{ range: { start: inside, end: { line: inside.line, character: inside.character + 1 } }, text: '#!' }]);
    text = text.replace('# ------------------------------------------------------------------ tables', '#! ------------------------------------------------------------------ tables');
    assert.equal((await client.analysed(uri, v3)).reused, true);
    assert.equal(await plan(), cliBytes(text));

    // Change a value the plans use: evaluated again, and the plan follows.
    const gcc9 = positionOf(text, '"version": 9,', 11);
    const v4 = client.change(uri, [{ range: { start: gcc9, end: { line: gcc9.line, character: gcc9.character + 1 } }, text: '8' }]);
    text = text.replace('"version": 9,', '"version": 8,');
    const changed = await client.analysed(uri, v4);
    assert.equal(changed.reused, false, 'a code edit must evaluate again');
    const after = await plan();
    assert.equal(after, cliBytes(text));
    assert.match(after, /gcc-8/);

    // A new line of code above everything shifts every location: evaluated again.
    const v5 = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'X = 1\n' }]);
    text = `X = 1\n${text}`;
    assert.equal((await client.analysed(uri, v5)).reused, false);
    assert.equal(await plan(), cliBytes(text));
  });

  it('an edit that leaves a broken text tree-sitter recovers from differently than from scratch: the CLI\'s SyntaxError and range', async () => {
    // Found by test/src/syntax-tree.test.ts: after this deletion tree-sitter's incremental tree differs from a fresh parse.
    const uri = uriOf(path.join(dir, '.plue', 'workflows', 'recovery.py'));
    const text = 'def e():\n :n t\n p(M,:\nn)';
    client.open(uri, text);
    await client.analysed(uri, 1);
    const version = client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    const next = 'def e():\n p(M,:\nn)';
    const published = await client.diagnosticsAfterAnalysis(uri, version);
    const envelope = JSON.parse(cliBytes(next)) as Envelope;
    assert.equal(envelope.diagnostics.length, 1);
    const [d] = envelope.diagnostics;
    const errors = published.diagnostics.filter((p) => p.severity === 1);
    assert.deepEqual(
      errors.slice(0, 1).map((e) => ({ code: e.code, message: e.message, start: e.range.start })),
      [{ code: d.kind, message: d.message, start: cliToLsp(next, d.line, d.column) }],
    );
  });

  it('a NUL byte typed into a kept document: the CLI\'s source check, before any parse', async () => {
    const uri = uriOf(path.join(dir, '.plue', 'workflows', 'nul.py'));
    const text = 'X = 1\n';
    client.open(uri, text);
    assert.deepEqual((await client.diagnosticsAfterAnalysis(uri, 1)).diagnostics, []);
    const version = client.change(uri, [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text: '\0' }]);
    const next = 'X = \x001\n';
    const [d] = (JSON.parse(cliBytes(next)) as Envelope).diagnostics;
    const published = (await client.diagnosticsAfterAnalysis(uri, version)).diagnostics.filter((p) => p.severity === 1);
    assert.deepEqual(
      published.map((e) => ({ code: e.code, message: e.message, start: e.range.start })),
      [{ code: d.kind, message: d.message, start: cliToLsp(next, d.line, d.column) }],
    );
  });

  it('through a seeded sequence of edits that break and mend the syntax, every version gets the diagnostics the CLI gives for its text', async () => {
    const uri = uriOf(path.join(dir, '.plue', 'workflows', 'broken.py'));
    let text = [
      'from plue import workflow, push',
      '',
      'NAMES = ["a", "b", "c"]',
      '',
      'def cmd(name, *, flags=""):',
      '    return f"make {name} {flags}".strip()',
      '',
      '@workflow(triggers=[push(branches=["main"])])',
      'def ci(ctx):',
      '    first = ctx.run("setup", "make setup")',
      '    for n in NAMES:',
      '        ctx.run(n, cmd(n, flags="-j2"), depends_on=first)',
      '',
    ].join('\n');
    client.open(uri, text);
    await client.analysed(uri, 1);

    const snippets = ['(', ')', '[', ']', ':', '\n', '    ', 'x', '"', 'f"{', ',', '=', 'def ', '#', 'lambda: 0', 'pass\n'];
    let seed = 20261121;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 24; step++) {
      const start = random(text.length + 1);
      const end = Math.min(text.length, start + (random(2) === 0 ? 0 : random(5)));
      const insert = random(4) === 0 ? '' : snippets[random(snippets.length)];
      const change: TextDocumentContentChangeEvent = { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: insert };
      text = text.slice(0, start) + insert + text.slice(end);
      const version = client.change(uri, [change]);
      const published = await client.diagnosticsAfterAnalysis(uri, version);
      const envelope = JSON.parse(cliBytes(text)) as Envelope;
      const expected = envelope.diagnostics.map((d) => ({ code: d.kind, message: d.message, start: cliToLsp(text, d.line, d.column) }));
      // The CLI reports a file's first error; the editor shows that one first (policy errors may follow it).
      const got = published.diagnostics.filter((d) => d.severity === 1).map((d) => ({ code: d.code, message: d.message, start: d.range.start }));
      assert.deepEqual(got.slice(0, 1), expected, `step ${step}: ${JSON.stringify(change)} on\n${text}`);
    }
  });
});

/** The LSP position of a UTF-16 offset (the texts here have only \n line breaks). */
function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
