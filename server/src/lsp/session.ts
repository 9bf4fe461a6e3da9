// The server's state and its analysis loop: open workflow documents (kept
// parsed, incrementally, on the main thread for hovers and completion), the
// workflow files of the workspace that are not open, the latest analysis of
// each (computed in the pool, off the message loop), and publishing: each
// file's own diagnostics plus the checks across the files of one `.plue`
// directory (a workflow name defined twice). Prompt files get their own
// frontmatter diagnostics.

import { join } from 'node:path';
import type { Connection, Diagnostic as LspDiagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SourceRange } from '../diag/diagnostic';
import { DEFAULT_LIMITS } from '../limits';
import { readRegularText } from '../regular-file';
import type { Parser } from 'web-tree-sitter';
import { DocumentStore, ParseBudgetExceeded, type ParsedDocument, type TextChange } from '../syntax/document-store';
import { AnalysisPool, type JobOutcome } from './analysis/pool';
import { applyContentChanges } from './content-changes';
import type { AnalyzeInput, DocumentResult } from './analysis/protocol';
import { WARM_UP_WORKFLOW } from './analysis/warm-up';
import { toLspDiagnostics, duplicateDiagnostic, internalDiagnostic } from './features/diagnostics';
import { hints } from './features/hints';
import { promptDiagnostics } from './features/prompt-diagnostics';
import { promptEntries, type PromptEntry } from './features/prompt-lookup';
import { DEFAULT_SETTINGS, resolveEvent, type PlueSettings } from './settings';
import { isPromptPath, isWorkflowPath, pathToUri, plueDirOf, uriToPath, Workspace } from './workspace';

/** The longest the main thread parses a document for hovers and completion; a slower document goes without them. */
const MAIN_THREAD_PARSE_BUDGET_MS = 40;
/** The budget grows with the text (1 ms per 2 kB: a 16 kB workflow gets 48 ms), up to this cap. */
const MAIN_THREAD_PARSE_BUDGET_CAP_MS = 50;

function parseBudgetMs(textLength: number): number {
  return Math.min(MAIN_THREAD_PARSE_BUDGET_CAP_MS, MAIN_THREAD_PARSE_BUDGET_MS + textLength / 2000);
}

/** How often a document that blew the budget is tried again while it is edited. */
const REPARSE_INTERVAL_MS = 2000;

/** The latest analysis of a workflow file, with the text it was made from. */
export interface AnalyzedFile {
  readonly uri: string;
  readonly fsPath: string;
  readonly text: string;
  /** The document version analysed (null for a file read from disk). */
  readonly version: number | null;
  /** The event setting the file was planned for. */
  readonly event: string;
  readonly result: DocumentResult;
}

/** Listeners the protocol layer attaches (the status bar and preview are refreshed from these). */
export interface SessionEvents {
  onAnalyzed?: (file: AnalyzedFile) => void;
}

export class Session {
  readonly workspace = new Workspace();
  private readonly documents: DocumentStore;
  settings: PlueSettings = DEFAULT_SETTINGS;
  private readonly pool: AnalysisPool;
  /** Workflow files of the workspace that are not open: uri -> text read from disk. */
  private readonly closedFiles = new Map<string, string>();
  private readonly analyzed = new Map<string, AnalyzedFile>();
  /** What was last published per uri, to republish only what changed. */
  private readonly published = new Map<string, string>();
  /** Resolves when a uri's pending analysis settles (tests and plan requests wait on it). */
  private readonly settling = new Map<string, Promise<void>>();
  /** Open prompt documents (not parsed: their frontmatter is read from the text). */
  private readonly promptDocuments = new Map<string, TextDocument>();
  /** Open workflow documents: the text and version the editor has (the parsed copy may be missing, see document()). */
  private readonly openWorkflows = new Map<string, TextDocument>();
  /** When an open document last failed to parse within the main thread's budget. */
  private readonly treelessSince = new Map<string, number>();
  readonly events: SessionEvents = {};

  constructor(
    parser: Parser,
    private readonly connection: Connection,
    poolSize: number,
  ) {
    this.documents = new DocumentStore(parser, parseBudgetMs);
    for (let i = 0; i < 3; i++) {
      try {
        // The workers' warm-up workflow, parsed here too: the first real document does not pay for compiling the parser's hot paths.
        this.documents.set('plue-warm-up', WARM_UP_WORKFLOW.repeat(3));
      } catch {
        // A slow machine: the warm-up still did its work.
      }
    }
    this.documents.delete('plue-warm-up');
    this.pool = new AnalysisPool({ size: poolSize, deadlineMs: () => this.deadlineMs(), log: (m) => connection.console.warn(m) });
  }

  dispose(): void {
    this.pool.dispose();
  }

