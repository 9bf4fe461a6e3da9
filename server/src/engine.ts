// The one entry every door uses (CLI, language server, plan preview):
// analyze(files, event, prompts, limits) -> envelope. Runs the pipeline of
// spec §1 per file: decode, parse, syntax checks, nesting limit, static
// policy, evaluation into plans; then the checks across the files of one run
// (a workflow name defined twice).

import { createHash } from 'node:crypto';
import type { Parser } from 'web-tree-sitter';
import { checkPolicy } from './check/policy';
import type { PrintedLine } from './eval/interpreter';
import { planObject, writeJson, type PlanJson } from './plan/json';
import type { Module } from './eval/ast';
import type { SyntaxNode, SyntaxTree } from './syntax/syntax-tree';
import { sameProgram } from './eval/same-program';
import { lowerFile, runProgram, type DefinedPlan, type FileEvaluation } from './plue/evaluate-file';
import type { EvaluationFacts } from './plue/evaluation-facts';
import type { Diagnostic } from './diag/diagnostic';
import type { Limits } from './limits';
import { DEFAULT_LIMITS } from './limits';
import type { PromptFile, PromptProblem } from './plue/prompt-files';
import { DocumentStore, type ParsedDocument } from './syntax/document-store';
import { firstSyntaxError, scanBeforeParse } from './syntax/first-syntax-error';
import { createPythonParser } from './syntax/python-parser';
import { decodeSource, LineTable } from './syntax/source-text';


/** A workflow file to analyse: its path as it should appear in the envelope, and its bytes. */
export interface SourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface AnalyzeOptions {
  /** The event the plans are built for (default: the reference mock push event). */
  readonly event?: PlanJson;
  /** Prompts importable from plue.prompts, by name. */
  readonly prompts?: ReadonlyMap<string, PromptFile>;
  readonly limits?: Partial<Limits>;
  /** Prompt files whose frontmatter could not be read: reported as diagnostics on those files. */
  readonly promptProblems?: readonly PromptProblem[];
  /** Polled during evaluation: true withdraws it (EvaluationCancelled is thrown out of analyze). */
  readonly cancelled?: () => boolean;
  /** Collect the language server's hover facts for each file. */
  readonly collectFacts?: boolean;
  /**
   * The last evaluation of this document (analyzeDocument only): reused when
   * the lowered program and `memo.key` (everything else the evaluation reads:
   * event, prompts, limits) are unchanged, and replaced otherwise.
   */
  readonly memo?: EvaluationMemoSlot;
}

/** One document's last evaluation, kept by the caller between analyses. */
export interface EvaluationMemo {
  /** Distinguishes evaluations: a reused one keeps its id. */
  readonly id: number;
  readonly key: string;
  readonly program: Module;
  readonly evaluation: FileEvaluation;
  /** The top-level statements of the tree it came from, and where each started. */
  readonly statements: readonly PlacedStatement[];
}

/** A top-level statement node of a tree copy and the point it started at when recorded. */
interface PlacedStatement {
  readonly node: SyntaxNode;
  readonly row: number;
  readonly column: number;
}

export interface EvaluationMemoSlot {
  /** The inputs besides the program, as one string. */
  readonly key: string;
  current: EvaluationMemo | null;
}

let nextEvaluationId = 1;

export interface EnvelopeFile {
  path: string;
  content_hash: string;
  workflows: readonly PlanJson[];
  tools: readonly PlanJson[];
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
  /** The file's plans: empty when it has any error. */
  readonly workflows: readonly PlanJson[];
  readonly tools: readonly PlanJson[];
  /** The workflows and tools it defined (names and rows), in registration order. */
  readonly defined: readonly DefinedPlan[];
  /** What print() wrote, with the row of each call. */
  readonly prints: readonly PrintedLine[];
  /** Hover facts, when collectFacts was set and the file was evaluated. */
  readonly facts: EvaluationFacts | null;
  /** With a memo: the id of the evaluation these plans come from, and whether it was reused rather than run. */
  readonly evaluation?: { readonly id: number; readonly reused: boolean };
}

export interface Analysis {
  readonly envelope: Envelope;
  readonly files: FileAnalysis[];
}

/** The reference mock event: a push to main. */
export function mockEvent(): PlanJson {
  return planObject([
    ['type', 'push'],
    ['ref', 'refs/heads/main'],
    ['sha', 'abc123'],
  ]);
}

