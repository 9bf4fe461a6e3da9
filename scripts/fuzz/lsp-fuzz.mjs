// Language-server fuzzer: malformed and hostile input to `plue lsp --stdio`,
// plus an in-process differential of the document store. Build first
// (`npm run build`).
//
//   node scripts/fuzz/lsp-fuzz.mjs [--seed N] [--seconds S] [--out DIR]
//        [--phase server|store|both] [--response-ms MS]
//   node scripts/fuzz/lsp-fuzz.mjs --phase server --episode 24 --memory-rounds 60   one long RSS run
//
// Phase `store` (in process): random documents (mutated corpus files with lone
// UTF-16 surrogates, CRs, CRLFs) and random content changes — valid,
// out-of-range, inverted, splitting surrogate pairs and CRLFs, whole-text —
// applied both to vscode-languageserver-textdocument (what the session keeps)
// and to the DocumentStore (tree.edit + incremental reparse). Oracle: the
// store's text equals the TextDocument's after every change, and the
// incremental tree equals a fresh parse of that text (compared when the text
// parses without errors; error-recovery differences are only counted).
//
// Phase `server`: episodes against a fresh server process each time it has
// to be restarted. An episode sends, in a seeded random order: initialize
// (sometimes late, after other requests, with odd capabilities and settings),
// documents opened from mutated corpus files (also > 1 MiB), didChange with
// valid, out-of-range, inverted and ill-typed ranges and wrong versions,
// edits of unopened documents, bursts of hundreds of rapid edits, hovers,
// completions, signature help, symbols, code lenses, definitions, code
// actions and plue/plan at random positions, invalid JSON, JSON that is not
// JSON-RPC, wrong param shapes, unknown methods, cancellations; and, as the
// last act of some episodes, broken framing (bad Content-Length headers).
// Oracle: the process never dies except after `exit` or on broken framing,
// where it must exit with code 1 and no stack trace (or, for a frame it can
// still read, keep answering) but never stay alive without answering; every
// request gets a response within --response-ms (default 20000); no handler
// fails with an internal error (-32603 response or an error logMessage) on
// well-typed params; plue/plan's content_hash is the SHA-256 of the text the
// client holds (the server's copy of the document follows the edits); RSS
// stays bounded over thousands of edits (sampled; reported per episode).
//
// Findings: DIR (default test-output/fuzz/lsp)/findings.jsonl with the seed and
// episode; each episode's full message log for findings is written beside it.

import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setImmediate, setTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { inputAt, loadCorpus, REPO, Rng, TOKENS } from './pipeline-inputs.mjs';

const require = createRequire(import.meta.url);
const ENGINE_ROOT = process.env.PLUE_ENGINE_ROOT || REPO;
const { TextDocument } = require('vscode-languageserver-textdocument');