  private deadlineMs(): number {
    return (this.settings.limits.maxEvalMillis ?? DEFAULT_LIMITS.maxEvalMillis) + 5000;
  }

  // ------------------------------------------------------------ documents

  isWorkflow(uri: string): boolean {
    return uri.startsWith('file:') && isWorkflowPath(uriToPath(uri));
  }

  isPrompt(uri: string): boolean {
    return uri.startsWith('file:') && isPromptPath(uriToPath(uri));
  }

  open(uri: string, text: string, version: number): void {
    if (this.isWorkflow(uri)) {
      this.openWorkflows.set(uri, TextDocument.create(uri, 'python', version, text));
      // As for edits: the worker starts first, this thread's parse for hovers runs meanwhile.
      this.analyze(uri, 'foreground');
      this.parseWhole(uri);
    } else if (this.isPrompt(uri)) {
      this.promptDocuments.set(uri, TextDocument.create(uri, 'plue-prompt', version, text));
      this.workspace.setOpenPrompt(uriToPath(uri), text);
      this.promptsChanged(uri);
    }
  }

  change(uri: string, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const workflow = this.openWorkflows.get(uri);
    const open = workflow ?? this.promptDocuments.get(uri);
    if (!open) return;
    const parsedVersion = workflow ? this.documents.get(uri)?.version : undefined;
    const previousVersion = open.version;
    // Ranges clamped to the text (a range past the end cannot corrupt the line table), the same changes for the parsed copy.
    const applied = applyContentChanges(open, changes, version);
    if (!applied) {
      this.connection.console.warn(`plue: ignored a malformed change of ${uri} (version ${String(version)})`);
      return;
    }
    if (workflow) {
      this.openWorkflows.set(uri, applied.document);
      // The worker starts on the new text first; this thread's own parse (for hovers) runs meanwhile.
      this.analyze(uri, 'foreground');
      if (parsedVersion !== undefined && parsedVersion === previousVersion) {
        try {
          this.documents.update(uri, applied.changes.map(toTextChange), version);
        } catch (e) {
          this.documents.delete(uri);
          if (!(e instanceof ParseBudgetExceeded)) throw e;
          this.treelessSince.set(uri, performance.now());
        }
      } else if (performance.now() - (this.treelessSince.get(uri) ?? 0) > REPARSE_INTERVAL_MS) {
        this.parseWhole(uri);
      }
      return;
    }
    this.promptDocuments.set(uri, applied.document);
    this.workspace.setOpenPrompt(uriToPath(uri), applied.document.getText());
    this.promptsChanged(uri);
  }

  close(uri: string): void {
    if (this.openWorkflows.has(uri)) {
      this.openWorkflows.delete(uri);
      this.treelessSince.delete(uri);
      this.documents.delete(uri);
      this.pool.forget(`diagnostics:${uri}`);
      // A closed workflow file stays part of the workspace while it exists on disk.
      if (this.readClosed(uri)) this.analyze(uri, 'background');
      else this.forget(uri);
    } else if (this.isPrompt(uri)) {
      this.promptDocuments.delete(uri);
      this.workspace.setOpenPrompt(uriToPath(uri), null);
      this.promptsChanged(uri);
    }
  }

  /** The parsed document for editor features: absent when it is not open, or too slow to parse on this thread. */
  document(uri: string): ParsedDocument | undefined {
    // A document that blew the budget is tried again when a feature asks for it, at most every REPARSE_INTERVAL_MS.
    if (this.treelessSince.has(uri) && performance.now() - (this.treelessSince.get(uri) ?? 0) > REPARSE_INTERVAL_MS) this.parseWhole(uri);
    const doc = this.documents.get(uri);
    return doc && doc.version === this.openWorkflows.get(uri)?.version ? doc : undefined;
  }

  /** The current version of an open workflow document. */
  openVersion(uri: string): number | undefined {
    return this.openWorkflows.get(uri)?.version;
  }

  private parseWhole(uri: string): void {
    const doc = this.openWorkflows.get(uri);
    if (!doc) return;
    try {
      this.documents.set(uri, doc.getText(), doc.version);
      this.treelessSince.delete(uri);
    } catch (e) {
      if (!(e instanceof ParseBudgetExceeded)) throw e;
      this.treelessSince.set(uri, performance.now());
      this.connection.console.info(`plue: ${uriToPath(uri)} takes more than ${Math.round(parseBudgetMs(doc.getText().length))} ms to parse; hovers and completion are off for it (diagnostics still come)`);
    }
  }

  analysis(uri: string): AnalyzedFile | undefined {
    return this.analyzed.get(uri);
  }

