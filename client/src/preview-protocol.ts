// The messages between the plan-preview webview (client/webview/preview.ts,
// compiled to client/media/preview.js) and the extension's WebviewPanel
// controller, and the shape of the plan envelope they carry (runtime spec §7).
//
// No `vscode` import here: the webview build and the tests use these types too.
// The webview imports them as types only (`import('../src/preview-protocol')`),
// so nothing from this file runs inside the webview.

/** Any JSON value, as found in a plan. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A JSON object, as found in a plan (`config`, a trigger, a tool's inputs). */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** `{"type": "push", "branches": [...]}`, `{"type": "schedule", "cron": ...}`, ... */
export interface Trigger extends JsonObject {
  readonly type: string;
}

/** Step types the preview knows by shape and colour; any other string is drawn as a plain step. */
export type KnownStepType = 'shell' | 'llm' | 'agent' | 'action' | 'parallel';

export interface PlanStep {
  /** `step_1`, `step_2`, ... unique within a workflow. */
  readonly id: string;
  readonly name: string;
  /** A `KnownStepType` or any other string (drawn as a plain step). */
  readonly type: string;
  /**
   * shell: `{cmd, env, cache}`; llm/agent: `{prompt_path, inputs, client, tools, max_turns}`;
   * action: `{action, ...arguments}`; parallel: `{step_ids: [...]}` (its members).
   * Strings may hold run-time placeholders `{{ ... }}`.
   */
  readonly config: JsonObject;
  /** Ids of the steps this one waits for (a parallel step id means the whole group). */
  readonly depends_on: readonly string[];
}

export interface WorkflowPlan {
  readonly name: string;
  readonly triggers: readonly Trigger[];
  readonly image: string | null;
  readonly dockerfile: string | null;
  readonly steps: readonly PlanStep[];
}

/** A `@tool` workflow: inputs as JSON Schemas, output schema or null, no triggers. */
export interface ToolPlan {
  readonly name: string;
  readonly inputs: JsonObject;
  readonly output: JsonValue;
  readonly image: string | null;
  readonly dockerfile: string | null;
  readonly steps: readonly PlanStep[];
}

export interface EnvelopeFile {
  readonly path: string;
  readonly content_hash: string;
  readonly workflows: readonly WorkflowPlan[];
  readonly tools: readonly ToolPlan[];
}

export interface EnvelopeDiagnostic {
  /** `SyntaxError`, `PlanError`, ... */
  readonly kind: string;
  readonly message: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** What `plue workflow plan --json` prints and `plue/plan` returns. */
export interface Envelope {
  readonly files: readonly EnvelopeFile[];
  readonly diagnostics: readonly EnvelopeDiagnostic[];
}

// ---------------------------------------------------------------------------
// extension → webview

/** A fresh plan of the previewed document. */
export interface PlanMessage {
  readonly type: 'plan';
  /** The previewed document's URI (string form). */
  readonly uri: string;
  /** Shown in the toolbar, e.g. `ci.py`. */
  readonly fileName: string;
  /** The document version the plan was computed from. */
  readonly version: number;
  readonly envelope: Envelope;
  /** The exact bytes of the CLI's `--json` output for this file and event; shown verbatim. */
  readonly json: string;
  /** The selected event: one of `events`. */
  readonly event: string;
  /**
   * The choices of the event selector: mock event names (`push`, `pull_request`,
   * `issue_comment`, ...) and `file:<relative path>` entries for JSON payloads.
   */
  readonly events: readonly string[];
}

/** Planning failed as a whole (no envelope): shown in the diagnostics list, no DAG. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly message: string;
}

export type ExtensionToWebviewMessage = PlanMessage | ErrorMessage;

// ---------------------------------------------------------------------------
// webview → extension

/** Posted once the page's script has loaded (and restored any saved state). */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** The user picked an entry of the event selector (a value of `PlanMessage.events`). */
export interface SelectEventMessage {
  readonly type: 'selectEvent';
  readonly event: string;
}

/** The user picked "JSON file…" in the event selector: the extension shows a file picker. */
export interface PickEventFileMessage {
  readonly type: 'pickEventFile';
}

/** The Copy JSON button: the extension writes `PlanMessage.json` to the clipboard. */
export interface CopyJsonMessage {
  readonly type: 'copyJson';
}

/** A click on a workflow (or tool) title: the extension reveals its definition. */
export interface RevealWorkflowMessage {
  readonly type: 'revealWorkflow';
  readonly name: string;
}

export type WebviewToExtensionMessage =
  | ReadyMessage
  | SelectEventMessage
  | PickEventFileMessage
  | CopyJsonMessage
  | RevealWorkflowMessage;

/** A guard for the extension side: is `value` a well-formed message from the webview? */
export function isWebviewToExtensionMessage(value: unknown): value is WebviewToExtensionMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; event?: unknown; name?: unknown };
  switch (message.type) {
    case 'ready':
    case 'pickEventFile':
    case 'copyJson':
      return true;
    case 'selectEvent':
      return typeof message.event === 'string';
    case 'revealWorkflow':
      return typeof message.name === 'string';
    default:
      return false;
  }
}
