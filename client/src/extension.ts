// VS Code extension entry point for Plue Workflows: a thin client.
//
// Starts the Plue language server (server/out/lsp/server.js) over Node IPC
// with vscode-languageclient, restricted to workflow files
// (.plue/workflows/**/*.py) and prompt files (.plue/prompts/*.prompt.md) so
// ordinary Python files stay with other extensions; forwards file events and
// the `plue` settings; and owns the editor-only parts: the plan preview
// webview, the status bar item and the commands. All analysis is the server's.

import * as path from 'node:path';
import { commands, Uri, ViewColumn, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { FILE_STATUS, requestPlanText, type FileStatus } from './plan-client';
import { PlanPreview, WORKFLOW_FILE } from './preview-panel';
import { PylanceStubs } from './pylance-stubs';
import { PlueStatusBar } from './status-bar';

/** Client id; also the prefix of the `plue.trace.server` setting. */
const CLIENT_ID = 'plue';
const CLIENT_NAME = 'Plue Workflows';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'lsp', 'server.js'));
  // In debug mode the server can be attached to on port 6009 ("Attach to Server" in .vscode/launch.json).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  // The client only hooks listeners onto this watcher and never disposes it, so the extension owns it.
  const watcher = workspace.createFileSystemWatcher('**/.plue/{workflows/**/*.py,prompts/*.prompt.md}');
  context.subscriptions.push(watcher);

  const clientOptions: LanguageClientOptions = {
    // Patterns keep the server away from ordinary Python and Markdown files. The prompt selector names no
    // language, so it matches whichever language VS Code assigns to `.prompt.md` (plue-prompt, markdown, ...).
    documentSelector: [
      { scheme: 'file', language: 'python', pattern: '**/.plue/workflows/**/*.py' },
      { scheme: 'file', pattern: '**/.plue/prompts/*.prompt.md' },
    ],
    synchronize: { fileEvents: watcher, configurationSection: 'plue' },
    initializationOptions: { settings: workspace.getConfiguration('plue') },
    outputChannelName: CLIENT_NAME,
  };

  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = languageClient;

  const preview = new PlanPreview(context, () => client);
  const statusBar = new PlueStatusBar();
  context.subscriptions.push(preview, statusBar);

  const activeWorkflow = (arg?: unknown): Uri | undefined => {
    if (typeof arg === 'string') return Uri.parse(arg);
    if (arg instanceof Uri) return arg;
    const uri = window.activeTextEditor?.document.uri;
    return uri && WORKFLOW_FILE.test(uri.fsPath) ? uri : undefined;
  };

  context.subscriptions.push(
    commands.registerCommand('plue.previewPlan', async (arg?: unknown) => {
      const uri = activeWorkflow(arg);
      if (!uri) {
        void window.showInformationMessage('Plue: open a workflow file (.plue/workflows/*.py) to preview its plan.');
        return;
      }
      await preview.show(uri);
    }),
    commands.registerCommand('plue.showPlanJson', async (arg?: unknown) => {
      const uri = activeWorkflow(arg);
      if (!uri) {
        void window.showInformationMessage('Plue: open a workflow file (.plue/workflows/*.py) to see its plan JSON.');
        return;
      }
      const json = await requestPlanText(languageClient, uri.toString());
      const document = await workspace.openTextDocument({ language: 'json', content: json });
      await window.showTextDocument(document, ViewColumn.Beside, true);
    }),
    commands.registerCommand('plue.restartServer', () => languageClient.restart()),
  );

  languageClient.onNotification(FILE_STATUS, (status: FileStatus) => {
    statusBar.update(status);
    preview.onAnalyzed(status.uri);
  });

  // Python stubs of plue for Pylance (docs/editors.md): written beside the workflows, independent of the server.
  const stubs = new PylanceStubs(context, (line) => languageClient.outputChannel.appendLine(line));
  context.subscriptions.push(stubs);
  void stubs.start();

  // Starting also launches the server.
  await languageClient.start();
}

export function deactivate(): Thenable<void> | undefined {
  if (!client) return undefined;
  const stopping = client.stop();
  client = undefined;
  return stopping;
}