export class Analyzer {
  private readonly store: DocumentStore;

  constructor(parser: Parser) {
    this.store = new DocumentStore(parser);
  }

  /** Analyses a set of files as one run. */
  analyze(files: readonly SourceFile[], options: AnalyzeOptions = {}): Analysis {
    const run = runOptions(options);
    const results: FileAnalysis[] = [];
    for (const file of files) {
      results.push(this.analyzeFile(file, run));
    }
    const checked = rejectDuplicateNames(results);
    const envelope = toEnvelope(checked);
    for (const problem of options.promptProblems ?? []) envelope.diagnostics.push(promptProblemDiagnostic(problem));
    return { envelope, files: checked };
  }

  /** Analyses one already-parsed document (the language server's incremental path); `lexical` as from scanBeforeParse. */
  analyzeDocument(path: string, document: ParsedDocument, bytes: Uint8Array, options: AnalyzeOptions = {}, lexical?: Diagnostic | null): FileAnalysis {
    return rejectDuplicateNames([this.checkParsed(path, sha256(bytes), document, runOptions(options), lexical)])[0];
  }

  private analyzeFile(file: SourceFile, run: RunOptions): FileAnalysis {
    const contentHash = sha256(file.bytes);
    const decoded = decodeSource(file.bytes, run.limits.maxSourceBytes);
    if (decoded.text === null) {
      return { path: file.path, contentHash, text: null, lines: null, diagnostics: decoded.diagnostic ? [decoded.diagnostic] : [], ...NO_PLANS };
    }
    const scan = scanBeforeParse(decoded.text, run.limits);
    if (scan.decisive && scan.lexical) {
      const lines = new LineTable(decoded.text);
      return { path: file.path, contentHash, text: decoded.text, lines, diagnostics: [scan.lexical], ...NO_PLANS };
    }
    const document = this.store.set(file.path, decoded.text);
    try {
      return this.checkParsed(file.path, contentHash, document, run, scan.lexical);
    } finally {
      this.store.delete(file.path);
    }
  }

  private checkParsed(path: string, contentHash: string, document: ParsedDocument, run: RunOptions, lexical?: Diagnostic | null): FileAnalysis {
    const base = { path, contentHash, text: document.text, lines: document.lines };
    const tree = document.syntaxTree(run.limits.maxNestingDepth + 1);
    const statements = placedStatements(tree);
    const unchanged = sameStatements(run.memo, tree, statements);
    if (unchanged) return { ...base, ...fromEvaluation(unchanged.evaluation), evaluation: { id: unchanged.id, reused: true } };
    const syntax = firstSyntaxError(document.text, tree, run.limits, lexical);
    if (syntax) return { ...base, diagnostics: [syntax], ...NO_PLANS };
    const policy = checkPolicy(tree.rootNode, { promptNames: new Set(run.prompts.keys()) });
    if (policy.length > 0) return { ...base, diagnostics: policy, ...NO_PLANS };
    const lowered = lowerFile(tree.rootNode, document.text);
    if ('diagnostic' in lowered) return { ...base, diagnostics: [lowered.diagnostic], ...NO_PLANS };
    const { result, evaluation } = this.evaluate(lowered.program, run, statements);
    return { ...base, ...fromEvaluation(result), evaluation };
  }

  /** Runs the program, or takes the memo's result when the program and the other inputs are unchanged. */
  private evaluate(program: Module, run: RunOptions, statements: readonly PlacedStatement[]): { result: FileEvaluation; evaluation?: FileAnalysis['evaluation'] } {
    const slot = run.memo;
    const previous = slot?.current;
    if (slot && previous && previous.key === slot.key && sameProgram(previous.program, program)) {
      slot.current = { ...previous, statements };
      return { result: previous.evaluation, evaluation: { id: previous.id, reused: true } };
    }
    const result = runProgram(program, { ...run, now: () => performance.now() });
    if (!slot) return { result };
    const memo: EvaluationMemo = { id: nextEvaluationId++, key: slot.key, program, evaluation: result, statements };
    slot.current = memo;
    return { result, evaluation: { id: memo.id, reused: false } };
  }
}

interface RunOptions {
  readonly limits: Limits;
  readonly event: PlanJson;
  readonly prompts: ReadonlyMap<string, PromptFile>;
  readonly cancelled?: () => boolean;
  readonly collectFacts?: boolean;
  readonly memo?: EvaluationMemoSlot;
}

