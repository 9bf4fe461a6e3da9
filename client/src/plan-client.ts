// The extension's side of the server's custom messages: the `plue/plan`
// request (the envelope of a document for an event, as the CLI's bytes) and
// the `plue/fileStatus` notification sent after each analysis of an open
// document. Shared by the preview panel, the status bar and the commands.

import type { LanguageClient } from 'vscode-languageclient/node';

export const PLAN_REQUEST = 'plue/plan';
export const FILE_STATUS = 'plue/fileStatus';

export interface FileStatus {
  readonly uri: string;
  readonly version: number | null;
  readonly workflows: number;
  readonly tools: number;
  readonly steps: number;
  readonly errors: number;
  readonly elapsedMs: number;
}

/** The CLI's `--json` bytes for a document, planned for `event` (a preset name or `file:<path>`; default: the setting). */
export function requestPlanText(client: LanguageClient, uri: string, event?: string): Promise<string> {
  return client.sendRequest<string>(PLAN_REQUEST, { textDocument: { uri }, event, format: 'text' });
}
