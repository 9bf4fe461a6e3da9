// The parser nesting limit of spec §3 on the tree: brackets, blocks and
// expression chains (`1+1+…`, `x.a.a…`, `-(-(-…))`) all deepen the tree, so the
// depth of named nodes is what is bounded. Stops at the first node past the
// limit, so a 100,000-deep tree costs only as much as its first 200 levels.

import type { Node } from 'web-tree-sitter';
import type { Diagnostic } from '../diag/diagnostic';

/** A LimitError at the first node nested deeper than `maxDepth`, or null. */
export function checkNestingDepth(root: Node, maxDepth: number): Diagnostic | null {
  const cursor = root.walk();
  try {
    let depth = 0;
    while (true) {
      if (depth > maxDepth && cursor.nodeIsNamed) {
        const start = cursor.startPosition;
        return {
          kind: 'LimitError',
          message: `source nested more than ${maxDepth} levels deep (parser nesting depth limit); split the expression into named parts`,
          range: { start: { row: start.row, column: start.column }, end: { row: start.row, column: start.column + 1 } },
        };
      }
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (depth === 0 || !cursor.gotoParent()) return null;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}
