// The one entry every door uses (CLI, language server, plan preview):
// analyze(files, event, prompts, limits) -> envelope. Runs the pipeline of
// spec §1 per file: decode, parse, syntax checks, nesting limit, static
// policy (evaluation and plans come with the evaluator).

import { createHash } from 'node:crypto';
import type { Parser } from 'web-tree-sitter';
import { checkPolicy } from './check/policy';
import type { Diagnostic } from './diag/diagnostic';
import type { Limits } from './limits';
import { DEFAULT_LIMITS } from './limits';
import type { PromptFile } from './plue/prompt-files';
import { DocumentStore, type ParsedDocument } from './syntax/document-store';
import { firstSyntaxError } from './syntax/first-syntax-error';
import { createPythonParser } from './syntax/python-parser';
import { decodeSource, LineTable } from './syntax/source-text';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A workflow file to analyse: its path as it should appear in the envelope, and its bytes. */
export interface SourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface AnalyzeOptions {
  /** The event the plans are built for (default: the reference mock push event). */
  readonly event?: JsonValue;
  /** Prompts importable from plue.prompts, by name. */
  readonly prompts?: ReadonlyMap<string, PromptFile>;
  readonly limits?: Partial<Limits>;
}

export interface EnvelopeFile {
  path: string;
  content_hash: string;
  workflows: JsonValue[];
  tools: JsonValue[];
}

export interface EnvelopeDiagnostic {
  kind: string;
  message: string;
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, in code points. */
  column: number;
}

export interface Envelope {
  files: EnvelopeFile[];
  diagnostics: EnvelopeDiagnostic[];
}

/** Everything known about one file after analysis, for the doors that need more than the envelope. */
export interface FileAnalysis {
  readonly path: string;
  readonly contentHash: string;
  /** The decoded text, or null when the bytes are not a valid source. */
  readonly text: string | null;
  readonly lines: LineTable | null;
  /** All diagnostics, first (the reported one) first. */
  readonly diagnostics: Diagnostic[];
}

export interface Analysis {
  readonly envelope: Envelope;
  readonly files: FileAnalysis[];
}

export const MOCK_EVENT: JsonValue = { type: 'push', ref: 'refs/heads/main', sha: 'abc123' };

export class Analyzer {
  private readonly store: DocumentStore;

  constructor(parser: Parser) {
    this.store = new DocumentStore(parser);
  }

  /** Analyses a set of files as one run. */
  analyze(files: readonly SourceFile[], options: AnalyzeOptions = {}): Analysis {
    const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
    const promptNames = new Set(options.prompts?.keys() ?? []);
    const results: FileAnalysis[] = [];
    for (const file of files) {
      results.push(this.analyzeFile(file, limits, promptNames));
    }
    return { envelope: toEnvelope(results), files: results };
  }

  /** Analyses one already-parsed document (the language server's incremental path). */
  analyzeDocument(path: string, document: ParsedDocument, bytes: Uint8Array, options: AnalyzeOptions = {}): FileAnalysis {
    const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
    return this.checkParsed(path, sha256(bytes), document, limits, new Set(options.prompts?.keys() ?? []));
  }

  private analyzeFile(file: SourceFile, limits: Limits, promptNames: ReadonlySet<string>): FileAnalysis {
    const contentHash = sha256(file.bytes);
    const decoded = decodeSource(file.bytes, limits.maxSourceBytes);
    if (decoded.text === null) {
      return { path: file.path, contentHash, text: null, lines: null, diagnostics: decoded.diagnostic ? [decoded.diagnostic] : [] };
    }
    const document = this.store.set(file.path, decoded.text);
    try {
      return this.checkParsed(file.path, contentHash, document, limits, promptNames);
    } finally {
      this.store.delete(file.path);
    }
  }

  private checkParsed(
    path: string,
    contentHash: string,
    document: ParsedDocument,
    limits: Limits,
    promptNames: ReadonlySet<string>,
  ): FileAnalysis {
    const base = { path, contentHash, text: document.text, lines: document.lines };
    const syntax = firstSyntaxError(document.text, document.tree, limits);
    if (syntax) return { ...base, diagnostics: [syntax] };
    return { ...base, diagnostics: checkPolicy(document.tree.rootNode, { promptNames }) };
  }
}

export async function createAnalyzer(): Promise<Analyzer> {
  return new Analyzer(await createPythonParser());
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function toEnvelope(files: readonly FileAnalysis[]): Envelope {
  const envelope: Envelope = { files: [], diagnostics: [] };
  for (const file of files) {
    envelope.files.push({ path: file.path, content_hash: file.contentHash, workflows: [], tools: [] });
    const first = file.diagnostics[0];
    if (first) envelope.diagnostics.push(toEnvelopeDiagnostic(file, first));
  }
  return envelope;
}

export function toEnvelopeDiagnostic(file: FileAnalysis, diagnostic: Diagnostic): EnvelopeDiagnostic {
  const start = diagnostic.range.start;
  return {
    kind: diagnostic.kind,
    message: diagnostic.message,
    file: file.path,
    line: start.row + 1,
    column: file.lines ? file.lines.codePointColumn(start) : start.column + 1,
  };
}

/** The envelope as the CLI prints it: deterministic, two-space indented, one trailing newline. */
export function formatEnvelope(envelope: Envelope): string {
  return `${JSON.stringify(envelope, null, 2)}\n`;
}
