// textDocument/codeAction: quick fixes for the diagnostics that carry one —
// replace a name with the one "did you mean" suggests, rewrite
// `"...{}...".format(args)` as an f-string, remove a refused import (or the
// one refused name of a `from ... import a, b`).

import type { Node } from 'web-tree-sitter';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type Range, type TextEdit } from 'vscode-languageserver/node';
import type { Session } from '../session';
import type { DiagnosticData } from './diagnostics';
import { nodeAt } from './syntax-at';

export function codeActions(session: Session, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const doc = session.document(uri);
  if (!doc) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'plue') continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    const node = nodeAt(doc.tree.rootNode, diagnostic.range.start);
    if (data?.suggestion && /^[A-Za-z_]\w*$/.test(data.suggestion)) {
      const range = misspelledRange(doc.tree.rootNode, doc.text, diagnostic);
      if (range) actions.push(fix(`Change to '${data.suggestion}'`, uri, diagnostic, [{ range, newText: data.suggestion }], true));
    }
    if (diagnostic.code === 'SecurityError' && typeof diagnostic.message === 'string' && /^str\.format\(\) is not allowed/.test(diagnostic.message) && node) {
      const edit = formatToFString(node);
      if (edit) actions.push(fix('Convert to an f-string', uri, diagnostic, [edit], true));
    }
    const statement = node ? importStatementOf(node) : null;
    if (statement && (diagnostic.code === 'SecurityError' || diagnostic.code === 'ImportError')) {
      const name = refusedImportName(statement, diagnostic);
      if (name) actions.push(fix(`Remove '${name.node.text}' from the import`, uri, diagnostic, [name.edit], false));
      else actions.push(fix(`Remove '${statement.text.split('\n', 1)[0]}'`, uri, diagnostic, [removeLines(statement)], false));
    }
  }
  return actions;
}

function fix(title: string, uri: string, diagnostic: LspDiagnostic, edits: TextEdit[], preferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [uri]: edits } } };
}

function textOf(text: string, range: Range): string {
  if (range.start.line !== range.end.line) return '';
  const line = text.split(/\r\n|\r|\n/, range.start.line + 1)[range.start.line] ?? '';
  return line.slice(range.start.character, range.end.character);
}

/** The name a "did you mean" replaces: the diagnostic's range when it is that name, else the name the message quotes, inside the range. */
function misspelledRange(root: Node, text: string, diagnostic: LspDiagnostic): Range | null {
  const current = textOf(text, diagnostic.range);
  if (/^[A-Za-z_]\w*$/.test(current)) return diagnostic.range;
  const wrong = /(?:attribute|name|prompt named) '([A-Za-z_]\w*)'/.exec(messageOf(diagnostic))?.[1];
  if (!wrong) return null;
  const { start, end } = diagnostic.range;
  const within = (n: Node): boolean =>
    (n.startPosition.row > start.line || (n.startPosition.row === start.line && n.startPosition.column >= start.character)) &&
    (n.endPosition.row < end.line || (n.endPosition.row === end.line && n.endPosition.column <= end.character));
  const found = root.descendantsOfType('identifier').find((n): n is Node => n !== null && n.text === wrong && within(n));
  return found ? { start: { line: found.startPosition.row, character: found.startPosition.column }, end: { line: found.endPosition.row, character: found.endPosition.column } } : null;
}

/**
 * For an import refused for one of several names (`from plue import workflow, psuh`), that
 * name and the edit removing it with its comma; null when the whole statement is refused.
 */
function refusedImportName(statement: Node, diagnostic: LspDiagnostic): { node: Node; edit: TextEdit } | null {
  if (statement.type !== 'import_from_statement') return null;
  const wrong = /^(?:cannot import name|no prompt named) '([^']+)'/.exec(messageOf(diagnostic))?.[1];
  const names = statement.childrenForFieldName('name').filter((n): n is Node => n !== null);
  if (!wrong || names.length < 2) return null;
  const index = names.findIndex((n) => (n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text) === wrong);
  if (index < 0) return null;
  const node = names[index];
  const from = index < names.length - 1 ? node.startPosition : names[index - 1].endPosition;
  const to = index < names.length - 1 ? names[index + 1].startPosition : node.endPosition;
  return { node, edit: { range: { start: { line: from.row, character: from.column }, end: { line: to.row, character: to.column } }, newText: '' } };
}

function messageOf(diagnostic: LspDiagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function importStatementOf(node: Node): Node | null {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type === 'import_statement' || n.type === 'import_from_statement') return n;
    if (n.type === 'module' || n.type === 'block') return null;
  }
  return null;
}

/** Deletes a statement's whole lines (with their line break). */
function removeLines(statement: Node): TextEdit {
  return { range: { start: { line: statement.startPosition.row, character: 0 }, end: { line: statement.endPosition.row + 1, character: 0 } }, newText: '' };
}

/**
 * `"a {} b {name!r:>4}".format(x, name=y)` -> `f"a {x} b {y!r:>4}"`, for a plain
 * (or raw) single-line string literal whose fields are automatic, numbered or
 * named, and arguments that are positional or keyword expressions.
 */
export function formatToFString(node: Node): TextEdit | null {
  let attribute: Node | null = node;
  while (attribute && attribute.type !== 'attribute') attribute = attribute.parent;
  const call = attribute?.parent;
  const literal = attribute?.childForFieldName('object');
  if (!attribute || call?.type !== 'call' || call.childForFieldName('function')?.id !== attribute.id || literal?.type !== 'string') return null;
  const args = call.childForFieldName('arguments');
  if (!args) return null;
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const arg of args.namedChildren) {
    if (!arg) continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value')?.text;
      if (!name || value === undefined) return null;
      named.set(name, value);
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat' || arg.type === 'comment') {
      return null;
    } else positional.push(arg.text);
  }
  const source = literal.text;
  const m = /^([rR]?)('|")(.*)\2$/s.exec(source);
  if (!m || m[3].includes('\n') || m[3].includes(m[2])) return null;
  let auto = 0;
  let failed = false;
  const body = m[3].replace(/\{\{|\}\}|\{([^{}!:]*)((?:![rsa])?(?::[^{}]*)?)\}/g, (whole, field: string | undefined, rest: string | undefined) => {
    if (whole === '{{' || whole === '}}') return whole;
    const key = (field ?? '').trim();
    let expr: string | undefined;
    if (key === '') expr = positional[auto++];
    else if (/^\d+$/.test(key)) expr = positional[Number(key)];
    else expr = named.get(key);
    if (expr === undefined || expr.includes(m[2]) || expr.includes('\n')) {
      failed = true;
      return whole;
    }
    return `{${expr}${rest ?? ''}}`;
  });
  if (failed) return null;
  return {
    range: { start: { line: call.startPosition.row, character: call.startPosition.column }, end: { line: call.endPosition.row, character: call.endPosition.column } },
    newText: `${m[1]}f${m[2]}${body}${m[2]}`,
  };
}