function parseArgs(argv) {
  const opts = { seed: 1, seconds: 60, out: join(REPO, 'test-output', 'fuzz', 'lsp'), phase: 'both', responseMs: 20000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--seed') opts.seed = Number(next());
    else if (a === '--seconds') opts.seconds = Number(next());
    else if (a === '--out') opts.out = next();
    else if (a === '--phase') opts.phase = next();
    else if (a === '--response-ms') opts.responseMs = Number(next());
    else if (a === '--episode') opts.episode = Number(next());
    else if (a === '--memory-rounds') opts.memoryRounds = Number(next());
    else {
      console.error(`lsp-fuzz: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

// ------------------------------------------------------------------ documents and edits

const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00', '\udc00\ud800'];

/** A document text from pipeline input `index`: decoded leniently, with lone surrogates in strings and identifiers. */
function documentText(rng, corpus, seed, index) {
  let text = Buffer.from(inputAt(corpus, seed, index).bytes).toString('utf8');
  const n = rng.chance(0.4) ? rng.range(1, 4) : 0;
  for (let k = 0; k < n; k++) {
    const targets = [...text.matchAll(/"[^"\n]*"|'[^'\n]*'|\b[A-Za-z_]\w*\b/g)];
    const s = rng.pick(SURROGATES);
    if (targets.length && rng.chance(0.8)) {
      const m = rng.pick(targets);
      const at = m.index + rng.int(m[0].length + 1);
      text = text.slice(0, at) + s + text.slice(at);
    } else {
      const at = rng.int(text.length + 1);
      text = text.slice(0, at) + s + text.slice(at);
    }
  }
  return text;
}

const INSERTS = ['\n', '\r', '\r\n', '\n\r', ' ', '    ', '\t', '(', ')', '[', ']', '{', '}', ':', '"', "'", '"""', '#', '\\', '.', ',', '😀', '\ud800', '\udc00', 'é', '\u2028', '\u0000', 'ctx.', 'eval', 'def f(', 'x = ', 'import os\n'];

/** A text to insert by an edit. */
function insertText(rng, corpus) {
  const r = rng.int(10);
  if (r < 5) return rng.pick(INSERTS);
  if (r < 7) return rng.pick(TOKENS);
  if (r < 9) return `${rng.pick(corpus.lines)}\n`;
  return '';
}

/** A position that may be in range, at a line end, beyond it, past the last line, inside a CRLF or a surrogate pair. */
function position(rng, doc) {
  const text = doc.getText();
  const r = rng.int(20);
  if (r < 12) return doc.positionAt(rng.int(text.length + 1));
  if (r < 14) {
    // inside a CRLF or a surrogate pair
    const spots = [];
    for (let i = 1; i < text.length && spots.length < 200; i++) {
      const c = text.charCodeAt(i);
      if ((text.charCodeAt(i - 1) === 13 && c === 10) || (c >= 0xdc00 && c <= 0xdfff)) spots.push(i);
    }
    if (spots.length) {
      const off = rng.pick(spots);
      const p = doc.positionAt(off - 1);
      return { line: p.line, character: p.character + 1 };
    }
    return doc.positionAt(rng.int(text.length + 1));
  }
  const line = rng.int(doc.lineCount + 2);
  if (r < 17) return { line, character: rng.pick([0, 1, 80, 1000, 65536]) };
  if (r < 19) return { line: doc.lineCount + rng.int(5), character: rng.int(10) };
  return { line: rng.pick([2 ** 31 - 1, 2 ** 32, 1e9]), character: rng.pick([0, 2 ** 31 - 1]) };
}

/** One content change; `typed` false when it breaks the LSP types (negative or non-integer numbers). */
function contentChange(rng, doc, corpus) {
  const r = rng.int(40);
  if (r === 0) return { change: { text: insertText(rng, corpus) + doc.getText().slice(rng.int(doc.getText().length + 1)) }, typed: true };
  let start = position(rng, doc);
  let end = rng.chance(0.5) ? start : position(rng, doc);
  const inverted = rng.chance(0.1);
  if (!inverted && (end.line < start.line || (end.line === start.line && end.character < start.character))) [start, end] = [end, start];
  if (r === 1) return { change: { range: { start: { line: -1, character: 0 }, end }, text: insertText(rng, corpus) }, typed: false };
  if (r === 2) return { change: { range: { start: { line: start.line, character: 1.5 }, end }, text: 'x' }, typed: false };
  if (r === 3) return { change: { range: { start, end }, rangeLength: 5, text: insertText(rng, corpus) }, typed: true };
  return { change: { range: { start, end }, text: insertText(rng, corpus) }, typed: true };
}

/**
 * The reference semantics of one content change (LSP, as vscode-languageserver-textdocument
 * clamps positions, without its incremental line table): the text after it.
 */
function applyReference(text, change) {
  if (!('range' in change)) return change.text;
  const d = TextDocument.create('file:///ref.py', 'python', 0, text);
  const a = d.offsetAt(change.range.start);
  const b = d.offsetAt(change.range.end);
  return text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
}

/** A throwaway TextDocument over a text, for positions. */
const docOf = (text, version = 0) => TextDocument.create('file:///ref.py', 'python', version, text);

// ------------------------------------------------------------------ findings

class Findings {
  constructor(out) {
    this.out = out;
    this.bySignature = new Map();
    mkdirSync(out, { recursive: true });
  }

  record(type, message, context) {
    const signature = `${type}: ${message.split('\n')[0].replace(/\d+/g, 'N').slice(0, 160)}`;
    const entry = this.bySignature.get(signature) ?? { signature, count: 0, examples: [] };
    this.bySignature.set(signature, entry);
    entry.count++;
    if (entry.examples.length >= 3) return false;
    entry.examples.push(context);
    appendFileSync(join(this.out, 'findings.jsonl'), `${JSON.stringify({ type, signature, ...context, message: message.slice(0, 4000) })}\n`);
    console.log(`FINDING ${signature}\n  ${JSON.stringify(context)}`);
    return true;
  }
}

// ------------------------------------------------------------------ phase: store differential

/** What is odd about the changes of a batch (for the finding's signature). */
function classify(batch, doc) {
  const kinds = new Set();
  const text = doc.getText();
  const lines = text.split(/\r\n|\r|\n/);
  for (const c of batch) {
    if (!('range' in c)) {
      kinds.add('whole');
      continue;
    }
    const { start, end } = c.range;
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) kinds.add('inverted');
    for (const p of [start, end]) {
      if (p.line >= lines.length) kinds.add('line-past-end');
      else if (p.character > lines[p.line].length) kinds.add('char-past-eol');
      else {
        const off = doc.offsetAt(p);
        if (text.charCodeAt(off - 1) === 13 && text.charCodeAt(off) === 10) kinds.add('inside-crlf');
        const cc = text.charCodeAt(off);
        if (cc >= 0xdc00 && cc <= 0xdfff) kinds.add('inside-surrogate-pair');
      }
    }
    if (c.text.includes('\r') || c.text.includes('\n')) kinds.add('line-breaks');
    if (/^\n|^\r/.test(c.text) && text.charCodeAt(doc.offsetAt(start) - 1) === 13) kinds.add('after-cr');
  }
  if (batch.length > 1) kinds.add('several');
  return [...kinds].sort().join(',') || 'plain';
}

async function storePhase(opts, corpus, findings, deadline, stats) {
  const { createPythonParser } = require(join(ENGINE_ROOT, 'server', 'out', 'syntax', 'python-parser.js'));
  const { DocumentStore } = require(join(ENGINE_ROOT, 'server', 'out', 'syntax', 'document-store.js'));
  const { textForParser } = require(join(ENGINE_ROOT, 'server', 'out', 'syntax', 'source-text.js'));
  const parser = await createPythonParser();
  const store = new DocumentStore(parser);
  for (let round = 0; performance.now() < deadline; round++) {
    const rng = new Rng(`store:${opts.seed}:${round}`);
    let text = documentText(rng, corpus, opts.seed + 7919, round);
    if (text.length > 200_000) text = text.slice(0, 200_000);
    let model = text;
    store.set('d', text, 0);
    const edits = rng.range(1, 60);
    for (let e = 0; e < edits; e++) {
      const batch = [];
      const before = docOf(model);
      let after = model;
      for (let k = rng.chance(0.8) ? 1 : rng.range(2, 5); k > 0; k--) {
        const { change, typed } = contentChange(rng, docOf(after), corpus);
        if (!typed) continue;
        batch.push(change);
        after = applyReference(after, change);
      }
      const context = { phase: 'store', seed: opts.seed, round, edit: e };
      model = after;
      const doc = docOf(model);
      let stored;
      try {
        stored = store.update(
          'd',
          batch.map((c) => ('range' in c ? { range: { start: { row: c.range.start.line, column: c.range.start.character }, end: { row: c.range.end.line, column: c.range.end.character } }, text: c.text } : { text: c.text })),
          e + 1,
        );
      } catch (err) {
        findings.record('store-throw', err instanceof Error ? (err.stack ?? err.message) : String(err), { ...context, batch });
        store.set('d', model, e + 1);
        continue;
      }
      stats.storeEdits++;
      if (stored.text !== doc.getText()) {
        if (findings.record('store-text-diverges', `document store text differs from the editor's after edits: ${classify(batch, before)}`, { ...context, batch: JSON.stringify(batch).slice(0, 2000) }))
          writeFileSync(join(findings.out, `store-diverge-s${opts.seed}-r${round}-e${e}.json`), JSON.stringify({ batch, before: before.getText(), store: stored.text, editor: doc.getText() }));
        store.set('d', model, e + 1);
        continue;
      }
      if (rng.chance(0.3) || e === edits - 1) {
        const fresh = parser.parse(textForParser(stored.text));
        const a = stored.tree.rootNode.toString();
        const b = fresh.rootNode.toString();
        const hasError = fresh.rootNode.hasError;
        fresh.delete();
        stats.storeTreeChecks++;
        if (a !== b) {
          if (hasError) stats.storeTreeRecoveryDiffs++;
          else {
            if (findings.record('store-tree-diverges', 'incremental tree differs from a fresh parse of an error-free text', context))
              writeFileSync(join(findings.out, `store-tree-s${opts.seed}-r${round}-e${e}.json`), JSON.stringify({ batch, text: stored.text.slice(0, 20000) }));
            store.set('d', model, e + 1);
          }
        }
      }
    }
    store.delete('d');
    stats.storeRounds++;
    if (round % 50 === 0) await new Promise((r) => setTimeout(r, 0));
  }
}

