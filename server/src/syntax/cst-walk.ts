// Iterative pre-order traversal of a syntax tree copy: no recursion, so a
// 100,000-deep tree cannot overflow the stack.

import type { SyntaxNode } from './syntax-tree';

export interface WalkVisitor {
  /** Called on entering a node; return false to skip its children. */
  enter(node: SyntaxNode, depth: number): boolean;
  /** Called after a node's children (only for nodes whose children were visited or that have none). */
  leave?(node: SyntaxNode, depth: number): void;
}

/** Walks `root` and its descendants in source order. Stops early when `shouldStop()` turns true. */
export function walkTree(root: SyntaxNode, visitor: WalkVisitor, shouldStop?: () => boolean): void {
  // Each frame: a node whose children are being visited, and the index of the next child.
  const parents: SyntaxNode[] = [];
  const nextChild: number[] = [];
  let node: SyntaxNode | null = root;
  while (node) {
    const depth = parents.length;
    const descend = visitor.enter(node, depth);
    if (shouldStop?.()) return;
    if (descend && node.children.length > 0) {
      parents.push(node);
      nextChild.push(1);
      node = node.children[0];
      continue;
    }
    visitor.leave?.(node, depth);
    node = null;
    while (parents.length > 0) {
      const parent = parents[parents.length - 1];
      const i = nextChild[nextChild.length - 1];
      if (i < parent.children.length) {
        nextChild[nextChild.length - 1] = i + 1;
        node = parent.children[i];
        break;
      }
      parents.pop();
      nextChild.pop();
      visitor.leave?.(parent, parents.length);
    }
  }
}