  /** Every analysed workflow file, in byte order of path. */
  allAnalyzed(): AnalyzedFile[] {
    return [...this.analyzed.values()].sort((a, b) => Buffer.compare(Buffer.from(a.fsPath), Buffer.from(b.fsPath)));
  }

  /** Waits until the analysis of `uri` that is pending now has settled. */
  async settled(uri: string): Promise<void> {
    for (let i = 0; i < 8; i++) {
      const pending = this.settling.get(uri);
      if (!pending) return;
      await pending;
    }
  }

  // ------------------------------------------------------------ workspace

  /** Reads every workflow file of the folders that is not open and analyses it in the background. */
  scanWorkspace(): void {
    const workflows = this.workspace.scanWorkflows();
    // The prompt files beside the workflows get their frontmatter checked, as the CLI reports them.
    const promptDirs = new Set(workflows.map((path) => this.workspace.promptsDirOf(path).abs));
    for (const dir of promptDirs) {
      for (const [name, text] of this.workspace.promptFiles(dir)) {
        const uri = pathToUri(join(dir, name));
        if (!this.promptDocuments.has(uri)) this.publishRaw(uri, promptDiagnostics(text));
      }
    }
    for (const path of workflows) {
      const uri = pathToUri(path);
      if (this.openWorkflows.has(uri) || this.closedFiles.has(uri)) continue;
      if (this.readClosed(uri)) this.analyze(uri, 'background');
    }
  }

  /** A watched file was created, changed or deleted on disk. */
  fileChanged(uri: string, deleted: boolean): void {
    if (this.isPrompt(uri)) {
      this.workspace.invalidatePrompts();
      this.promptsChanged(uri);
      return;
    }
    if (!this.isWorkflow(uri) || this.openWorkflows.has(uri)) return;
    if (deleted) {
      this.closedFiles.delete(uri);
      this.forget(uri);
    } else if (this.readClosed(uri)) {
      this.analyze(uri, 'background');
    }
  }

  /** Settings or the event changed: everything is planned again. */
  reanalyzeAll(): void {
    for (const uri of this.openWorkflows.keys()) this.analyze(uri, 'foreground');
    for (const uri of this.closedFiles.keys()) this.analyze(uri, 'background');
  }

  private readClosed(uri: string): boolean {
    try {
      // only regular files, and not far over the source limit (a FIFO or /dev/zero named *.py would block or fill memory)
      const text = readRegularText(uriToPath(uri), (this.settings.limits.maxSourceBytes ?? DEFAULT_LIMITS.maxSourceBytes) * 4);
      if (text === null) throw new Error('unreadable');
      this.closedFiles.set(uri, text);
      return true;
    } catch {
      this.closedFiles.delete(uri);
      return false;
    }
  }

  private forget(uri: string): void {
    const file = this.analyzed.get(uri);
    this.analyzed.delete(uri);
    this.closedFiles.delete(uri);
    this.publishRaw(uri, []);
    if (file) this.publishGroup(file.fsPath);
  }

  // ------------------------------------------------------------ analysis

  /** The input the CLI would see for this file: its text, event, prompts and limits. */
  inputFor(uri: string, text: string, eventSetting = this.settings.event): AnalyzeInput {
    const fsPath = uriToPath(uri);
    const prompts = this.workspace.promptsDirOf(fsPath);
    const { event, error } = resolveEvent(eventSetting, this.workspace.rootOf(fsPath));
    if (error) this.connection.console.warn(`plue: ${error}; planning with the reference push event`);
    return {
      path: this.workspace.envelopePath(fsPath),
      text,
      event,
      promptFiles: this.workspace.promptFiles(prompts.abs),
      promptsDir: prompts.shown,
      limits: this.settings.limits,
    };
  }

  /** Runs an analysis outside the diagnostics loop (the plan request with another event). */
  plan(uri: string, eventSetting: string): Promise<JobOutcome> {
    const text = this.openWorkflows.get(uri)?.getText() ?? this.closedFiles.get(uri) ?? readText(uriToPath(uri));
    if (text === null) return Promise.resolve({ failed: `cannot read ${uriToPath(uri)}` });
    return this.pool.submit(`plan:${eventSetting}:${uri}`, this.inputFor(uri, text, eventSetting));
  }

