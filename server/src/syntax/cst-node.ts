// Small facts about one CST node that several stages ask for: its source
// range in the diagnostic model, and whether it has a given token child.

import type { SyntaxNode } from './syntax-tree';
import type { SourceRange } from '../diag/diagnostic';

/** The node's range as rows and UTF-16 columns. */
export function rangeOf(node: SyntaxNode): SourceRange {
  return {
    start: { row: node.startPosition.row, column: node.startPosition.column },
    end: { row: node.endPosition.row, column: node.endPosition.column },
  };
}

/** True when one of the node's direct children (tokens included) has this type. */
export function hasChildOfType(node: SyntaxNode, type: string): boolean {
  for (let i = 0; i < node.childCount; i++) {
    if (node.child(i)?.type === type) return true;
  }
  return false;
}

/** An unparenthesized `name := ...` directly in an f-string field: in Python that is `name` and a format spec starting with '='. */
export function isFormatSpecWalrus(node: SyntaxNode): boolean {
  return node.type === 'named_expression' && node.parent?.type === 'interpolation' && node.parent.childForFieldName('expression')?.id === node.id;
}
