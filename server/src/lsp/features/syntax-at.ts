// Reading the syntax tree at the cursor, for hover, completion, signature
// help and definition: the node under a position, the call whose arguments
// hold it (also while its parenthesis is still open), the name the workflow
// function gives its ctx parameter, and the facts (values the evaluation
// saw) recorded for a node's exact range.

import type { Node } from 'web-tree-sitter';
import type { Position } from 'vscode-languageserver/node';
import type { ObservedValue } from '../../plue/evaluation-facts';
import type { AnalyzedFile } from '../session';

export function nodeAt(root: Node, position: Position): Node | null {
  return root.descendantForPosition({ row: position.line, column: position.character });
}

/** The identifier under (or just before) the cursor, when there is one. */
export function identifierAt(root: Node, position: Position): Node | null {
  const here = nodeAt(root, position);
  if (here?.type === 'identifier') return here;
  if (position.character > 0) {
    const before = nodeAt(root, { line: position.line, character: position.character - 1 });
    if (before?.type === 'identifier') return before;
  }
  return null;
}

/** The dotted path of an attribute chain of plain names (`ctx.git.diff`), or null. */
export function dottedPath(node: Node): string[] | null {
  if (node.type === 'identifier') return [node.text];
  if (node.type !== 'attribute') return null;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  if (!object || !attribute) return null;
  const head = dottedPath(object);
  return head ? [...head, attribute.text] : null;
}

/** The name of the first parameter of the enclosing function, when that function is a workflow or tool; else 'ctx'. */
export function ctxParamName(node: Node): string {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.type !== 'function_definition') continue;
    const parent = n.parent;
    const decorated = parent?.type === 'decorated_definition' && parent.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*(workflow|tool)\b/.test(d.text));
    const first = n.childForFieldName('parameters')?.namedChildren[0];
    if (decorated && first) {
      const name = first.type === 'identifier' ? first : first.childForFieldName('name') ?? first.namedChildren[0];
      if (name?.type === 'identifier') return name.text;
    }
  }
  return 'ctx';
}

export interface CallAt {
  /** The call node (an ERROR node for a call whose `(` is not closed yet). */
  readonly call: Node;
  /** The callee as a dotted path ('ctx.run', 'push', 'CodeReview'), or null for other callees. */
  readonly callee: string[] | null;
  /** Index of the argument the cursor is in (positional count before it), and the keyword being written, if any. */
  readonly argumentIndex: number;
  readonly keyword: string | null;
  /** Positional arguments before the cursor. */
  readonly positional: number;
  /** Keywords already given in the call. */
  readonly givenKeywords: readonly string[];
}

/** The innermost call whose argument list contains the position. */
export function callAt(root: Node, position: Position): CallAt | null {
  let node = nodeAt(root, position);
  for (; node; node = node.parent) {
    if (node.type !== 'call') continue;
    const args = node.childForFieldName('arguments');
    if (!args || args.type !== 'argument_list') continue;
    const inside = before(args.startPosition, position) && (before(position, args.endPosition) || isUnclosed(args));
    if (!inside) continue;
    let index = 0;
    let positional = 0;
    let keyword: string | null = null;
    const given: string[] = [];
    const children = args.children.filter((c): c is Node => c !== null);
    for (const [i, child] of children.entries()) {
      // `name=` with no value yet parses as the name, then an ERROR holding the `=`.
      const named = child.type === 'identifier' && children[i + 1]?.type === 'ERROR' && children[i + 1].firstChild?.type === '=';
      if (child.isNamed && !named && !NOT_POSITIONAL.includes(child.type) && before(child.endPosition, position) && !sameAs(child.endPosition, position)) positional++;
      if (child.type === 'keyword_argument') {
        const name = child.childForFieldName('name')?.text;
        if (name) given.push(name);
      }
      if (!before(child.endPosition, position) || (sameAs(child.endPosition, position) && child.type !== ',')) {
        if (child.type === 'keyword_argument' && before(child.startPosition, position)) keyword = child.childForFieldName('name')?.text ?? null;
        if (child.type === 'ERROR' && before(child.startPosition, position)) keyword = pendingKeyword([children[i - 1] ?? null, ...child.children]);
        break;
      }
      if (child.type === ',') index++;
    }
    const fn = node.childForFieldName('function');
    return { call: node, callee: fn ? dottedPath(fn) : null, argumentIndex: index, keyword, positional, givenKeywords: given };
  }
  return unclosedCallAt(root, position);
}

