// VS Code extension entry point for Plue Workflows.
//
// This file owns only the client side wiring: it starts the Plue language
// server (server/out/lsp/server.js) over Node IPC with vscode-languageclient,
// restricts it to Plue workflow files (.plue/workflows/**/*.py) and prompt
// files (.plue/prompts/*.prompt.md) so ordinary Python files stay with other
// extensions, forwards file events for those files, and registers the
// `plue.restartServer` command. All language features live in the server.

import * as path from 'node:path';
import { commands, workspace, type ExtensionContext } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** Client id; also the prefix of the `plue.trace.server` setting. */
const CLIENT_ID = 'plue';
const CLIENT_NAME = 'Plue Workflows';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'lsp', 'server.js'));

  // In debug mode the server can be attached to on port 6009
  // ("Attach to Server" in .vscode/launch.json).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  // The client only hooks listeners onto this watcher and never disposes it,
  // so the extension owns it.
  const watcher = workspace.createFileSystemWatcher(
    '**/.plue/{workflows/**/*.py,prompts/*.prompt.md}',
  );
  context.subscriptions.push(watcher);

  const clientOptions: LanguageClientOptions = {
    // Patterns keep the server away from ordinary Python and Markdown files.
    // The prompt selector names no language, so it matches whichever language
    // VS Code assigns to `.prompt.md` (plue-prompt, markdown, ...).
    documentSelector: [
      { scheme: 'file', language: 'python', pattern: '**/.plue/workflows/**/*.py' },
      { scheme: 'file', pattern: '**/.plue/prompts/*.prompt.md' },
    ],
    synchronize: { fileEvents: watcher },
  };

  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    commands.registerCommand('plue.restartServer', () => languageClient.restart()),
  );

  // Starting also launches the server.
  await languageClient.start();
}

export function deactivate(): Thenable<void> | undefined {
  if (!client) {
    return undefined;
  }
  const stopping = client.stop();
  client = undefined;
  return stopping;
}