  private analyze(uri: string, priority: 'foreground' | 'background'): void {
    const doc = this.openWorkflows.get(uri);
    const text = doc?.getText() ?? this.closedFiles.get(uri);
    if (text === undefined) return;
    const version = doc ? doc.version : null;
    const event = this.settings.event;
    const input = this.inputFor(uri, text, event);
    // Open documents stay parsed in their worker; the last result's plans need not come back when the program is unchanged.
    const held = this.analyzed.get(uri)?.result ?? null;
    const run = this.pool.submit(`diagnostics:${uri}`, input, { priority, keep: doc !== undefined, held }).then((outcome) => {
      if ('superseded' in outcome) return;
      const result = 'result' in outcome ? outcome.result : failedResult(input.path, outcome.failed);
      // A stale answer (the document moved on or closed meanwhile) is dropped; the newer job publishes.
      const current = this.openWorkflows.get(uri);
      if (current ? current.version !== version : !this.closedFiles.has(uri)) return;
      const file: AnalyzedFile = { uri, fsPath: uriToPath(uri), text, version, event, result };
      this.analyzed.set(uri, file);
      this.publishGroup(file.fsPath);
      this.events.onAnalyzed?.(file);
    });
    const settled = run.finally(() => {
      if (this.settling.get(uri) === settled) this.settling.delete(uri);
    });
    this.settling.set(uri, settled);
  }

  /** The prompts a workflow file can import, by name. */
  promptsOf(fsPath: string): Map<string, PromptEntry> {
    const dir = this.workspace.promptsDirOf(fsPath).abs;
    // Read and parsed once per prompt change, not on every publish (publishing runs per keystroke and file).
    const cached = this.promptEntryCache.get(dir);
    if (cached && cached.version === this.workspace.promptsVersion) return cached.entries;
    const entries = promptEntries(dir, this.workspace.promptFiles(dir));
    this.promptEntryCache.set(dir, { version: this.workspace.promptsVersion, entries });
    return entries;
  }

  private readonly promptEntryCache = new Map<string, { version: number; entries: Map<string, PromptEntry> }>();

  // ------------------------------------------------------------ publishing

  /** Publishes every analysed file of the `.plue` directory `fsPath` belongs to. */
  private publishGroup(fsPath: string): void {
    const group = plueDirOf(fsPath);
    const files = this.allAnalyzed().filter((f) => plueDirOf(f.fsPath) === group);
    const firstDefinition = new Map<string, { file: AnalyzedFile; row: number }>();
    for (const file of files) {
      const lsp = [...toLspDiagnostics(file, this.promptsOf(file.fsPath)), ...hints(file)];
      if (file.result.diagnostics.length === 0) {
        for (const d of file.result.defined) {
          if (d.kind !== 'workflow') continue;
          const first = firstDefinition.get(d.name);
          if (!first) {
            firstDefinition.set(d.name, { file, row: d.row });
            continue;
          }
          lsp.push(duplicateDiagnostic(file, d, first.file, first.row));
        }
      }
      this.publishRaw(file.uri, lsp, file.version ?? undefined);
    }
  }

  private promptsChanged(uri: string): void {
    const path = uriToPath(uri);
    const dir = plueDirOf(path);
    if (this.isPrompt(uri)) {
      const open = this.promptDocuments.get(uri);
      const text = open?.getText() ?? readText(path);
      this.publishRaw(uri, text === null ? [] : promptDiagnostics(text), open?.version);
    }
    // Workflows of the same .plue directory import these prompts: plan them again.
    for (const doc of this.openWorkflows.keys()) if (plueDirOf(uriToPath(doc)) === dir) this.analyze(doc, 'foreground');
    for (const closed of this.closedFiles.keys()) if (plueDirOf(uriToPath(closed)) === dir) this.analyze(closed, 'background');
  }

  /** Sends a file's diagnostics unless the same list was last sent for the same version. */
  private publishRaw(uri: string, diagnostics: LspDiagnostic[], version?: number): void {
    const key = `${version ?? ''}:${JSON.stringify(diagnostics)}`;
    if (this.published.get(uri) === key) return;
    this.published.set(uri, key);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}

function readText(path: string): string | null {
  return readRegularText(path, DEFAULT_LIMITS.maxSourceBytes * 4);
}

/** A result standing for an analysis that failed or overran: one diagnostic on line 1, no plans. */
function failedResult(path: string, message: string): DocumentResult {
  const range: SourceRange = { start: { row: 0, column: 0 }, end: { row: 0, column: 0 } };
  return {
    path,
    diagnostics: [internalDiagnostic(message, range)],
    contentHash: '',
    envelopeDiagnostics: [],
    evaluationId: null,
    evaluationReused: false,
    workflows: [],
    tools: [],
    defined: [],
    facts: null,
    prints: [],
    elapsedMs: 0,
  };
}

/** An LSP content change in the document store's terms (same units: rows and UTF-16 columns). */
function toTextChange(change: TextDocumentContentChangeEvent): TextChange {
  if (!('range' in change)) return { text: change.text };
  const { start, end } = change.range;
  return { range: { start: { row: start.line, column: start.character }, end: { row: end.line, column: end.character } }, text: change.text };
}