// ------------------------------------------------------------------ phase: server

/** A `plue lsp --stdio` child with a raw framing writer and a reader that keeps every message. */
class Server {
  constructor(responseMs, log) {
    this.responseMs = responseMs;
    this.log = log;
    this.child = spawn(process.execPath, [join(ENGINE_ROOT, 'bin', 'plue'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    this.buffer = Buffer.alloc(0);
    this.pending = new Map();
    this.nextId = 1;
    this.stderr = '';
    this.exited = null;
    this.errorsLogged = [];
    this.diagnostics = new Map();
    this.configuration = null;
    /** Methods this client has sent ill-typed messages for (their handlers may fail: expected). */
    this.illTyped = new Set();
    this.exitPromise = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        for (const p of this.pending.values()) p.resolve({ dead: true });
        this.pending.clear();
        resolve(this.exited);
      });
    });
    this.child.stdin.on('error', () => {});
    this.child.stdout.on('data', (d) => this.onData(d));
    this.child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-20000);
    });
  }

  writeRaw(bytes) {
    if (this.exited) return;
    this.child.stdin.write(bytes);
  }

  send(message) {
    const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
    this.log.push(`> ${body.toString('utf8').slice(0, 300)}`);
    this.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request; resolves with the response, { timeout: true } or { dead: true }. */
  request(method, params, id = this.nextId++) {
    return new Promise((resolve) => {
      const sent = performance.now();
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ timeout: true, ms: Math.round(performance.now() - sent) });
      }, this.responseMs);
      this.pending.set(id, {
        method,
        resolve: (r) => {
          clearTimeout(timer);
          resolve({ ...r, ms: Math.round(performance.now() - sent) });
        },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  onData(d) {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const head = this.buffer.indexOf('\r\n\r\n');
      if (head < 0) return;
      const header = this.buffer.subarray(0, head).toString('ascii');
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m) {
        this.log.push(`< bad header from the server: ${header}`);
        this.badOutput = header;
        this.buffer = Buffer.alloc(0);
        return;
      }
      const length = Number(m[1]);
      if (this.buffer.length < head + 4 + length) return;
      const body = this.buffer.subarray(head + 4, head + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(head + 4 + length);
      let msg;
      try {
        msg = JSON.parse(body);
      } catch {
        this.badOutput = body;
        continue;
      }
      this.onMessage(msg);
    }
  }

  onMessage(msg) {
    if (msg.method && msg.id !== undefined) {
      // a request from the server
      let result = null;
      if (msg.method === 'workspace/configuration') result = (msg.params?.items ?? []).map(() => this.configuration);
      this.send({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method) {
      if (msg.method === 'window/logMessage' && msg.params?.type === 1) this.errorsLogged.push({ message: msg.params.message, illTyped: new Set(this.illTyped) });
      if (msg.method === 'textDocument/publishDiagnostics') this.diagnostics.set(msg.params.uri, msg.params);
      this.log.push(`< ${msg.method} ${JSON.stringify(msg.params).slice(0, 200)}`);
      return;
    }
    this.log.push(`< response ${JSON.stringify(msg).slice(0, 300)}`);
    const p = this.pending.get(msg.id);
    if (p) {
      this.pending.delete(msg.id);
      p.resolve({ response: msg });
    }
  }

  rssBytes() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      return m ? Number(m[1]) * 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  kill() {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

const FEATURE_REQUESTS = ['textDocument/hover', 'textDocument/completion', 'textDocument/signatureHelp', 'textDocument/definition'];

/** Malformed messages that keep the framing intact. */
function malformedBody(rng, uri) {
  const r = rng.int(16);
  switch (r) {
    case 0: return '{';
    case 1: return 'not json at all';
    case 2: return '[]';
    case 3: return '[{"jsonrpc":"2.0","id":9999,"method":"shutdown"}]';
    case 4: return '42';
    case 5: return 'null';
    case 6: return JSON.stringify({ jsonrpc: '2.0', id: { a: 1 }, method: 'textDocument/hover', params: {} });
    case 7: return JSON.stringify({ jsonrpc: '1.0', id: 5.5, method: 'textDocument/hover' });
    case 8: return JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: 'x' }, contentChanges: 'nope' } });
    case 9: return JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 5, text: null } } });
    case 10: return JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: null });
    case 11: return JSON.stringify({ jsonrpc: '2.0', id: 'result-without-request', result: 1 });
    case 12: return JSON.stringify({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: rng.int(50) } });
    case 13: return JSON.stringify({ jsonrpc: '2.0', method: 'unknown/notification', params: [1, 2] });
    case 14: return JSON.stringify({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: { plue: { event: rng.pick([42, '', 'pull_request', 'file:missing.json', 'file:../../../../etc/hostname']), limits: { maxEvalSteps: rng.pick([-1, 0, 'x', 1e300, 100]) } } } } });
    default: return `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":${JSON.stringify(uri)},"version":1},"contentChanges":[{"range":{"start":{"line":0,"character":0}},"text":"x"}]}}`;
  }
}

