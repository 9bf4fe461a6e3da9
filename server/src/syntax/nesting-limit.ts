// The parser nesting limit of spec §3 on the tree: brackets, blocks and
// expression chains (`1+1+…`, `x.a.a…`, `-(-(-…))`) all deepen the tree, so the
// depth of named nodes is what is bounded. Stops at the first node past the
// limit, so a 100,000-deep tree costs only as much as its first levels.

import type { Diagnostic } from '../diag/diagnostic';
import { walkTree } from './cst-walk';
import type { SyntaxNode } from './syntax-tree';

/** A LimitError at the first node nested deeper than `maxDepth`, or null. */
export function checkNestingDepth(root: SyntaxNode, maxDepth: number): Diagnostic | null {
  let found: SyntaxNode | null = null;
  walkTree(
    root,
    {
      enter(node, depth) {
        if (depth > maxDepth && node.isNamed) found = node;
        return true;
      },
    },
    () => found !== null,
  );
  if (!found) return null;
  const start = (found as SyntaxNode).startPosition;
  return {
    kind: 'LimitError',
    message: `source nested more than ${maxDepth} levels deep (parser nesting depth limit); split the expression into named parts`,
    range: { start: { row: start.row, column: start.column }, end: { row: start.row, column: start.column + 1 } },
  };
}
