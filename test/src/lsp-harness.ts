// The language server as a child process (`bin/plue lsp --stdio`), driven by
// a real JSON-RPC client (vscode-jsonrpc over the child's stdio), for the LSP
// protocol suites (lsp-*.test.ts). The client answers the server's requests
// (client/registerCapability, workspace/configuration), keeps every
// notification it receives in arrival order with a sequence number shared
// with request responses (so tests can assert what arrived first), and waits
// for specific messages (a uri's diagnostics for a version) with a bounded
// timeout. Also: temporary copies of workspaces, uris, text positions.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  InitializeParams,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

export const PLUE = path.join(__dirname, '..', '..', 'bin', 'plue');
export const REPO = path.join(__dirname, '..', '..');
export const CONFORMANCE = path.join(REPO, '..', 'shared', 'conformance');

/** How long a test waits for one specific message before failing with what did arrive. */
export const WAIT_MS = 15000;

export interface FileStatus {
  readonly uri: string;
  readonly version: number | null;
  readonly workflows: number;
  readonly tools: number;
  readonly steps: number;
  readonly errors: number;
  readonly elapsedMs: number;
  readonly reused: boolean;
}

/** A notification as received, with its place in the order of everything received. */
export interface Received {
  readonly seq: number;
  readonly method: string;
  readonly params: unknown;
}

export interface ServerOptions {
  /** Workspace folders (absolute paths). */
  readonly folders?: readonly string[];
  /** Sent as initializationOptions.settings (the server reads its settings there when it does not pull them). */
  readonly settings?: object;
  /** When given, the client declares workspace.configuration and answers section 'plue' with this. */
  readonly configuration?: object;
  /** Declares dynamic registration of workspace/didChangeWatchedFiles. */
  readonly watchFiles?: boolean;
}

type Waiter = { readonly match: (r: Received) => boolean; readonly resolve: (r: Received) => void };

