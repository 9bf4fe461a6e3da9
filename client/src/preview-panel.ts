// The plan preview: one webview panel beside the editor that draws the
// workflows of the active workflow file as DAGs (client/webview/preview.ts
// does the drawing). It follows the active workflow editor, re-plans when the
// server reports a new analysis of that file, and answers the page's
// messages: pick the event, copy the JSON, reveal a workflow.

import * as path from 'node:path';
import { env, Range, Selection, Uri, ViewColumn, window, workspace, type Disposable, type ExtensionContext, type WebviewPanel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requestPlanText } from './plan-client';
import { newNonce, previewHtml, PREVIEW_SCRIPTS, PREVIEW_STYLE } from './preview-html';
import { isWebviewToExtensionMessage, type Envelope, type ExtensionToWebviewMessage } from './preview-protocol';

const PRESET_EVENTS = ['push', 'pull_request', 'issue_comment', 'manual', 'schedule'];
export const WORKFLOW_FILE = /[\\/]\.plue[\\/]workflows[\\/].*\.py$/;

export class PlanPreview implements Disposable {
  private panel: WebviewPanel | null = null;
  private uri: Uri | null = null;
  private event: string | null = null;
  private eventFiles: string[] = [];
  private lastJson = '';
  private generation = 0;
  private readonly disposables: Disposable[] = [];

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
  ) {
    this.disposables.push(
      window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && WORKFLOW_FILE.test(editor.document.uri.fsPath) && editor.document.uri.toString() !== this.uri?.toString()) {
          this.uri = editor.document.uri;
          void this.refresh();
        }
      }),
    );
  }

  /** Opens (or reveals) the preview for a workflow file. */
  async show(uri: Uri): Promise<void> {
    this.uri = uri;
    if (!this.panel) {
      const media = Uri.joinPath(this.context.extensionUri, 'client', 'media');
      this.panel = window.createWebviewPanel('plue.planPreview', 'Plan Preview', { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [media],
      });
      const webview = this.panel.webview;
      webview.html = previewHtml({
        scriptUris: PREVIEW_SCRIPTS.map((f) => webview.asWebviewUri(Uri.joinPath(media, f)).toString()),
        styleUri: webview.asWebviewUri(Uri.joinPath(media, PREVIEW_STYLE)).toString(),
        cspSource: webview.cspSource,
        nonce: newNonce(),
        title: 'Plan Preview',
      });
      webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m), null, this.disposables);
      this.panel.onDidDispose(() => {
        this.panel = null;
      }, null, this.disposables);
      this.eventFiles = (await workspace.findFiles('**/{event,events/*,.plue/events/*}.json', '**/node_modules/**', 50)).map((u) => workspace.asRelativePath(u, false)).sort();
    } else {
      this.panel.reveal(ViewColumn.Beside, true);
    }
    await this.refresh();
  }

  /** The server analysed a document: re-plan if it is the one shown. */
  onAnalyzed(uri: string): void {
    if (this.panel && this.uri?.toString() === uri) void this.refresh();
  }

  private currentEvent(): string {
    return this.event ?? workspace.getConfiguration('plue').get<string>('event', 'push');
  }

  private async refresh(): Promise<void> {
    const client = this.client();
    const panel = this.panel;
    const uri = this.uri;
    if (!client || !panel || !uri) return;
    const generation = ++this.generation;
    const event = this.currentEvent();
    panel.title = `Plan: ${path.basename(uri.fsPath)}`;
    let message: ExtensionToWebviewMessage;
    try {
      const json = await requestPlanText(client, uri.toString(), event);
      this.lastJson = json;
      const document = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const events = [...PRESET_EVENTS, ...this.eventFiles.map((f) => `file:${f}`)];
      if (!events.includes(event)) events.push(event);
      message = { type: 'plan', uri: uri.toString(), fileName: path.basename(uri.fsPath), version: document?.version ?? 0, envelope: JSON.parse(json) as Envelope, json, event, events };
    } catch (e) {
      message = { type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    if (generation === this.generation) void panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isWebviewToExtensionMessage(raw)) return;
    switch (raw.type) {
      case 'ready':
        await this.refresh();
        break;
      case 'selectEvent':
        this.event = raw.event;
        await this.refresh();
        break;
      case 'pickEventFile': {
        const picked = await window.showOpenDialog({ canSelectMany: false, filters: { 'Event payload': ['json'] }, openLabel: 'Plan with this event' });
        if (picked?.[0]) {
          const rel = workspace.asRelativePath(picked[0], false);
          if (!this.eventFiles.includes(rel)) this.eventFiles.push(rel);
          this.event = `file:${rel}`;
        }
        await this.refresh();
        break;
      }
      case 'copyJson':
        await env.clipboard.writeText(this.lastJson);
        void window.setStatusBarMessage('Plue: plan JSON copied', 2000);
        break;
      case 'revealWorkflow':
        await this.reveal(raw.name);
        break;
    }
  }

  private async reveal(name: string): Promise<void> {
    if (!this.uri) return;
    const document = await workspace.openTextDocument(this.uri);
    const text = document.getText();
    const at = new RegExp(`^\\s*def\\s+${name.replace(/[^\w]/g, '')}\\s*\\(`, 'm').exec(text);
    const editor = await window.showTextDocument(document, ViewColumn.One);
    if (at) {
      const position = document.positionAt(at.index + at[0].length - at[0].trimStart().length);
      editor.selection = new Selection(position, position);
      editor.revealRange(new Range(position, position));
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
