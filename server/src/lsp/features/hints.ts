// Hints, never errors (spec §8): a step kept in a variable that nothing
// reads (shown faded, as Python editors show unused variables: the step is
// in the plan all the same), and deprecated spellings (the `readfile` and
// `writefile` tool aliases). Lexical, over the analysed text and its facts.

import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { AnalyzedFile } from '../session';
import type { DiagnosticData } from './diagnostics';
import { namePattern } from './name-pattern';

const DEPRECATED_TOOLS: ReadonlyMap<string, string> = new Map([
  ['readfile', 'read_file'],
  ['writefile', 'write_file'],
]);

export function hints(file: AnalyzedFile): LspDiagnostic[] {
  if (file.result.diagnostics.length > 0) return [];
  return [...unusedStepVariables(file), ...deprecatedSpellings(file.text)];
}

function unusedStepVariables(file: AnalyzedFile): LspDiagnostic[] {
  const lines = file.text.split(/\r\n|\r|\n/);
  const out: LspDiagnostic[] = [];
  const seen = new Set<string>();
  // Names inside plain strings and comments are not uses; f-strings keep theirs.
  const code = file.text.replace(/(?<![fF])("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|#[^\n]*/g, '');
  for (const at of file.result.facts?.observed ?? []) {
    if (!at.values.some((v) => v.kind === 'step')) continue;
    const line = lines[at.loc.row] ?? '';
    const target = /^(\s*)([A-Za-z]\w*)\s*=\s*$/.exec(line.slice(0, at.loc.col));
    if (!target) continue;
    const name = target[2];
    const key = `${at.loc.row}:${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pattern = namePattern(name, (n) => `(?<![\\w.])${n}(?!\\w)`, 'g');
    // A name too long to search for gets no hint (counted as used).
    const uses = pattern ? (code.match(pattern)?.length ?? 0) : 2;
    if (uses > 1) continue;
    const start = target[1].length;
    out.push({
      range: { start: { line: at.loc.row, character: start }, end: { line: at.loc.row, character: start + name.length } },
      severity: DiagnosticSeverity.Hint,
      tags: [DiagnosticTag.Unnecessary],
      code: 'unused-step',
      source: 'plue',
      message: `step '${name}' is never used (it is in the plan all the same; nothing depends on it by name)`,
      data: { kind: 'unused-step' } satisfies DiagnosticData,
    });
  }
  return out;
}

function deprecatedSpellings(text: string): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let row = 0; row < lines.length; row++) {
    if (!/^\s*from\s+plue\.tools\s+import\b/.test(lines[row])) continue;
    for (const [old, current] of DEPRECATED_TOOLS) {
      const match = new RegExp(`\\b${old}\\b`).exec(lines[row]);
      if (!match) continue;
      out.push({
        range: { start: { line: row, character: match.index }, end: { line: row, character: match.index + old.length } },
        severity: DiagnosticSeverity.Hint,
        tags: [DiagnosticTag.Deprecated],
        code: 'deprecated-spelling',
        source: 'plue',
        message: `'${old}' is an old spelling of '${current}'`,
        data: { kind: 'deprecated-spelling', suggestion: current } satisfies DiagnosticData,
      });
    }
  }
  return out;
}
