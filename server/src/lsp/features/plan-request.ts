// The custom request `plue/plan` ({textDocument: {uri}, event?, format?}):
// the envelope for one document, exactly as `plue workflow plan --json PATH`
// prints it for that file and event (PATH relative to the workspace folder).
// The result is that JSON parsed, or with format "text" the bytes themselves.
// Also the `plue/fileStatus` notification the client's status bar shows.

import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { formatEnvelope } from '../../engine';
import type { PlanJson } from '../../plan/json';
import type { DocumentResult } from '../analysis/protocol';
import type { AnalyzedFile, Session } from '../session';

export const PLAN_REQUEST = 'plue/plan';
export const FILE_STATUS = 'plue/fileStatus';

export interface PlanParams {
  readonly textDocument: { readonly uri: string };
  /** An event preset ('push', 'pull_request', ...) or a JSON file relative to the workspace folder; default: the `plue.event` setting. */
  readonly event?: string;
  /** 'json' (default): the envelope as an object; 'text': the CLI's bytes as a string. */
  readonly format?: 'json' | 'text';
}

export interface FileStatus {
  readonly uri: string;
  readonly version: number | null;
  readonly workflows: number;
  readonly tools: number;
  readonly steps: number;
  readonly errors: number;
  readonly elapsedMs: number;
  /** The plans were not evaluated again: the program (comments aside) and the event, prompts and limits were unchanged. */
  readonly reused: boolean;
}

export async function planResult(session: Session, params: PlanParams): Promise<unknown> {
  const uri = params.textDocument?.uri;
  if (typeof uri !== 'string' || !session.isWorkflow(uri)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `not a Plue workflow file (.plue/workflows/**/*.py): ${String(uri)}`);
  }
  const event = typeof params.event === 'string' && params.event ? params.event : session.settings.event;
  let json: string | null = null;
  if (event === session.settings.event) {
    await session.settled(uri);
    const file = session.analysis(uri);
    const version = session.openVersion(uri);
    if (file && file.event === event && file.result.contentHash && (version === undefined || version === file.version)) json = envelopeJson(file.result);
  }
  if (json === null) {
    const outcome = await session.plan(uri, event);
    if ('superseded' in outcome) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'a newer plan request for this document superseded this one');
    // a document neither open nor readable on disk is the request's fault, not the server's
    if ('failed' in outcome) throw new ResponseError(outcome.failed.startsWith('cannot read ') ? ErrorCodes.InvalidParams : ErrorCodes.InternalError, outcome.failed);
    json = envelopeJson(outcome.result);
  }
  return params.format === 'text' ? json : (JSON.parse(json) as unknown);
}

const envelopes = new WeakMap<DocumentResult, string>();

/** The envelope exactly as `plue workflow plan --json PATH` prints it, written once per result. */
function envelopeJson(result: DocumentResult): string {
  let json = envelopes.get(result);
  if (json === undefined) {
    const file = { path: result.path, content_hash: result.contentHash, workflows: result.workflows, tools: result.tools };
    json = formatEnvelope({ files: [file], diagnostics: [...result.envelopeDiagnostics] });
    envelopes.set(result, json);
  }
  return json;
}

function stepCount(plans: readonly PlanJson[]): number {
  let n = 0;
  for (const plan of plans) {
    const steps = plan instanceof Map ? plan.get('steps') : undefined;
    if (Array.isArray(steps)) n += steps.length;
  }
  return n;
}

export function fileStatus(file: AnalyzedFile): FileStatus {
  return {
    uri: file.uri,
    version: file.version,
    workflows: file.result.workflows.length,
    tools: file.result.tools.length,
    steps: stepCount(file.result.workflows) + stepCount(file.result.tools),
    errors: file.result.diagnostics.length,
    elapsedMs: Math.round(file.result.elapsedMs * 10) / 10,
    reused: file.result.evaluationReused,
  };
}
