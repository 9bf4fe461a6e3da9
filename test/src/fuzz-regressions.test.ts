// Regressions found by the fuzzers (scripts/fuzz/pipeline-fuzz.mjs and
// scripts/fuzz/lsp-fuzz.mjs). Each fixture in test/fixtures/fuzz-regressions/
// names the finding it came from.
//
// - document-edits.json: content changes the LSP allows or that buggy clients
//   send (a character past the end of its line, a position inside a CRLF, a
//   line past the last, an inverted range, several changes in one
//   notification). The document store must end with the text the editor has
//   (TextDocument's clamping) and with the tree of a fresh parse; the
//   session's change path must not let a range past the end corrupt the line
//   table of its TextDocument (which duplicated text on the next edit).
// - special files (found while fuzzing the server's settings): an event
//   setting naming /dev/zero or a FIFO, a FIFO or a symlink to /dev/zero
//   named *.py among the workflows or *.prompt.md among the prompts. The
//   server read /dev/zero until memory ran out and blocked forever on a FIFO
//   (a hostile workspace's .vscode/settings.json can set plue.event); the CLI
//   did the same with the files of a directory. Only regular files are read.
// - broken framing (lsp-fuzz, last act of an episode): a header without
//   Content-Length, a negative, non-numeric or huge one, LF-only separators,
//   a header line without ':'. The server stayed alive but never answered
//   again; now it exits with code 1 and one line on stderr. Invalid JSON in a
//   valid frame is skipped and the server goes on.
// - pipeline/*.py: inputs that made analyze() throw, hang, report an
//   InternalError, give different envelopes on two runs, or put a
//   diagnostic outside the file, minimised. Each is analysed twice: one
//   envelope diagnostic at most, the expected kind, inside the file, the same
//   bytes both times, within a CPU budget (what a quadratic walk blows).

import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatEnvelope } from '../../server/out/engine';
import { applyContentChanges } from '../../server/out/lsp/content-changes';
import { FramingGuard } from '../../server/out/lsp/framing';
import { DocumentStore, type TextChange } from '../../server/out/syntax/document-store';
import { createPythonParser } from '../../server/out/syntax/python-parser';
import { textForParser } from '../../server/out/syntax/source-text';
import { envelopeOf, plue } from './cli-harness';
import { sharedAnalyzer } from './harness';
import { LspClient, PLUE, removeDir, tempWorkspace, uriOf } from './lsp-harness';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'fuzz-regressions');

interface EditCase {
  readonly name: string;
  readonly finding: string;
  readonly text: string;
  /** didChange notifications, each a list of content changes. */
  readonly changes: TextDocumentContentChangeEvent[][];
  readonly expected: string;
}

const editCases = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'document-edits.json'), 'utf8')) as EditCase[];

function toTextChange(change: TextDocumentContentChangeEvent): TextChange {
  if (!('range' in change)) return { text: change.text };
  const { start, end } = change.range;
  return { range: { start: { row: start.line, column: start.character }, end: { row: end.line, column: end.character } }, text: change.text };
}