export class LspClient {
  readonly received: Received[] = [];
  /** Requests the server sent the client, by method. */
  readonly serverRequests: { method: string; params: unknown }[] = [];
  initializeResult: InitializeResult | null = null;
  private seq = 0;
  private stderr = '';
  private readonly waiters = new Set<Waiter>();
  private readonly requestWaiters: { method: string; resolve: () => void }[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: ServerOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [PLUE, 'lsp', '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection);
    child.stderr.on('data', (chunk: Buffer) => {
      client.stderr += chunk.toString('utf8');
    });
    connection.onNotification((method: string, params: unknown) => client.record(method, params));
    connection.onRequest('client/registerCapability', (params: unknown) => {
      client.serverRequest('client/registerCapability', params);
      return null;
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      client.serverRequest('workspace/configuration', params);
      return params.items.map((item) => (item.section === 'plue' ? (options.configuration ?? {}) : null));
    });
    connection.listen();

    const folders = options.folders ?? [];
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration !== undefined,
        didChangeWatchedFiles: { dynamicRegistration: options.watchFiles === true },
        workspaceFolders: true,
      },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    };
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: folders.length > 0 ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities,
      initializationOptions: options.settings ? { settings: options.settings } : undefined,
    };
    client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', params);
    await connection.sendNotification('initialized', {});
    return client;
  }

  private serverRequest(method: string, params: unknown): void {
    this.serverRequests.push({ method, params });
    for (const w of this.requestWaiters.filter((r) => r.method === method)) {
      this.requestWaiters.splice(this.requestWaiters.indexOf(w), 1);
      setImmediate(w.resolve);
    }
  }

  /** Resolves once the server has sent the client a request of `method` (answered by then). */
  serverRequested(method: string, timeoutMs = WAIT_MS): Promise<void> {
    if (this.serverRequests.some((r) => r.method === method)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for the server to request ${method}`)), timeoutMs);
      this.requestWaiters.push({
        method,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private record(method: string, params: unknown): void {
    const r: Received = { seq: ++this.seq, method, params };
    this.received.push(r);
    for (const w of [...this.waiters]) {
      if (w.match(r)) {
        this.waiters.delete(w);
        w.resolve(r);
      }
    }
  }

  /** The place the next message will take in the order of arrival (for `after`). */
  mark(): number {
    return this.seq;
  }

  /** Sends a request and resolves with its result. */
  async request<R>(method: string, params: object): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Sends a request and records when its response arrived, in the order shared with notifications. */
  async stampedRequest<R>(method: string, params: object): Promise<{ result: R; seq: number }> {
    const result = await this.connection.sendRequest<R>(method, params);
    return { result, seq: ++this.seq };
  }

  notify(method: string, params: object): void {
    void this.connection.sendNotification(method, params);
  }

  /** The first notification (received after `after`, by default ever) that matches, waiting up to `timeoutMs`. */
  waitFor(what: string, match: (r: Received) => boolean, after = 0, timeoutMs = WAIT_MS): Promise<Received> {
    const found = this.received.find((r) => r.seq > after && match(r));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match: (r) => r.seq > after && match(r),
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received:\n${this.describeReceived()}\nserver stderr:\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The diagnostics published for `uri` with `version` (for an open document), or the next ones after `after`. */
  async diagnostics(uri: string, version?: number, after = 0): Promise<PublishDiagnosticsParams> {
    const r = await this.waitFor(
      `diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`,
      (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as PublishDiagnosticsParams).uri === uri && (version === undefined || (m.params as PublishDiagnosticsParams).version === version),
      after,
    );
    return r.params as PublishDiagnosticsParams;
  }

  /** The first diagnostics published for `uri` (after `after`) that satisfy `match`: for files planned in the background, whose diagnostics change as the other files of their directory are planned. */
  async diagnosticsWhere(uri: string, what: string, match: (p: PublishDiagnosticsParams) => boolean, after = 0): Promise<PublishDiagnosticsParams> {
    const r = await this.waitFor(
      `diagnostics for ${uri} with ${what}`,
      (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as PublishDiagnosticsParams).uri === uri && match(m.params as PublishDiagnosticsParams),
      after,
    );
    return r.params as PublishDiagnosticsParams;
  }

  /** Like `diagnostics`, with the arrival order. */
  async diagnosticsReceived(uri: string, version?: number, after = 0): Promise<Received> {
    await this.diagnostics(uri, version, after);
    return this.received.find(
      (m) => m.seq > after && m.method === 'textDocument/publishDiagnostics' && (m.params as PublishDiagnosticsParams).uri === uri && (version === undefined || (m.params as PublishDiagnosticsParams).version === version),
    ) as Received;
  }

  /** The plue/fileStatus of an open document's analysis of `version` (sent whether or not its diagnostics changed). */
  async analysed(uri: string, version: number, after = 0): Promise<FileStatus> {
    const r = await this.waitFor(
      `plue/fileStatus for ${uri} version ${version}`,
      (m) => m.method === 'plue/fileStatus' && (m.params as FileStatus).uri === uri && (m.params as FileStatus).version === version,
      after,
    );
    return r.params as FileStatus;
  }

  /**
   * The diagnostics of an open document once its analysis of `version` is done: the server
   * republishes only diagnostics that changed, so these may carry an earlier version (or none,
   * when the workspace scan published them before the document was opened).
   */
  async diagnosticsAfterAnalysis(uri: string, version: number, after = 0): Promise<PublishDiagnosticsParams> {
    await this.analysed(uri, version, after);
    const latest = this.latest(uri);
    if (!latest) throw new Error(`no diagnostics were ever published for ${uri}`);
    return latest;
  }

  /** Every diagnostics notification received for `uri`, in order. */
  published(uri: string): PublishDiagnosticsParams[] {
    return this.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as PublishDiagnosticsParams).uri === uri).map((m) => m.params as PublishDiagnosticsParams);
  }

  /** The last diagnostics received for `uri`, if any. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    const all = this.published(uri);
    return all[all.length - 1];
  }

  /** Opens a document (version 1 unless given) and returns its uri. */
  open(uri: string, text: string, version = 1, languageId = 'python'): string {
    this.versions.set(uri, version);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  /** Applies changes to an open document as the next version; returns that version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  describeReceived(): string {
    return this.received
      .slice(-30)
      .map((r) => {
        const p = r.params as { uri?: string; version?: number; diagnostics?: { code?: unknown; range: Range }[] };
        const diags = p.diagnostics?.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).join(',');
        return `  #${r.seq} ${r.method} ${p.uri ?? ''} v${String(p.version)}${diags !== undefined ? ` [${diags}]` : ''}`;
      })
      .join('\n');
  }

  /** Shuts the server down (shutdown + exit), killing it if it does not exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(2000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // The connection may already be gone.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

// ------------------------------------------------------------------ files and uris

/** The uri the server uses for a path (vscode-uri, as the server's own). */
export function uriOf(fsPath: string): string {
  return URI.file(fsPath).toString();
}

/** A fresh temporary directory, optionally a copy of `source`. */
export function tempWorkspace(source?: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'plue-lsp-')));
  if (source) fs.cpSync(source, dir, { recursive: true });
  return dir;
}

/** Writes files (relative path -> text) below `root`, creating directories. */
export function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** The position of the `occurrence`-th (0-based) match of `needle` in `text`, plus `offset` UTF-16 units. */
export function positionOf(text: string, needle: string, offset = 0, occurrence = 0): Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${occurrence}) not in the text`);
  }
  const before = text.slice(0, at + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/** The position just after the end of `needle`. */
export function positionAfter(text: string, needle: string, occurrence = 0): Position {
  return positionOf(text, needle, needle.length, occurrence);
}

/** A 1-based line and 1-based code-point column (as the CLI reports them) as an LSP position (0-based, UTF-16 units). */
export function cliToLsp(text: string, line: number, column: number): Position {
  const lineText = text.split(/\r\n|\r|\n/)[line - 1] ?? '';
  const prefix = [...lineText].slice(0, column - 1).join('');
  return { line: line - 1, character: prefix.length };
}

/** The UTF-16 offset of an LSP position in a text. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + position.character;
}

/** A text with LSP edits applied (non-overlapping, as a workspace edit's are). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, offsetAt(text, edit.range.start)) + edit.newText + out.slice(offsetAt(text, edit.range.end));
  return out;
}
