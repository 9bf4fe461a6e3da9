// Engine diagnostics as LSP diagnostics: severity Error, code = the kind,
// source `plue`, the exact range (rows and UTF-16 columns, as LSP counts),
// related information (the traceback through user functions, the first
// definition of a duplicate workflow, the prompt whose output lacks a field)
// and a data payload the quick fixes read.

import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver/node';
import type { Diagnostic, SourceRange } from '../../diag/diagnostic';
import type { DefinedPlan } from '../../plue/evaluate-file';
import type { AnalyzedFile } from '../session';
import { pathToUri } from '../workspace';
import { frontmatterKeyRow, importedPrompts, type PromptEntry } from './prompt-lookup';
import { namePattern } from './name-pattern';

/** What a quick fix needs to know about a diagnostic. */
export interface DiagnosticData {
  readonly kind: string;
  /** The replacement a "did you mean" names, for the diagnostic's range. */
  readonly suggestion?: string;
}

const DID_YOU_MEAN = /[Dd]id you mean:? '([^']+)'\?/;

export function toLspRange(range: SourceRange): Range {
  return { start: { line: range.start.row, character: range.start.column }, end: { line: range.end.row, character: range.end.column } };
}

export function internalDiagnostic(message: string, range: SourceRange): Diagnostic {
  return { kind: 'InternalError', message, range };
}

/** A file's own diagnostics, the reported one first. */
export function toLspDiagnostics(file: AnalyzedFile, prompts: ReadonlyMap<string, PromptEntry>): LspDiagnostic[] {
  return file.result.diagnostics.map((d) => {
    const suggestion = DID_YOU_MEAN.exec(d.message)?.[1];
    const data: DiagnosticData = suggestion ? { kind: d.kind, suggestion } : { kind: d.kind };
    const related = [...tracebackRelated(file, d), ...duplicateInFileRelated(file, d), ...promptFieldRelated(file, d, prompts)];
    const lsp: LspDiagnostic = { range: toLspRange(d.range), severity: DiagnosticSeverity.Error, code: d.kind, source: 'plue', message: d.message, data };
    if (related.length > 0) lsp.relatedInformation = related;
    return lsp;
  });
}

/** The PlanError of a workflow name already defined by an earlier file of the same `.plue` directory. */
export function duplicateDiagnostic(file: AnalyzedFile, defined: DefinedPlan, first: AnalyzedFile, firstRow: number): LspDiagnostic {
  const range = lineRange(file.text, defined.row);
  return {
    range,
    severity: DiagnosticSeverity.Error,
    code: 'PlanError',
    source: 'plue',
    message: `workflow '${defined.name}' is defined twice (first at ${first.result.path}:${firstRow + 1})`,
    data: { kind: 'PlanError' } satisfies DiagnosticData,
    relatedInformation: [{ location: { uri: first.uri, range: lineRange(first.text, firstRow) }, message: `'${defined.name}' is first defined here` }],
  };
}

/** The trimmed extent of a row of a text. */
export function lineRange(text: string, row: number): Range {
  const line = text.split(/\r\n|\r|\n/, row + 1)[row] ?? '';
  const start = line.length - line.trimStart().length;
  return { start: { line: row, character: start }, end: { line: row, character: line.trimEnd().length } };
}

function tracebackRelated(file: AnalyzedFile, d: Diagnostic): DiagnosticRelatedInformation[] {
  const frames = d.traceback ?? [];
  if (frames.length < 2) return [];
  // Each frame but the innermost is a call site: "in <module>: calls deploy()".
  return frames.slice(0, -1).map((frame, i) => ({
    location: { uri: file.uri, range: toLspRange(frame.range) },
    message: `in ${frame.name}: calls ${frames[i + 1].name}()`,
  }));
}

const DEFINED_TWICE = /^workflow '([^']+)' is defined twice \(first at [^)]*:(\d+)\)$/;

function duplicateInFileRelated(file: AnalyzedFile, d: Diagnostic): DiagnosticRelatedInformation[] {
  const match = DEFINED_TWICE.exec(d.message);
  if (!match || !match[0].includes(`${file.result.path}:`)) return [];
  const row = Number(match[2]) - 1;
  return [{ location: { uri: file.uri, range: lineRange(file.text, row) }, message: `'${match[1]}' is first defined here` }];
}

/** An output field a prompt step does not have: point at the prompt's `output:` block. */
function promptFieldRelated(file: AnalyzedFile, d: Diagnostic, prompts: ReadonlyMap<string, PromptEntry>): DiagnosticRelatedInformation[] {
  if (d.kind !== 'AttributeError') return [];
  const line = file.text.split(/\r\n|\r|\n/, d.range.start.row + 1)[d.range.start.row] ?? '';
  const before = line.slice(0, d.range.start.column);
  const root = /([A-Za-z_]\w*)(?:\.output)?\.$/.exec(before)?.[1];
  if (!root) return [];
  const assigned = namePattern(root, (n) => `^\\s*${n}\\s*=\\s*([A-Za-z_]\\w*)\\s*\\(`, 'm')?.exec(file.text)?.[1];
  if (!assigned) return [];
  const promptName = importedPrompts(file.text).get(assigned);
  const prompt = promptName === undefined ? undefined : prompts.get(promptName);
  if (!prompt) return [];
  const row = frontmatterKeyRow(prompt.text, 'output');
  return [{ location: { uri: pathToUri(prompt.path), range: lineRange(prompt.text, row) }, message: `the outputs of prompt ${prompt.name} are declared here` }];
}
