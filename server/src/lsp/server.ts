// The Plue language server: the protocol layer. Wires LSP messages to the
// session (documents, workspace, analysis off the message loop) and to one
// handler per feature (features/*.ts). Started by the VS Code client over
// Node IPC, or by `plue lsp --stdio` / `--socket=N` for any LSP editor.

import { plueVersion } from '../package-version';
import { setFlagsFromString } from 'node:v8';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  WatchKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { createPythonParser } from '../syntax/python-parser';
import { FramingGuard } from './framing';
import { codeActions } from './features/code-actions';
import { codeLenses } from './features/code-lens';
import { completion } from './features/completion';
import { definition } from './features/definition';
import { documentSymbols } from './features/document-symbols';
import { hover } from './features/hover';
import { FILE_STATUS, fileStatus, PLAN_REQUEST, planResult, type PlanParams } from './features/plan-request';
import { signatureHelp } from './features/signature-help';
import { Session } from './session';
import { readSettings } from './settings';
import { uriToPath } from './workspace';

/** Worker threads evaluating documents: one, and a second while a slow file holds the first. */
const POOL_SIZE = 2;

/**
 * V8 flags for a long-running server that holds small documents: the young
 * generation capped at 2 MB per semi-space (V8 lets it grow to 16 MB, which
 * such a server never needs) keeps the server (its workers share the
 * process's flags) about 20 MB smaller for the same edit latency
 * (docs/benchmarks.md). Not --optimize-for-size: it saved 6 MB more but let
 * an allocating bomb in a worker stall hovers on the main thread for seconds
 * (scripts/lsp-responsiveness.mjs). Set before the server allocates anything.
 */
const V8_FLAGS = ['--max-semi-space-size=2'];

/**
 * The connection for the command line's transport. Over stdio the input goes
 * through a FramingGuard: a message whose header cannot be read ends the
 * server with one line on stderr (exit code 1) instead of leaving it alive
 * but deaf.
 */
function defaultConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const input = process.stdin.pipe(
    new FramingGuard((problem) => {
      process.stderr.write(`plue lsp: the client sent ${problem}; the message stream cannot be read past it, exiting\n`);
      process.exit(1);
    }),
  );
  return createConnection(ProposedFeatures.all, new StreamMessageReader(input), new StreamMessageWriter(process.stdout));
}

export async function startServer(connection: Connection = defaultConnection()): Promise<void> {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
  const parser = await createPythonParser();
  const session = new Session(parser, connection, POOL_SIZE);
  let pullConfiguration = false;
  let watchDynamically = false;
  let folderEvents = false;

  session.events.onAnalyzed = (file) => {
    if (file.version !== null) void connection.sendNotification(FILE_STATUS, fileStatus(file));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? (params.rootUri ? [uriToPath(params.rootUri)] : []);
    session.workspace.setFolders(folders);
    session.settings = readSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', '(', ',', ' ', '='] },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'plue', version: plueVersion() },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/.plue/workflows/**/*.py', kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete },
          { globPattern: '**/.plue/prompts/*.prompt.md', kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete },
        ],
      });
    }
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'plue' });
      // Documents opened before the settings arrived were planned with the defaults: plan them again.
      void loadConfiguration().then(() => {
        session.reanalyzeAll();
        session.scanWorkspace();
      });
    } else {
      session.scanWorkspace();
    }
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((change) => {
        const removed = new Set(change.removed.map((f) => uriToPath(f.uri)));
        session.workspace.setFolders([...session.workspace.folderPaths.filter((p) => !removed.has(p)), ...change.added.map((f) => uriToPath(f.uri))]);
        session.scanWorkspace();
      });
    }
  });

  const loadConfiguration = async (): Promise<void> => {
    try {
      const section: unknown = await connection.workspace.getConfiguration('plue');
      session.settings = readSettings(section);
    } catch (e) {
      connection.console.warn(`plue: could not read the settings: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  connection.onDidChangeConfiguration(async (change) => {
    if (pullConfiguration) await loadConfiguration();
    else session.settings = readSettings((change.settings as { plue?: unknown } | null)?.plue);
    session.reanalyzeAll();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) session.fileChanged(change.uri, change.type === FileChangeType.Deleted);
  });

  connection.onDidOpenTextDocument(({ textDocument }) => session.open(textDocument.uri, textDocument.text, textDocument.version));
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => session.change(textDocument.uri, contentChanges, textDocument.version));
  connection.onDidCloseTextDocument(({ textDocument }) => session.close(textDocument.uri));

  connection.onHover((params) => hover(session, params));
  connection.onCompletion((params) => completion(session, params));
  connection.onSignatureHelp((params) => signatureHelp(session, params));
  connection.onDocumentSymbol((params) => documentSymbols(session, params));
  connection.onCodeLens((params) => codeLenses(session, params));
  connection.onDefinition((params) => definition(session, params));
  connection.onCodeAction((params) => codeActions(session, params));
  connection.onRequest(PLAN_REQUEST, (params: PlanParams) => planResult(session, params));

  connection.onShutdown(() => session.dispose());
  connection.listen();
}

if (require.main === module) {
  void startServer();
}
