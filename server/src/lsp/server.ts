// The language server (first cut): incremental text sync into the document
// store and diagnostics published on every change of a workflow file. Hovers,
// completion, the plan request and off-thread evaluation come with issue 4.
// Started by the VS Code client (--node-ipc) or by `plue lsp --stdio`.

import { readFileSync } from 'node:fs';
import {
  createConnection,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { defaultPromptsDir, readPrompts, type LoadedPrompts } from '../cli/inputs';
import type { Diagnostic, SourceRange } from '../diag/diagnostic';
import { Analyzer } from '../engine';
import { DocumentStore } from '../syntax/document-store';
import { createPythonParser } from '../syntax/python-parser';

const WORKFLOW_PATH = /(^|[\\/])\.plue[\\/]workflows[\\/].*\.py$/;

function toLspRange(range: SourceRange): LspDiagnostic['range'] {
  return {
    start: { line: range.start.row, character: range.start.column },
    end: { line: range.end.row, character: range.end.column },
  };
}

function toLsp(diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: toLspRange(diagnostic.range),
    severity: DiagnosticSeverity.Error,
    code: diagnostic.kind,
    source: 'plue',
    message: diagnostic.message,
  };
}

export async function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Promise<void> {
  const parser = await createPythonParser();
  const analyzer = new Analyzer(parser);
  const store = new DocumentStore(parser);
  // Prompt names per prompts directory, read once and dropped when the client reports file changes.
  const promptCache = new Map<string, LoadedPrompts>();
  const promptsFor = (path: string): LoadedPrompts => {
    const dir = defaultPromptsDir([path]);
    let loaded = promptCache.get(dir);
    if (!loaded) {
      loaded = readPrompts(dir);
      promptCache.set(dir, loaded);
    }
    return loaded;
  };

  const publish = (uri: string): void => {
    const document = store.get(uri);
    if (!document) return;
    const path = URI.parse(uri).fsPath;
    try {
      const { prompts } = promptsFor(path);
      const analysis = analyzer.analyzeDocument(path, document, new TextEncoder().encode(document.text), { prompts });
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: analysis.diagnostics.map(toLsp) });
    } catch (e) {
      connection.console.error(`plue: analysis of ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };

  connection.onInitialize(() => ({
    capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
    serverInfo: { name: 'plue', version: readVersion() },
  }));
  connection.onDidChangeWatchedFiles(() => {
    promptCache.clear();
    for (const uri of store.keys()) publish(uri);
  });
  connection.onDidOpenTextDocument(({ textDocument }) => {
    if (!WORKFLOW_PATH.test(URI.parse(textDocument.uri).path)) return;
    store.set(textDocument.uri, textDocument.text, textDocument.version);
    publish(textDocument.uri);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    if (!store.get(textDocument.uri)) return;
    store.update(textDocument.uri, contentChanges.map((c) =>
        'range' in c
          ? {
              range: {
                start: { row: c.range.start.line, column: c.range.start.character },
                end: { row: c.range.end.line, column: c.range.end.character },
              },
              text: c.text,
            }
          : { text: c.text },
      ), textDocument.version);
    publish(textDocument.uri);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    if (!store.get(textDocument.uri)) return;
    store.delete(textDocument.uri);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });
  connection.listen();
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(`${__dirname}/../../../package.json`, 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

if (require.main === module) {
  void startServer();
}