const NO_PLANS: Pick<FileAnalysis, 'workflows' | 'tools' | 'defined' | 'prints' | 'facts'> = { workflows: [], tools: [], defined: [], prints: [], facts: null };

/** A FileAnalysis's share of an evaluation. */
function fromEvaluation(result: FileEvaluation): Pick<FileAnalysis, 'diagnostics' | 'workflows' | 'tools' | 'defined' | 'prints' | 'facts'> {
  return {
    diagnostics: result.diagnostic ? [result.diagnostic] : [],
    workflows: result.workflows,
    tools: result.tools,
    defined: result.defined,
    prints: result.prints,
    facts: result.facts,
  };
}

/** The tree's top-level statements (comments aside) with their start points. */
function placedStatements(tree: SyntaxTree): PlacedStatement[] {
  const out: PlacedStatement[] = [];
  for (const node of tree.rootNode.children) {
    if (node.type === 'comment') continue;
    const start = node.startPosition;
    out.push({ node, row: start.row, column: start.column });
  }
  return out;
}

/**
 * The memo, when this error-free tree has the very statements of the tree
 * the memo's evaluation came from (nodes an incremental copy took over
 * unchanged), each starting at the same row and column: then only comments
 * and blank space changed, and every check and the evaluation would give
 * the same answer (the memo exists only for a file that passed them all).
 */
function sameStatements(slot: EvaluationMemoSlot | undefined, tree: SyntaxTree, statements: readonly PlacedStatement[]): EvaluationMemo | null {
  const memo = slot?.current;
  if (!slot || !memo || memo.key !== slot.key || tree.hasErrors || tree.truncated || memo.statements.length !== statements.length) return null;
  for (let i = 0; i < statements.length; i++) {
    const a = memo.statements[i];
    const b = statements[i];
    if (a.node !== b.node || a.row !== b.row || a.column !== b.column) return null;
  }
  return memo;
}

function runOptions(options: AnalyzeOptions): RunOptions {
  return {
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    event: options.event ?? mockEvent(),
    prompts: options.prompts ?? new Map(),
    cancelled: options.cancelled,
    collectFacts: options.collectFacts,
    memo: options.memo,
  };
}

/**
 * A workflow name defined twice in one run (in one file or across files) is
 * a PlanError on the later definition, naming the first; that file then
 * contributes no plans, as any error does.
 */
function rejectDuplicateNames(files: readonly FileAnalysis[]): FileAnalysis[] {
  const seen = new Map<string, string>();
  return files.map((file) => {
    if (file.diagnostics.length > 0) return file;
    for (const d of file.defined) {
      if (d.kind !== 'workflow') continue;
      const first = seen.get(d.name);
      if (first !== undefined) {
        const line = file.lines?.lineText(d.row) ?? '';
        const duplicate: Diagnostic = {
          kind: 'PlanError',
          message: `workflow '${d.name}' is defined twice (first at ${first})`,
          range: { start: { row: d.row, column: line.length - line.trimStart().length }, end: { row: d.row, column: line.length } },
        };
        return { ...file, diagnostics: [duplicate], workflows: [], tools: [] };
      }
      seen.set(d.name, `${file.path}:${d.row + 1}`);
    }
    return file;
  });
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
    envelope.files.push({ path: file.path, content_hash: file.contentHash, workflows: file.workflows, tools: file.tools });
    const first = file.diagnostics[0];
    if (first) envelope.diagnostics.push(toEnvelopeDiagnostic(file, first));
  }
  return envelope;
}

/** A prompt file whose frontmatter could not be read, as the envelope reports it (a ValueError at column 1 of its row). */
export function promptProblemDiagnostic(problem: PromptProblem): EnvelopeDiagnostic {
  return { kind: 'ValueError', message: problem.message, file: problem.path, line: problem.row + 1, column: 1 };
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
  const json = planObject([
    ['files', envelope.files.map((f) => planObject([['path', f.path], ['content_hash', f.content_hash], ['workflows', [...f.workflows]], ['tools', [...f.tools]]]))],
    [
      'diagnostics',
      envelope.diagnostics.map((d) => planObject([['kind', d.kind], ['message', d.message], ['file', d.file], ['line', BigInt(d.line)], ['column', BigInt(d.column)]])),
    ],
  ]);
  return `${writeJson(json, 2)}\n`;
}