/** Requests with wrong shapes: the server must answer each (an error is fine). */
function wrongShapeRequest(rng, uri) {
  const methods = [...FEATURE_REQUESTS, 'textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/codeAction', 'plue/plan', 'unknown/method', 'shutdown'];
  const method = rng.pick(methods.slice(0, -1));
  const shapes = [
    undefined,
    null,
    [],
    42,
    {},
    { textDocument: {} },
    { textDocument: { uri: 42 }, position: { line: 0, character: 0 } },
    { textDocument: { uri }, position: { line: '0', character: 'x' } },
    { textDocument: { uri }, position: null },
    { textDocument: { uri }, position: { line: -5, character: -1 } },
    { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: 'x' } },
    { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1e9, character: 0 } }, context: { diagnostics: [{ range: null, message: 5, code: {}, data: 'x' }] } },
    { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } },
    { textDocument: { uri: 'file:///%E0%A4%A' }, position: { line: 0, character: 0 } },
    { textDocument: { uri }, event: 42, format: 'xml' },
    { textDocument: { uri }, event: rng.pick(['pull_request', '/dev/null', 'file:nope.json', '../../../../etc/passwd']) },
  ];
  return { method, params: rng.pick(shapes) };
}

/** Broken framing, sent last. */
function brokenFrame(rng) {
  const body = '{"jsonrpc":"2.0","id":1,"method":"shutdown"}';
  const r = rng.int(10);
  switch (r) {
    case 0: return `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`;
    case 1: return `Content-Length: -5\r\n\r\n${body}`;
    case 2: return `Content-Length: abc\r\n\r\n${body}`;
    case 3: return `Content-Length: 99999999999\r\n\r\n${body}`;
    case 4: return `Content-Length: 10\r\n\r\n${body}`;
    case 5: return `Content-Length ${body.length}\r\n\r\n${body}`;
    case 6: return `Content-Length: ${body.length}\n\n${body}`;
    case 7: return `Content-Length: ${body.length}\r\nContent-Type: application/json; charset=latin1\r\n\r\n${body}`;
    case 8: return `garbage line\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    default: return `\r\n\r\n\r\n${body}`;
  }
}

/** True when every line/character in the params is an LSP uinteger (0 .. 2^31 - 1). */
function wellTyped(value) {
  if (Array.isArray(value)) return value.every(wellTyped);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'line' || k === 'character') && !(Number.isInteger(v) && v >= 0 && v <= 2 ** 31 - 1)) return false;
      if (!wellTyped(v)) return false;
    }
  }
  return true;
}

const TRACE = /\n\s+at |TypeError|ReferenceError|RangeError|FATAL|Aborted/;

/**
 * One episode. Returns when the episode is over; the server may be reused
 * (returned) or has exited.
 */
async function episode(opts, corpus, findings, workspace, seed, ep, serverIn, stats) {
  const rng = new Rng(`lsp:${seed}:${ep}`);
  const log = [];
  let server = serverIn;
  if (!server || server.exited) {
    server = new Server(opts.responseMs, log);
    server.initialized = false;
    stats.servers++;
  }
  server.log = log;
  const ctx = { phase: 'server', seed, episode: ep };
  let problems = 0;
  const problem = (type, message) => {
    problems++;
    findings.record(type, message, ctx);
  };
  const expectAnswer = async (method, params, typed) => {
    const r = await server.request(method, params);
    stats.requests++;
    if (r.timeout) problem('no-response', `${method} got no response in ${opts.responseMs} ms`);
    else if (r.dead) return r;
    else if (r.response.error && r.response.error.code === -32603 && typed && wellTyped(params)) problem('internal-error-response', `${method}: ${r.response.error.message}`);
    else if (r.response.error && r.response.error.code === -32603) stats.untypedInternalErrors++;
    return r;
  };

  const docs = new Map(); // uri -> { doc: TextDocument, known: boolean }
  const uriOf = (k) => pathToFileURL(join(workspace, '.plue', 'workflows', `doc-${ep % 7}-${k}.py`)).href;

  if (!server.initialized) {
    // requests before initialize: each must be answered (ServerNotInitialized)
    if (rng.chance(0.3)) {
      for (let k = rng.range(1, 3); k > 0; k--) await expectAnswer(rng.pick(FEATURE_REQUESTS), { textDocument: { uri: uriOf(0) }, position: { line: 0, character: 0 } }, true);
      server.notify('textDocument/didOpen', { textDocument: { uri: uriOf(0), languageId: 'python', version: 1, text: 'x = 1\n' } });
    }
    const capabilities = rng.chance(0.5) ? { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } } : rng.pick([{}, { textDocument: null }, { workspace: 5 }]);
    const settings = rng.pick([undefined, { event: 'pull_request' }, { limits: { maxEvalSteps: 1000, maxEvalMillis: 200 } }, { event: 5, limits: 'x' }, { limits: { maxSourceBytes: 100 } }]);
    server.configuration = rng.pick([null, { event: 'push' }, { limits: { maxNestingDepth: 20 } }, 'not an object']);
    const init = await expectAnswer('initialize', { processId: null, rootUri: pathToFileURL(workspace).href, workspaceFolders: rng.chance(0.8) ? [{ uri: pathToFileURL(workspace).href, name: 'ws' }] : null, capabilities, initializationOptions: settings ? { settings } : undefined }, true);
    if (init.dead) {
      problem('server-died', `died during initialize: ${server.stderr.slice(-2000)}`);
      return null;
    }
    server.notify('initialized', {});
    server.initialized = true;
  }

  const actions = rng.range(20, 120);
  for (let a = 0; a < actions && !server.exited; a++) {
    const r = rng.weighted([10, 20, 4, 18, 4, 6, 6, 3, 2, 2, 1]);
    const k = rng.int(4);
    const uri = uriOf(k);
    const entry = docs.get(uri);
    if (r === 0) {
      // open
      let text = documentText(rng, corpus, seed, ep * 131 + a);
      if (rng.chance(0.03)) text = text.repeat(Math.ceil((1.2 * 1024 * 1024) / Math.max(1, text.length))).slice(0, rng.range(1_050_000, 1_500_000));
      const version = rng.pick([0, 1, 7, -1, 2 ** 31 - 1]);
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
      docs.set(uri, { text, version, known: true });
      stats.opens++;
    } else if (r === 1 || r === 2) {
      // a change (r === 2: a burst of rapid edits)
      const count = r === 2 ? rng.pick([10, 100, 500, 2000]) : 1;
      for (let c = 0; c < count; c++) {
        const target = entry ?? { text: '', version: 0, known: false };
        const batch = [];
        let typed = true;
        for (let n = rng.chance(0.85) ? 1 : rng.range(2, 4); n > 0; n--) {
          const ch = contentChange(rng, docOf(target.text, target.version), corpus);
          batch.push(ch.change);
          typed &&= ch.typed;
        }
        let version = target.version + 1;
        const vr = rng.int(20);
        if (vr === 0) version = target.version;
        else if (vr === 1) version = target.version - 3;
        else if (vr === 2) version = 2 ** 31 + 5;
        server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: batch });
        stats.edits++;
        if (!typed) server.illTyped.add('textDocument/didChange');
        if (entry) {
          if (typed) entry.text = batch.reduce(applyReference, entry.text);
          else entry.known = false;
          entry.version = version;
        }
        if (count > 20 && target.text.length > 200_000 && c >= 20) break;
        if (count > 100 && c % 50 === 0) await new Promise((res) => setImmediate(res));
      }
    } else if (r === 3) {
      // a feature request at a random position
      const target = docOf(entry?.text ?? '', entry?.version ?? 0);
      const method = rng.pick([...FEATURE_REQUESTS, 'textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/codeAction']);
      const pos = position(rng, target);
      const params = method === 'textDocument/codeAction'
        ? { textDocument: { uri }, range: { start: pos, end: position(rng, target) }, context: { diagnostics: (server.diagnostics.get(uri)?.diagnostics ?? []).slice(0, 3) } }
        : method.endsWith('Symbol') || method.endsWith('codeLens') ? { textDocument: { uri } } : { textDocument: { uri }, position: pos };
      await expectAnswer(method, params, true);
    } else if (r === 4) {
      // plue/plan: the server's copy of the text must be the client's
      const res = await expectAnswer('plue/plan', { textDocument: { uri } }, true);
      if (res.response?.result && entry?.known) {
        const want = createHash('sha256').update(Buffer.from(entry.text, 'utf8')).digest('hex');
        const got = res.response.result.files?.[0]?.content_hash;
        if (got !== want) problem('text-diverges', `plue/plan content_hash ${got} is not the hash of the client's text (${want})`);
        else stats.hashChecks++;
      }
    } else if (r === 5) {
      const body = malformedBody(rng, uri);
      const method = /"method":"([^"]+)"/.exec(body)?.[1];
      if (method) server.illTyped.add(method);
      server.illTyped.add('(malformed)');
      server.send(body);
      stats.malformed++;
    } else if (r === 6) {
      const { method, params } = wrongShapeRequest(rng, uri);
      await expectAnswer(method, params, false);
    } else if (r === 7) {
      server.notify('textDocument/didClose', { textDocument: { uri } });
      docs.delete(uri);
    } else if (r === 8) {
      server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: rng.range(1, 3) }, { uri: 'file:///nowhere/.plue/prompts/x.prompt.md', type: 2 }] });
    } else if (r === 9) {
      // a prompt document with odd frontmatter
      const puri = pathToFileURL(join(workspace, '.plue', 'prompts', `p${k}.prompt.md`)).href;
      server.notify('textDocument/didOpen', { textDocument: { uri: puri, languageId: 'plue-prompt', version: 1, text: rng.pick(['---\nname: [\n---\n', '---\n', '---\nname: X\ninputs:\n  a: str\n---\nhi {{ a }}', '\ud800---\n---', `---\n${'a: b\n'.repeat(5000)}---\n`]) } });
    } else {
      // $/cancelRequest of a request in flight
      const id = server.nextId;
      const p = expectAnswer(rng.pick(FEATURE_REQUESTS), { textDocument: { uri }, position: { line: 0, character: 0 } }, true);
      server.notify('$/cancelRequest', { id });
      await p;
    }
    if (server.exited) break;
  }

  // liveness: the server must still answer
  if (!server.exited) {
    const alive = await expectAnswer('textDocument/hover', { textDocument: { uri: uriOf(0) }, position: { line: 0, character: 0 } }, true);
    if (!alive.dead) stats.livenessChecks++;
  }
  if (server.exited) {
    problem('server-died', `server exited (${JSON.stringify(server.exited)}) mid-episode; stderr: ${server.stderr.slice(-3000)}`);
  }
  for (const { message, illTyped } of server.errorsLogged.splice(0)) {
    const handler = /^(?:Notification|Request) handler '([^']+)' failed/.exec(message)?.[1];
    const expected = /^Received (?:message which is neither|empty message)|^Unhandled method|^The received response has neither/.test(message) || (handler !== undefined && illTyped.has(handler));
    if (expected) stats.expectedErrorLogs++;
    else problem('error-logged', message);
  }
  server.illTyped.clear();
  if (server.badOutput !== undefined) problem('bad-output', `the server wrote a malformed message: ${String(server.badOutput).slice(0, 300)}`);

  // the end of the episode: close documents, then sometimes shutdown/exit or broken framing
  for (const uri of docs.keys()) server.notify('textDocument/didClose', { textDocument: { uri } });
  const end = rng.int(10);
  if (!server.exited && end === 0) {
    const r = await expectAnswer('shutdown', null, true);
    server.notify('exit');
    const exited = await Promise.race([server.exitPromise, new Promise((res) => setTimeout(() => res(null), 5000))]);
    if (!exited) problem('no-exit', 'the server did not exit within 5 s of exit after shutdown');
    else if (exited.code !== 0) problem('exit-code', `exit after shutdown gave ${JSON.stringify(exited)} (${r.timeout ? 'shutdown timed out' : 'shutdown answered'})`);
    if (TRACE.test(server.stderr)) problem('stderr-trace', server.stderr.slice(-2000));
  } else if (!server.exited && end === 1) {
    const frame = brokenFrame(rng);
    server.log.push(`> (raw) ${JSON.stringify(frame)}`);
    server.writeRaw(Buffer.from(frame, 'utf8'));
    // then a valid request: either it is answered (recovered) or the server has exited
    const probe = await server.request('textDocument/hover', { textDocument: { uri: uriOf(0) }, position: { line: 0, character: 0 } });
    const exited = server.exited ?? (await Promise.race([server.exitPromise, new Promise((res) => setTimeout(() => res(null), 2000))]));
    const outcome = probe.response ? 'answered' : exited ? `exited ${JSON.stringify(exited)}` : 'silent';
    stats.framing[`${JSON.stringify(frame.slice(0, 30))} -> ${outcome}`] = (stats.framing[`${JSON.stringify(frame.slice(0, 30))} -> ${outcome}`] ?? 0) + 1;
    // documented behaviour (server/src/lsp/framing.ts): a header that cannot be read ends the server with code 1; a readable one is answered
    if (outcome === 'silent') problem('framing-deaf', `after broken framing ${JSON.stringify(frame.slice(0, 60))} the server neither answered nor exited`);
    else if (exited && exited.code !== 1) problem('framing-exit-code', `after broken framing ${JSON.stringify(frame.slice(0, 60))}: ${JSON.stringify(exited)}`);
    if (TRACE.test(server.stderr)) problem('stderr-trace', `after broken framing ${JSON.stringify(frame.slice(0, 60))}: ${server.stderr.slice(-2000)}`);
    server.kill();
    await server.exitPromise;
  } else if (!server.exited && TRACE.test(server.stderr)) {
    problem('stderr-trace', server.stderr.slice(-2000));
    server.stderr = '';
  }
  if (problems > 0) writeFileSync(join(findings.out, `episode-s${seed}-e${ep}.log`), log.join('\n'));
  return server.exited ? null : server;
}

