// Edit -> diagnostics latency of a language server over stdio.
//
//   node bench/lsp-latency.mjs --server plue|pyright|actions --file F --edits N [--json out]
//
// Starts the server (node + its entry, stdio), initialises it with a fresh
// temporary workspace folder holding F where the server looks for it
// (.plue/workflows/ for plue, the folder root for pyright, .github/workflows/
// for actions), then measures:
//   start  process spawn -> initialize result
//   open   didOpen -> first publishDiagnostics for the file
//   edit   N didChange edits alternating "append a comment line" and "retype
//          its last character" (a -> b, a one-key typo fix), each timed from
//          didChange to the next publishDiagnostics for the file: the one
//          carrying that version when the server echoes versions (plue,
//          pyright), else the first one after the change (actions).
//   RSS    VmRSS of the server process tree (children included), sampled
//          every 25 ms: peak over the run and at the end.
// With --open-all DIR every .plue/workflows/*.py below DIR (each repo copied
// with its .plue folder) is opened too, after the edits, and the RSS with all
// of them open is reported (the issue's "every public conformance file open").
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { LARGEST, REPO, conformanceRepos, fmt, machine, parseArgs, writeJson, rssSampler, summary } from './lib/util.mjs';

const requireCjs = createRequire(import.meta.url);
const rpc = requireCjs('vscode-jsonrpc/node');

const USAGE = `usage: node bench/lsp-latency.mjs --server plue|pyright|actions --file F --edits N
  [--edit-kind K]   comment (default): append "# bench edit 7a" and retype its last
                    character, as the issue asks; code: append "bench_edit_7 = 0" and
                    retype its last digit, so the program changes and is evaluated
  [--warmup W]      extra edits before the N timed ones, not reported (default 0)
  [--gap-ms G]      pause between one edit's diagnostics and the next edit (default 50)
  [--settle-ms S]   pause between initialized and didOpen (default 500)
  [--timeout-ms T]  per-wait timeout (default 30000)
  [--open-all DIR]  afterwards open every .plue/workflows/*.py below DIR and report RSS
  [--cpu-prof DIR]  run the server under node --cpu-prof, profiles written to DIR
  [--json out]      write the result as JSON`;

const opts = parseArgs(
  process.argv.slice(2),
  { server: 'plue', file: '', editKind: 'comment', edits: 50, warmup: 0, gapMs: 50, settleMs: 500, timeoutMs: 30000, openAll: '', cpuProf: '', json: '' },
  USAGE,
);

const SERVERS = {
  plue: {
    entry: path.join(REPO, 'bin', 'plue'),
    pkg: path.join(REPO, 'package.json'),
    args: ['lsp', '--stdio'],
    place: (ws, name) => path.join(ws, '.plue', 'workflows', name),
    languageId: 'python',
    echoesVersion: true,
  },
  pyright: {
    entry: path.join(REPO, 'node_modules', 'pyright', 'langserver.index.js'),
    pkg: path.join(REPO, 'node_modules', 'pyright', 'package.json'),
    args: ['--stdio'],
    place: (ws, name) => path.join(ws, name),
    languageId: 'python',
    echoesVersion: true,
  },
  actions: {
    entry: path.join(REPO, 'node_modules', '@actions', 'languageserver', 'bin', 'actions-languageserver'),
    pkg: path.join(REPO, 'node_modules', '@actions', 'languageserver', 'package.json'),
    args: ['--stdio'],
    place: (ws, name) => path.join(ws, '.github', 'workflows', name),
    languageId: 'yaml',
    // validate() publishes { uri, diagnostics } without a version.
    echoesVersion: false,
  },
};

const server = SERVERS[opts.server];
if (!server) throw new Error(`unknown server ${opts.server}\n${USAGE}`);
const file = path.resolve(opts.file || (opts.server === 'actions' ? path.join(REPO, 'bench', 'fixtures', 'cmake-matrix.yml') : LARGEST));
if (opts.openAll && opts.server !== 'plue') throw new Error('--open-all opens Plue workflow files: use it with --server plue');
if (!existsSync(server.entry)) throw new Error(`${server.entry} is missing: run npm ci${opts.server === 'plue' ? ' && npm run build' : ''}`);

