// Shared test helpers: one analyzer per test process, and a one-call way to
// analyse a source string as a workflow file.

import type { AnalyzeOptions, Analyzer, EnvelopeDiagnostic, FileAnalysis } from '../../server/out/engine';
import { createAnalyzer } from '../../server/out/engine';

let analyzer: Promise<Analyzer> | null = null;

export function sharedAnalyzer(): Promise<Analyzer> {
  analyzer ??= createAnalyzer();
  return analyzer;
}

/** Analyses `source` as the workflow file `path`; returns the file's analysis and its envelope diagnostic (or null). */
export async function analyzeSource(
  source: string | Uint8Array,
  options: AnalyzeOptions = {},
  path = '.plue/workflows/case.py',
): Promise<{ file: FileAnalysis; first: EnvelopeDiagnostic | null }> {
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
  const { envelope, files } = (await sharedAnalyzer()).analyze([{ path, bytes }], options);
  return { file: files[0], first: envelope.diagnostics[0] ?? null };
}

/** Short form for table tests: `Kind@line:column` of the reported diagnostic, or 'ok'. */
export async function summarize(source: string | Uint8Array, options: AnalyzeOptions = {}): Promise<string> {
  const { first } = await analyzeSource(source, options);
  return first ? `${first.kind}@${first.line}:${first.column}` : 'ok';
}