/** Many edits to one document: RSS must level off (trees replaced are deleted). */
async function memoryEpisode(opts, corpus, findings, workspace, seed, ep, stats) {
  const log = [];
  const server = new Server(opts.responseMs, log);
  stats.servers++;
  await server.request('initialize', { processId: null, rootUri: pathToFileURL(workspace).href, capabilities: {} });
  server.notify('initialized', {});
  const rng = new Rng(`memory:${seed}:${ep}`);
  const uri = pathToFileURL(join(workspace, '.plue', 'workflows', `memory-${ep}.py`)).href;
  const base = readFileSync(join(REPO, 'examples', '.plue', 'workflows', 'ci.py'), 'utf8');
  let doc = TextDocument.create(uri, 'python', 1, base.repeat(8));
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: doc.getText() } });
  const samples = [];
  const rounds = opts.memoryRounds ?? 12;
  const perRound = 1000;
  for (let round = 0; round < rounds && !server.exited; round++) {
    for (let i = 0; i < perRound; i++) {
      // insert then delete a token: the text stays about the same size
      const off = rng.int(doc.getText().length);
      const p = doc.positionAt(off);
      const tok = rng.pick(['x', ' ', '(', '\n', 'ctx.', '"']);
      const change = i % 2 === 0 ? { range: { start: p, end: p }, text: tok } : { range: { start: doc.positionAt(doc.getText().length - 1), end: doc.positionAt(doc.getText().length) }, text: '' };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      server.notify('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [change] });
      stats.edits++;
      if (i % 100 === 0) await new Promise((res) => setImmediate(res));
    }
    const r = await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } });
    if (r.timeout) findings.record('no-response', `hover after ${(round + 1) * perRound} edits: no answer`, { phase: 'memory', seed, episode: ep });
    // let the pool settle so garbage can be collected
    await new Promise((res) => setTimeout(res, 1500));
    samples.push(Math.round(server.rssBytes() / 1048576));
  }
  const plan = await server.request('plue/plan', { textDocument: { uri } });
  if (plan.response?.result) {
    const want = createHash('sha256').update(Buffer.from(doc.getText(), 'utf8')).digest('hex');
    if (plan.response.result.files?.[0]?.content_hash !== want) findings.record('text-diverges', 'after the memory run the server text differs from the client text', { phase: 'memory', seed, episode: ep });
  }
  stats.memory.push({ episode: ep, edits: rounds * perRound, rssMiB: samples });
  // growth check: the last third against the first third (after warm-up)
  const third = Math.floor(samples.length / 3);
  const early = Math.max(...samples.slice(1, 1 + third));
  const late = Math.max(...samples.slice(-third));
  if (late - early > 150) findings.record('memory-growth', `RSS grew from ${early} MiB to ${late} MiB over ${rounds * perRound} edits: ${samples.join(' ')}`, { phase: 'memory', seed, episode: ep });
  if (server.exited) findings.record('server-died', `server died during the memory run: ${server.stderr.slice(-2000)}`, { phase: 'memory', seed, episode: ep });
  server.kill();
  await server.exitPromise;
}

