// `plue workflow lint --format github`: one GitHub Actions workflow command
// per diagnostic (`::error file=...,line=...,col=...,title=...::message`),
// which the Actions runner turns into annotations on the file and line.

import type { LintedDiagnostic } from './linted-diagnostic';

/** GitHub workflow-command escaping of a property value (`property`) or of the message. */
function escapeGithub(text: string, property: boolean): string {
  let out = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

/** The annotation of one diagnostic; its title is the kind and the stable code, e.g. `SyntaxError (PLUE-SYNTAX)`. */
export function githubAnnotation({ diagnostic: d, code }: LintedDiagnostic): string {
  const title = `${d.kind} (${code})`;
  const props = `file=${escapeGithub(d.file, true)},line=${d.line},col=${d.column},title=${escapeGithub(title, true)}`;
  return `::error ${props}::${escapeGithub(d.message, false)}`;
}