/**
 * A call whose `(` is not closed yet (`ctx.run("x", ` while typing), which the parser keeps as
 * an ERROR node of loose tokens: the last `(` before the cursor that no `)` closes, in the ERROR
 * node the cursor is in or right after (nothing but blanks between).
 */
function unclosedCallAt(root: Node, position: Position): CallAt | null {
  let error: Node | null = null;
  for (const e of root.descendantsOfType('ERROR')) {
    if (!e || !before(e.startPosition, position)) continue;
    const gap = before(e.endPosition, position) ? root.text.slice(e.endIndex, offsetOf(root.text, position)) : '';
    if (/^[ \t]*$/.test(gap) && (!error || before(error.startPosition, e.startPosition))) error = e;
  }
  if (!error) return null;
  const children = error.children.filter((c): c is Node => c !== null && before(c.endPosition, position));
  const open: number[] = [];
  children.forEach((c, i) => {
    if (c.type === '(') open.push(i);
    else if (c.type === ')') open.pop();
  });
  const at = open[open.length - 1];
  const fn = at !== undefined && at > 0 ? children[at - 1] : undefined;
  if (at === undefined || !fn) return null;
  const args = children.slice(at + 1);
  const last = args[args.length - 1];
  const keyword = last?.type === 'keyword_argument' ? (last.childForFieldName('name')?.text ?? null) : pendingKeyword(args);
  const given = args.filter((c) => c.type === 'keyword_argument').map((c) => c.childForFieldName('name')?.text ?? '');
  const commas = args.map((c, i) => (c.type === ',' ? i : -1)).filter((i) => i >= 0);
  const positional = commas.filter((i) => i > 0 && args[i - 1].type !== 'keyword_argument').length;
  return { call: error, callee: dottedPath(fn), argumentIndex: commas.length, keyword, positional, givenKeywords: given };
}

/** The keyword of tokens ending in `name =` (an argument being written), or null. */
function pendingKeyword(tokens: readonly (Node | null)[]): string | null {
  const last = tokens[tokens.length - 1];
  const name = tokens[tokens.length - 2];
  return last?.type === '=' && name?.type === 'identifier' ? name.text : null;
}

/** The UTF-16 offset of a position in a text. */
function offsetOf(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + position.character;
}

type Point = { row: number; column: number };

/** Argument nodes that are not positional arguments. */
const NOT_POSITIONAL = ['keyword_argument', 'list_splat', 'dictionary_splat', 'comment', 'ERROR'];

/** Whether tree point `a` is at or before `b` (a tree point or an LSP position). */
function before(a: Point | Position, b: Point | Position): boolean {
  const [ar, ac] = 'line' in a ? [a.line, a.character] : [a.row, a.column];
  const [br, bc] = 'line' in b ? [b.line, b.character] : [b.row, b.column];
  return ar < br || (ar === br && ac <= bc);
}

function sameAs(a: Point, b: Position): boolean {
  return a.row === b.line && a.column === b.character;
}

function isUnclosed(args: Node): boolean {
  return args.lastChild?.type !== ')' || args.lastChild.isMissing;
}

/** Values the evaluation saw for exactly this node's range. */
export function observedAt(file: AnalyzedFile | undefined, node: Node): readonly ObservedValue[] {
  const observed = file?.result.facts?.observed;
  if (!observed) return [];
  const s = node.startPosition;
  const e = node.endPosition;
  for (const at of observed) {
    if (at.loc.row === s.row && at.loc.col === s.column && at.loc.endRow === e.row && at.loc.endCol === e.column) return at.values;
  }
  return [];
}

/** For the target of `name = value`, the value node; for other nodes, the node itself. */
export function valueNodeOf(node: Node): Node {
  const parent = node.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === node.id) return parent.childForFieldName('right') ?? node;
  return node;
}