const ws = mkdtempSync(path.join(os.tmpdir(), `bench-lsp-${opts.server}-`));
const target = server.place(ws, path.basename(file));
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, readFileSync(file));
// A plue workflow may import prompts of its .plue folder: bring them along.
const prompts = path.join(path.dirname(file), '..', 'prompts');
if (opts.server === 'plue' && path.basename(path.dirname(file)) === 'workflows' && existsSync(prompts)) {
  cpSync(prompts, path.join(ws, '.plue', 'prompts'), { recursive: true });
}
const uri = pathToFileURL(target).href;
let text = readFileSync(target, 'utf8');
if (!text.endsWith('\n')) text += '\n';

const nodeArgs = [];
if (opts.cpuProf) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.cpuProf)}`);
const t0 = performance.now();
const child = spawn(process.execPath, [...nodeArgs, server.entry, ...server.args], { cwd: ws, stdio: ['pipe', 'pipe', 'pipe'] });
const sampler = rssSampler(child.pid);
let stderr = '';
child.stderr.on('data', (d) => {
  stderr = (stderr + d.toString()).slice(-20000);
});
child.on('exit', (code, signal) => {
  if (!finished) fail(`server exited early (code ${code}, signal ${signal})\n${stderr}`);
});

const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
// Requests a client answers: configuration (null = defaults), registrations, progress, file reads.
connection.onRequest((method, params) => {
  if (method === 'workspace/configuration') return (params?.items ?? []).map(() => null);
  if (method === 'workspace/workspaceFolders') return [{ uri: pathToFileURL(ws).href, name: 'bench' }];
  return null;
});

/** Every publishDiagnostics / plue/fileStatus of the watched uris, in arrival order. */
const waiters = [];
const fileStatus = [];
let publishes = 0;
connection.onNotification((method, params) => {
  const now = performance.now();
  if (method === 'textDocument/publishDiagnostics') {
    publishes++;
    for (const w of [...waiters]) {
      if (w.uri !== params.uri) continue;
      const versionOk = server.echoesVersion ? typeof params.version === 'number' && params.version >= w.version : true;
      if (!versionOk) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve({ at: now, count: params.diagnostics.length, version: params.version });
    }
  } else if (method === 'plue/fileStatus') {
    fileStatus.push({ at: now, ...params });
  }
});
connection.listen();

function waitDiagnostics(forUri, version) {
  return new Promise((resolve, reject) => {
    const w = { uri: forUri, version, resolve };
    waiters.push(w);
    setTimeout(() => {
      const i = waiters.indexOf(w);
      if (i >= 0) {
        waiters.splice(i, 1);
        reject(new Error(`no diagnostics for ${forUri} version ${version} within ${opts.timeoutMs} ms\n${stderr}`));
      }
    }, opts.timeoutMs).unref();
  });
}

let finished = false;
function fail(message) {
  finished = true;
  console.error(`lsp-latency: ${message}`);
  child.kill('SIGKILL');
  rmSync(ws, { recursive: true, force: true });
  process.exit(1);
}

function endPosition(s) {
  const lines = s.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

async function main() {
  const wsUri = pathToFileURL(ws).href;
  const init = await connection.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'plue-bench' },
    rootUri: wsUri,
    rootPath: ws,
    workspaceFolders: [{ uri: wsUri, name: 'bench' }],
    initializationOptions: {},
    capabilities: {
      workspace: { workspaceFolders: true, configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
      },
      window: { workDoneProgress: false },
    },
  });
  const startMs = performance.now() - t0;
  const sync = init.capabilities.textDocumentSync;
  const syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
  await connection.sendNotification('initialized', {});
  if (opts.settleMs > 0) await sleep(opts.settleMs);

  let version = 1;
  const opened = waitDiagnostics(uri, version);
  const tOpen = performance.now();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: server.languageId, version, text } });
  const first = await opened;
  const openMs = first.at - tOpen;
  const openDiagnostics = first.count;
  const rssAfterOpenKb = sampler.state.lastKb;

  const edits = [];
  let pending = null; // "# bench edit k" line appended and not yet retyped
  for (let i = 0; i < opts.warmup + opts.edits; i++) {
    if (opts.gapMs > 0) await sleep(opts.gapMs);
    version++;
    let change;
    const kind = pending === null ? 'append' : 'retype';
    if (pending === null) {
      const at = endPosition(text);
      const line = opts.editKind === 'code' ? `bench_edit_${i} = 0\n` : `# bench edit ${i}a\n`;
      change = { range: { start: at, end: at }, text: line };
      text += line;
      pending = line;
    } else {
      // text ends with "...a\n" (or "...0\n"): replace that last character with 'b' (or '1').
      const end = endPosition(text.slice(0, -1));
      const retyped = opts.editKind === 'code' ? '1' : 'b';
      change = { range: { start: { line: end.line, character: end.character - 1 }, end }, text: retyped };
      text = `${text.slice(0, -2)}${retyped}\n`;
      pending = null;
    }
    const answered = waitDiagnostics(uri, version);
    const sent = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: syncKind === 2 ? [change] : [{ text }],
    });
    const got = await answered;
    if (i >= opts.warmup) edits.push({ kind, version, ms: got.at - sent, diagnostics: got.count });
  }

  let openAll = null;
  if (opts.openAll) openAll = await openEverything(path.resolve(opts.openAll), version);

  sampler.sample();
  const rss = sampler.state;
  const editStats = summary(edits.map((e) => e.ms));
  const statusOfEdits = fileStatus.filter((s) => s.uri === uri && typeof s.version === 'number' && s.version > 1 + opts.warmup);
  const result = {
    server: opts.server,
    serverVersion: init.serverInfo?.version ?? JSON.parse(readFileSync(server.pkg, 'utf8')).version,
    file,
    lines: readFileSync(file, 'utf8').split('\n').length - (readFileSync(file, 'utf8').endsWith('\n') ? 1 : 0),
    syncKind: syncKind === 2 ? 'incremental' : 'full',
    startMs,
    openMs,
    openDiagnostics,
    edits: editStats,
    editDiagnostics: edits.at(-1)?.diagnostics ?? null,
    serverElapsedMs: statusOfEdits.length ? summary(statusOfEdits.map((s) => s.elapsedMs)) : null,
    rssAfterOpenMb: rssAfterOpenKb / 1024,
    rssPeakMb: rss.peakKb / 1024,
    rssEndMb: rss.lastKb / 1024,
    processes: rss.maxProcesses,
    openAll,
    publishes,
    options: { editKind: opts.editKind, edits: opts.edits, warmup: opts.warmup, gapMs: opts.gapMs, settleMs: opts.settleMs },
    machine: machine(),
    samples: edits,
  };

  finished = true;
  try {
    await Promise.race([connection.sendRequest('shutdown'), sleep(5000)]);
    await connection.sendNotification('exit');
  } catch {
    // the server may close the pipe first
  }
  await Promise.race([new Promise((r) => child.once('exit', r)), sleep(opts.cpuProf ? 15000 : 3000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
  sampler.stop();
  connection.dispose();
  rmSync(ws, { recursive: true, force: true });

  if (opts.json) writeJson(opts.json, result);
  const e = result.edits;
  console.log(
    `${result.server}${result.serverVersion ? ` ${result.serverVersion}` : ''} on ${path.relative(REPO, file) || file} (${result.lines} lines, ${result.syncKind} sync, ${opts.editKind} edits): ` +
      `start ${fmt(startMs)} ms, open ${fmt(openMs)} ms (${openDiagnostics} diagnostics), ` +
      `edit p50 ${fmt(e.p50)} / p95 ${fmt(e.p95)} / max ${fmt(e.max)} ms over ${e.n} edits, ` +
      `RSS peak ${fmt(result.rssPeakMb)} MB (${result.processes} process${result.processes === 1 ? '' : 'es'})` +
      (result.serverElapsedMs ? `, server-side analysis p50 ${fmt(result.serverElapsedMs.p50)} ms` : '') +
      (openAll ? `, ${openAll.files} files open: RSS ${fmt(openAll.rssMb)} MB` : ''),
  );
}

/** Opens every workflow of every conformance repo below `root` (copied into the workspace) and waits for each file's diagnostics. */
async function openEverything(root, lastVersion) {
  const repos = conformanceRepos(root);
  const waits = [];
  const t = performance.now();
  let files = 0;
  for (const repo of repos) {
    const dest = path.join(ws, 'all', repo.name);
    cpSync(path.join(repo.dir, '.plue'), path.join(dest, '.plue'), { recursive: true });
    for (const f of repo.files) {
      const u = pathToFileURL(path.join(dest, path.relative(repo.dir, f))).href;
      waits.push(waitDiagnostics(u, 1));
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: server.languageId, version: 1, text: readFileSync(f, 'utf8') } });
      files++;
    }
  }
  await Promise.all(waits);
  const allMs = performance.now() - t;
  await sleep(500); // let background work (closed files, GC) settle before the reading
  sampler.sample();
  return { files: files + 1, allDiagnosticsMs: allMs, rssMb: sampler.state.lastKb / 1024, lastVersion };
}

main().catch((err) => fail(err.stack ?? String(err)));
