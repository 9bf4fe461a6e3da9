// Iterative pre-order traversal of a tree-sitter tree with a TreeCursor: no
// recursion, so a 100,000-deep tree cannot overflow the native stack.

import type { Node, TreeCursor } from 'web-tree-sitter';

export interface WalkVisitor {
  /** Called on entering a node; return false to skip its children. */
  enter(node: Node, depth: number): boolean;
  /** Called after a node's children (only for nodes whose children were visited or that have none). */
  leave?(node: Node, depth: number): void;
}

/** Walks `root` and its descendants in source order. Stops early when `shouldStop()` turns true. */
export function walkTree(root: Node, visitor: WalkVisitor, shouldStop: () => boolean = () => false): void {
  const cursor: TreeCursor = root.walk();
  const pending: Node[] = [];
  let depth = 0;
  try {
    while (true) {
      const node = cursor.currentNode;
      const descend = visitor.enter(node, depth);
      if (shouldStop()) return;
      if (descend && cursor.gotoFirstChild()) {
        pending.push(node);
        depth++;
        continue;
      }
      visitor.leave?.(node, depth);
      while (!cursor.gotoNextSibling()) {
        if (depth === 0 || !cursor.gotoParent()) return;
        depth--;
        const parent = pending.pop();
        if (parent) visitor.leave?.(parent, depth);
      }
    }
  } finally {
    cursor.delete();
  }
}