/** CPU seconds of this process's reaped children (the servers), from /proc/self/stat. */
function childrenCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const corpus = loadCorpus();
  const findings = new Findings(opts.out);
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  const stats = {
    storeRounds: 0, storeEdits: 0, storeTreeChecks: 0, storeTreeRecoveryDiffs: 0,
    episodes: 0, servers: 0, requests: 0, edits: 0, opens: 0, malformed: 0, hashChecks: 0, livenessChecks: 0, untypedInternalErrors: 0, expectedErrorLogs: 0,
    framing: {}, memory: [],
  };
  const cpu0 = process.cpuUsage();
  let cpuStore = 0;
  if (opts.phase === 'store' || opts.phase === 'both') {
    const storeDeadline = opts.phase === 'both' ? started + opts.seconds * 1000 * 0.2 : deadline;
    await storePhase(opts, corpus, findings, storeDeadline, stats);
    const c = process.cpuUsage(cpu0);
    cpuStore = (c.user + c.system) / 1e6;
  }
  const children0 = childrenCpuSeconds();
  if (opts.phase === 'server' || opts.phase === 'both') {
    const workspace = mkdtempSync(join(tmpdir(), 'plue-lsp-fuzz-'));
    mkdirSync(join(workspace, '.plue', 'workflows'), { recursive: true });
    mkdirSync(join(workspace, '.plue', 'prompts'), { recursive: true });
    for (const name of ['ci.py', 'release.py', 'review.py']) writeFileSync(join(workspace, '.plue', 'workflows', name), readFileSync(join(REPO, 'examples', '.plue', 'workflows', name)));
    for (const name of ['SummarizeDiff.prompt.md', 'CodeReview.prompt.md']) writeFileSync(join(workspace, '.plue', 'prompts', name), readFileSync(join(REPO, 'examples', '.plue', 'prompts', name)));
    let server = null;
    const single = opts.episode !== undefined;
    for (let ep = single ? opts.episode : 0; single ? ep === opts.episode : performance.now() < deadline; ep++) {
      if (ep % 25 === 24) {
        if (server) {
          server.kill();
          await server.exitPromise;
          server = null;
        }
        await memoryEpisode(opts, corpus, findings, workspace, opts.seed, ep, stats);
        continue;
      }
      server = await episode(opts, corpus, findings, workspace, opts.seed, ep, server, stats);
      stats.episodes++;
      if (ep % 10 === 0) console.log(`[${Math.round((performance.now() - started) / 1000)} s] episode ${ep}: ${stats.requests} requests, ${stats.edits} edits, ${stats.servers} servers, ${findings.bySignature.size} finding signatures`);
    }
    if (server) {
      server.kill();
      await server.exitPromise;
    }
    rmSync(workspace, { recursive: true, force: true });
  }
  const own = process.cpuUsage(cpu0);
  const summary = {
    command: `node scripts/fuzz/lsp-fuzz.mjs --seed ${opts.seed} --seconds ${opts.seconds} --phase ${opts.phase}`,
    wallSeconds: Math.round((performance.now() - started) / 1000),
    cpuSecondsFuzzer: Math.round((own.user + own.system) / 1e6),
    cpuSecondsStorePhase: Math.round(cpuStore),
    cpuSecondsServers: Math.round(childrenCpuSeconds() - children0),
    stats,
    findings: [...findings.bySignature.values()],
  };
  writeFileSync(join(opts.out, `summary-s${opts.seed}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
  process.exitCode = findings.bySignature.size > 0 ? 1 : 0;
}

await main();
