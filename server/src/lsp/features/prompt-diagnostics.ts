// Diagnostics for `.prompt.md` files: a frontmatter the engine cannot read
// is an error (ValueError, as the CLI reports it on the prompt file); an
// unknown top-level key, a `type` other than llm/agent and a `max_turns`
// that is not a positive integer are warnings (the engine ignores or keeps
// them, so they never count as errors).

import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { suggestName } from '../../check/did-you-mean';
import { FrontmatterError, parseFrontmatter } from '../../plue/prompt-files';
import type { DiagnosticData } from './diagnostics';

/** The frontmatter keys the engine reads (spec §6), plus `description`, which documents a prompt. */
export const PROMPT_KEYS: readonly string[] = ['name', 'description', 'client', 'type', 'inputs', 'output', 'tools', 'max_turns'];

export function promptDiagnostics(text: string): LspDiagnostic[] {
  try {
    parseFrontmatter(text);
  } catch (e) {
    if (!(e instanceof FrontmatterError)) throw e;
    const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
    return [
      {
        range: { start: { line: e.row, character: 0 }, end: { line: e.row, character: firstLine.length } },
        severity: DiagnosticSeverity.Error,
        code: 'ValueError',
        source: 'plue',
        message: e.message,
        data: { kind: 'ValueError' } satisfies DiagnosticData,
      },
    ];
  }
  const out: LspDiagnostic[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let row = 1; row < lines.length && lines[row].trimEnd() !== '---'; row++) {
    const line = lines[row];
    if (!line.trim() || /^[\s-]/.test(line) || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const key = (colon < 0 ? line : line.slice(0, colon)).trim();
    const value = colon < 0 ? '' : line.slice(colon + 1).split(' #', 1)[0].trim();
    const range = { start: { line: row, character: 0 }, end: { line: row, character: key.length } };
    if (!PROMPT_KEYS.includes(key)) {
      const suggestion = suggestName(key, PROMPT_KEYS);
      const data: DiagnosticData = suggestion ? { kind: 'unknown-key', suggestion } : { kind: 'unknown-key' };
      out.push({
        range,
        severity: DiagnosticSeverity.Warning,
        code: 'unknown-key',
        source: 'plue',
        message: `unknown frontmatter key '${key}'${suggestion ? `; did you mean '${suggestion}'?` : ''} (known keys: ${PROMPT_KEYS.join(', ')})`,
        data,
      });
    } else if (key === 'type' && value && value !== 'llm' && value !== 'agent') {
      out.push({ range, severity: DiagnosticSeverity.Warning, code: 'prompt-type', source: 'plue', message: `prompt type '${value}' is neither 'llm' nor 'agent'`, data: { kind: 'prompt-type' } });
    } else if (key === 'max_turns' && value && !/^[1-9]\d*$/.test(value)) {
      out.push({ range, severity: DiagnosticSeverity.Warning, code: 'prompt-max-turns', source: 'plue', message: `max_turns should be a positive integer, got '${value}'`, data: { kind: 'prompt-max-turns' } });
    }
  }
  return out;
}
