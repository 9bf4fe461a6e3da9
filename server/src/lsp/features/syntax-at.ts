// Reading the syntax tree at the cursor, for hover, completion, signature
// help and definition: the node under a position, the call whose arguments
// hold it, the name the workflow function gives its ctx parameter, and the
// facts (values the evaluation saw) recorded for a node's exact range.

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
  readonly call: Node;
  /** The callee as a dotted path ('ctx.run', 'push', 'CodeReview'), or null for other callees. */
  readonly callee: string[] | null;
  /** Index of the argument the cursor is in (positional count before it), and the keyword being written, if any. */
  readonly argumentIndex: number;
  readonly keyword: string | null;
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
    let keyword: string | null = null;
    const given: string[] = [];
    for (const child of args.children) {
      if (!child) continue;
      if (child.type === 'keyword_argument') {
        const name = child.childForFieldName('name')?.text;
        if (name) given.push(name);
      }
      if (!before(child.endPosition, position) || (child.endPosition.row === position.line && child.endPosition.column === position.character && child.type !== ',')) {
        if (child.type === 'keyword_argument' && before(child.startPosition, position)) keyword = child.childForFieldName('name')?.text ?? null;
        break;
      }
      if (child.type === ',') index++;
    }
    const fn = node.childForFieldName('function');
    return { call: node, callee: fn ? dottedPath(fn) : null, argumentIndex: index, keyword, givenKeywords: given };
  }
  return null;
}

type Point = { row: number; column: number };

/** Whether tree point `a` is at or before `b` (a tree point or an LSP position). */
function before(a: Point | Position, b: Point | Position): boolean {
  const [ar, ac] = 'line' in a ? [a.line, a.character] : [a.row, a.column];
  const [br, bc] = 'line' in b ? [b.line, b.character] : [b.row, b.column];
  return ar < br || (ar === br && ac <= bc);
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