describe('fuzz regressions: document edits', () => {
  let parser: Parser;
  before(async () => {
    parser = await createPythonParser();
  });

  const freshTree = (text: string): string => {
    const tree = parser.parse(textForParser(text));
    assert.ok(tree);
    const s = tree.rootNode.toString();
    tree.delete();
    return s;
  };

  for (const c of editCases) {
    it(`document store: ${c.name}`, () => {
      const store = new DocumentStore(parser);
      store.set('d', c.text, 1);
      let version = 1;
      for (const batch of c.changes) store.update('d', batch.map(toTextChange), ++version);
      const doc = store.get('d');
      assert.ok(doc);
      assert.equal(doc.text, c.expected);
      assert.equal(doc.tree.rootNode.toString(), freshTree(c.expected));
      store.clear();
    });

    it(`session changes: ${c.name}`, () => {
      let doc = TextDocument.create('file:///w/.plue/workflows/x.py', 'python', 1, c.text);
      const store = new DocumentStore(parser);
      store.set('d', c.text, 1);
      let version = 1;
      for (const batch of c.changes) {
        const applied = applyContentChanges(doc, batch, ++version);
        assert.ok(applied);
        doc = applied.document;
        store.update('d', applied.changes.map(toTextChange), version);
      }
      assert.equal(doc.getText(), c.expected);
      assert.equal(doc.version, version);
      assert.equal(store.get('d')?.text, c.expected);
      store.clear();
    });
  }

  it('session changes: a malformed change (no range end, no text, NaN) is refused whole', () => {
    const doc = TextDocument.create('file:///w/.plue/workflows/x.py', 'python', 1, 'a = 1\n');
    const bad: unknown[] = [
      [{ range: { start: { line: 0, character: 0 } }, text: 'x' }],
      [{ text: 5 }],
      [{ text: 'ok' }, { range: { start: { line: Number.NaN, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
      'not a list',
      null,
    ];
    for (const changes of bad) assert.equal(applyContentChanges(doc, changes, 2), null, JSON.stringify(changes));
    assert.equal(doc.getText(), 'a = 1\n');
  });

  describe('over the protocol', () => {
    let client: LspClient;
    let workspace: string;
    before(async () => {
      workspace = tempWorkspace();
      fs.mkdirSync(path.join(workspace, '.plue', 'workflows'), { recursive: true });
      client = await LspClient.start({ folders: [workspace] });
    });
    after(async () => {
      await client?.stop();
      removeDir(workspace);
    });

    it('the server plans the text the client has after out-of-range, inverted and malformed changes', async () => {
      const uri = uriOf(path.join(workspace, '.plue', 'workflows', 'edits.py'));
      const c = editCases.find((e) => e.name.includes('nothing is duplicated'));
      assert.ok(c);
      client.open(uri, c.text);
      for (const batch of c.changes) client.change(uri, batch);
      // a malformed change is ignored whole (and does not take the document's version)
      client.notify('textDocument/didChange', { textDocument: { uri, version: 99 }, contentChanges: [{ range: { start: { line: 0, character: 0 } }, text: 'broken' }] });
      const version = client.change(uri, [{ range: { start: { line: 1, character: 5 }, end: { line: 0, character: 5 } }, text: '' }]);
      const expected = 'a = 1\nc = 3\nd = 4\n';
      await client.analysed(uri, version);
      const plan = await client.request<{ files: { content_hash: string }[] }>('plue/plan', { textDocument: { uri } });
      assert.equal(plan.files[0].content_hash, createHash('sha256').update(expected).digest('hex'));
      client.close(uri);
    });
  });
});

// ------------------------------------------------------------------ framing

const frame = (message: object | string): Buffer => {
  const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
};

/** What a FramingGuard passes through for `input` fed in chunks of `size` bytes, and the violation it reported. */
function guarded(input: Buffer, size: number): { passed: string; problem: string | null } {
  let problem: string | null = null;
  const guard = new FramingGuard((p) => (problem = p));
  const out: Buffer[] = [];
  guard.on('data', (d: Buffer) => out.push(d));
  for (let i = 0; i < input.length; i += size) guard.write(input.subarray(i, i + size));
  return { passed: Buffer.concat(out).toString('latin1'), problem };
}

describe('fuzz regressions: broken framing', () => {
  const good = Buffer.concat([frame({ jsonrpc: '2.0', id: 1, method: 'a' }), frame('{not json'), frame(''), frame({ jsonrpc: '2.0', method: 'é😀' })]);
  const broken: [string, string][] = [
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc\r\n\r\n{}'],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}'],
    ['a non-numeric Content-Length', 'Content-Length: abc\r\n\r\n{}'],
    ['a huge Content-Length', 'Content-Length: 99999999999\r\n\r\n{}'],
    ['LF-only separators', 'Content-Length: 2\n\n{}'],
    ['a header line without a colon', 'Content-Length 2\r\n\r\n{}'],
    ['an empty header block', '\r\n\r\n{}'],
    ['an endless header', 'X'.repeat(10_000)],
  ];

  it('well-framed input passes through unchanged, whatever the chunking', () => {
    for (const size of [1, 3, 7, 64, 100_000]) assert.deepEqual(guarded(good, size), { passed: good.toString('latin1'), problem: null });
  });
  for (const [name, raw] of broken) {
    it(`${name} is a violation, and nothing after it passes`, () => {
      const input = Buffer.concat([good, Buffer.from(raw, 'latin1'), good]);
      for (const size of [1, 5, 100_000]) {
        const { passed, problem } = guarded(input, size);
        assert.ok(problem, `${name}: no violation reported`);
        assert.equal(passed, good.toString('latin1'));
      }
    });
  }

  const run = (input: Buffer): Promise<{ code: number | null; stderr: string; stdout: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [PLUE, 'lsp', '--stdio'], { stdio: 'pipe' });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server neither exited nor answered: ${stdout.slice(0, 300)}`));
      }, 15000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr, stdout });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.write(input);
      // a valid request after the input: answered when the server read past it
      child.stdin.write(frame({ jsonrpc: '2.0', id: 7, method: 'shutdown' }));
      child.stdout.on('data', () => {
        if (/"id":7/.test(stdout)) child.stdin.end(frame({ jsonrpc: '2.0', method: 'exit' }));
      });
    });
  const initialize = frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

  it('the server exits with code 1 and one line on stderr on a broken header', async () => {
    const { code, stderr } = await run(Buffer.concat([initialize, Buffer.from('Content-Length: -5\r\n\r\n{}', 'latin1')]));
    assert.equal(code, 1);
    assert.match(stderr, /^plue lsp: the client sent a Content-Length that is not a length: "-5"; the message stream cannot be read past it, exiting\n$/);
  });
  it('the server skips invalid JSON in a valid frame and answers the next request', async () => {
    const { code, stdout, stderr } = await run(Buffer.concat([initialize, frame('{not json'), frame('[1, 2]')]));
    assert.match(stdout, /"id":7,"result":null/);
    assert.equal(code, 0);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});

// ------------------------------------------------------------------ special files

describe('fuzz regressions: FIFOs and devices in a workspace', function () {
  const posix = process.platform !== 'win32';
  let workspace: string;
  before(function () {
    if (!posix) this.skip();
    workspace = tempWorkspace();
    fs.mkdirSync(path.join(workspace, '.plue', 'workflows'), { recursive: true });
    fs.mkdirSync(path.join(workspace, '.plue', 'prompts'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.plue', 'workflows', 'a.py'), 'x = 1\n');
    execFileSync('mkfifo', [path.join(workspace, '.plue', 'workflows', 'fifo.py'), path.join(workspace, '.plue', 'prompts', 'Fifo.prompt.md'), path.join(workspace, 'event.fifo')]);
    fs.symlinkSync('/dev/zero', path.join(workspace, '.plue', 'workflows', 'zero.py'));
    fs.symlinkSync('/dev/zero', path.join(workspace, '.plue', 'prompts', 'Zero.prompt.md'));
  });
  after(() => removeDir(workspace));

  it('the CLI plans the regular files of a directory and refuses a FIFO named on the command line', () => {
    const run = plue(['workflow', 'plan', '--json'], workspace);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(envelopeOf(run).files.map((f) => f.path), ['.plue/workflows/a.py']);
    const fifo = plue(['workflow', 'plan', '--json', '.plue/workflows/fifo.py'], workspace);
    assert.equal(fifo.status, 2);
    assert.match(fifo.stderr, /not a regular file/);
    const event = plue(['workflow', 'plan', '--json', '--event', 'event.fifo'], workspace);
    assert.equal(event.status, 2);
    assert.match(event.stderr, /cannot read event file/);
  });

  it('the server keeps answering with the event setting /dev/zero, then a FIFO, and FIFOs among the workflows', async () => {
    const client = await LspClient.start({ folders: [workspace], settings: { event: '/dev/zero' } });
    try {
      const uri = uriOf(path.join(workspace, '.plue', 'workflows', 'open.py'));
      client.open(uri, 'y = 2\n');
      await client.analysed(uri, 1);
      // a FIFO announced as a created workflow file, and a plan request for it
      const fifo = uriOf(path.join(workspace, '.plue', 'workflows', 'fifo.py'));
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fifo, type: 1 }] });
      // not readable: the request's fault (InvalidParams), not an internal error
      await assert.rejects(client.request('plue/plan', { textDocument: { uri: fifo } }), (e: { code?: number }) => e.code === -32602);
      client.notify('workspace/didChangeConfiguration', { settings: { plue: { event: 'file:event.fifo' } } });
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      assert.ok(hover === null || typeof hover === 'object');
      const plan = await client.request<{ files: unknown[] }>('plue/plan', { textDocument: { uri } });
      assert.equal(plan.files.length, 1);
    } finally {
      await client.stop();
    }
  });
});

// ------------------------------------------------------------------ pipeline inputs

const PIPELINE = path.join(FIXTURES, 'pipeline');
const pipelineCases = fs.existsSync(PIPELINE) ? fs.readdirSync(PIPELINE).filter((f) => f.endsWith('.py')).sort() : [];

interface PipelineExpectation {
  /** The kind of the reported diagnostic, or 'ok'. */
  readonly kind: string;
  readonly line?: number;
  readonly limits?: Record<string, number>;
  readonly collectFacts?: boolean;
  /** CPU time the analysis may take (default 3000 ms). */
  readonly maxCpuMs?: number;
  readonly finding: string;
}

describe('fuzz regressions: pipeline inputs', () => {
  for (const name of pipelineCases) {
    const expectation = JSON.parse(fs.readFileSync(path.join(PIPELINE, name.replace(/\.py$/, '.json')), 'utf8')) as PipelineExpectation;
    it(`${name}: ${expectation.finding}`, async () => {
      const bytes = fs.readFileSync(path.join(PIPELINE, name));
      const analyzer = await sharedAnalyzer();
      const options = { limits: expectation.limits, collectFacts: expectation.collectFacts };
      const cpu = process.cpuUsage();
      const first = analyzer.analyze([{ path: '.plue/workflows/case.py', bytes }], options);
      const spent = process.cpuUsage(cpu);
      const cpuMs = (spent.user + spent.system) / 1000;
      assert.ok(cpuMs < (expectation.maxCpuMs ?? 3000), `analysis took ${Math.round(cpuMs)} ms of CPU`);
      const json = formatEnvelope(first.envelope);
      const diagnostics = first.envelope.diagnostics;
      assert.ok(diagnostics.length <= 1);
      assert.equal(diagnostics[0]?.kind ?? 'ok', expectation.kind, json);
      if (expectation.line !== undefined) assert.equal(diagnostics[0]?.line, expectation.line);
      for (const d of first.files[0].diagnostics) assert.notEqual(d.kind, 'InternalError', d.message);
      const lines = first.files[0].lines;
      if (lines && diagnostics[0]) {
        assert.ok(diagnostics[0].line >= 1 && diagnostics[0].line <= lines.lineCount);
        assert.ok(diagnostics[0].column >= 1 && diagnostics[0].column <= [...lines.lineText(diagnostics[0].line - 1)].length + 1);
      }
      const second = analyzer.analyze([{ path: '.plue/workflows/case.py', bytes }], options);
      assert.equal(formatEnvelope(second.envelope), json);
    });
  }
});
