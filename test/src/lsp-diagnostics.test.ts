// The language server over a real stdio connection (`bin/plue lsp --stdio`):
// diagnostics published on open, and updated by incremental edits — typing a
// forbidden name makes a SecurityError appear with its exact range, deleting
// it makes it go away.

import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

interface Message {
  id?: number;
  method?: string;
  params?: { uri?: string; version?: number; diagnostics?: { range: unknown; code: string; source: string; severity: number }[] };
  result?: unknown;
}

class StdioPeer {
  private buffer = Buffer.alloc(0);
  private readonly waiting: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  private readonly received: Message[] = [];

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const header = this.buffer.indexOf('\r\n\r\n');
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, header).toString())?.[1]);
        if (this.buffer.length < header + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(header + 4, header + 4 + length).toString()) as Message;
        this.buffer = this.buffer.subarray(header + 4 + length);
        const i = this.waiting.findIndex((w) => w.match(message));
        if (i >= 0) this.waiting.splice(i, 1)[0].resolve(message);
        else this.received.push(message);
      }
    });
  }

  send(message: object): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  next(match: (m: Message) => boolean): Promise<Message> {
    const i = this.received.findIndex(match);
    if (i >= 0) return Promise.resolve(this.received.splice(i, 1)[0]);
    return new Promise((resolve) => this.waiting.push({ match, resolve }));
  }
}

describe('language server over stdio', () => {
  let child: ChildProcessWithoutNullStreams;
  let peer: StdioPeer;
  const uri = 'file:///workspace/.plue/workflows/ci.py';
  const diagnosticsFor = (version: number) => (m: Message) =>
    m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri && m.params.version === version;

  before(async () => {
    child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'plue'), 'lsp', '--stdio']);
    peer = new StdioPeer(child);
    peer.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const init = await peer.next((m) => m.id === 1);
    assert.deepEqual((init.result as { capabilities: unknown }).capabilities, { textDocumentSync: { openClose: true, change: 2 } });
    peer.send({ method: 'initialized', params: {} });
  });

  after(() => {
    child.kill();
  });

  it('publishes diagnostics on open and follows incremental edits', async () => {
    const text = 'from plue import workflow, push\n\n@workflow(triggers=[push()])\ndef ci(ctx):\n    x = 1\n';
    peer.send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'python', version: 1, text } } });
    assert.deepEqual((await peer.next(diagnosticsFor(1))).params?.diagnostics, []);

    // Replace `1` (line 4, character 8) with `getattr`.
    peer.send({
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 4, character: 8 }, end: { line: 4, character: 9 } }, text: 'getattr' }] },
    });
    const appeared = (await peer.next(diagnosticsFor(2))).params?.diagnostics ?? [];
    assert.equal(appeared.length, 1);
    assert.deepEqual(appeared[0].range, { start: { line: 4, character: 8 }, end: { line: 4, character: 15 } });
    assert.equal(appeared[0].code, 'SecurityError');
    assert.equal(appeared[0].source, 'plue');
    assert.equal(appeared[0].severity, 1);

    peer.send({
      method: 'textDocument/didChange',
      params: { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 4, character: 8 }, end: { line: 4, character: 15 } }, text: '2' }] },
    });
    assert.deepEqual((await peer.next(diagnosticsFor(3))).params?.diagnostics, []);
  });

  it('ignores Python files outside .plue/workflows', async () => {
    const other = 'file:///workspace/setup.py';
    peer.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: other, languageId: 'python', version: 1, text: 'eval("1")\n' } } });
    // A workflow document opened afterwards is answered; nothing is ever published for setup.py.
    peer.send({ method: 'textDocument/didChange', params: { textDocument: { uri, version: 4 }, contentChanges: [{ text: 'x = 1\n' }] } });
    await peer.next(diagnosticsFor(4));
    const stray = await Promise.race([
      peer.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === other).then(() => 'published'),
      new Promise<string>((resolve) => setTimeout(() => resolve('silent'), 300)),
    ]);
    assert.equal(stray, 'silent');
  });
});
