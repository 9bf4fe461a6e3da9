// `plue workflow lint --format sarif`: the run's diagnostics as one SARIF
// 2.1.0 log, for GitHub code scanning and other SARIF viewers. One rule per
// diagnostic code used (sorted by code), one result per diagnostic in
// envelope order; columns count code points, as the envelope's do (the run
// says so with columnKind). No time stamps or absolute paths of the working
// directory: the same inputs give the same bytes.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeAnchor, codeInfo, type DiagnosticCode } from '../diag/diagnostic-codes';
import type { EnvelopePosition, LintedDiagnostic } from './linted-diagnostic';

/** The SARIF 2.1.0 schema the log names (the OASIS TC's copy). */
export const SARIF_SCHEMA_URI = 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json';

// No informationUri or helpUri: the project has no published address to point
// at, so each rule's help names the section of docs/diagnostic-codes.md instead.

/** The base id relative artifact URIs resolve against: the directory plue ran in (a checkout's root in CI). */
export const SOURCE_ROOT_BASE_ID = '%SRCROOT%';

interface SarifMessage {
  readonly text: string;
}

interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly help: SarifMessage;
  readonly defaultConfiguration: { readonly level: 'error' };
}

interface SarifArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

interface SarifRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: 'error';
  readonly message: SarifMessage;
  readonly locations: readonly { readonly physicalLocation: { readonly artifactLocation: SarifArtifactLocation; readonly region: SarifRegion } }[];
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: { readonly driver: { readonly name: string; readonly version: string; readonly rules: readonly SarifRule[] } };
    readonly columnKind: 'unicodeCodePoints';
    readonly results: readonly SarifResult[];
  }[];
}

export interface SarifOptions {
  /** plue's version (package.json). */
  readonly version: string;
  /** The directory artifact URIs are relative to. */
  readonly cwd: string;
}

/** The SARIF log of `diagnostics`. */
export function sarifLog(diagnostics: readonly LintedDiagnostic[], options: SarifOptions): SarifLog {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map<DiagnosticCode, number>(codes.map((code, i) => [code, i]));
  const rules = codes.map((code): SarifRule => {
    const info = codeInfo(code);
    return {
      id: code,
      name: info.name,
      shortDescription: { text: info.summary },
      help: { text: `See docs/diagnostic-codes.md#${codeAnchor(code)}` },
      defaultConfiguration: { level: 'error' },
    };
  });
  const results = diagnostics.map(
    ({ diagnostic: d, code, end }): SarifResult => ({
      ruleId: code,
      ruleIndex: ruleIndex.get(code) as number,
      level: 'error',
      message: { text: `${d.kind}: ${d.message}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(d.file, options.cwd), region: region(d, end) } }],
    }),
  );
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'plue', version: options.version, rules } },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
}

/** The log as plue prints it: two-space indented JSON and a final newline. */
export function formatSarif(log: SarifLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

function region(start: EnvelopePosition, end: EnvelopePosition | null): SarifRegion {
  const from = { startLine: start.line, startColumn: start.column };
  return end ? { ...from, endLine: end.line, endColumn: end.column } : from;
}

/**
 * A file's location: below `cwd`, a relative URI (forward slashes, each
 * segment percent-encoded) against %SRCROOT%; elsewhere, an absolute file: URI.
 */
export function artifactLocation(file: string, cwd: string): SarifArtifactLocation {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT_BASE_ID };
}
