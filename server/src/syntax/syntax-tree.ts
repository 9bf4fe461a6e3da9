// A plain-JavaScript copy of a tree-sitter tree, the one every analysis pass
// walks (syntax checks, nesting limit, policy, lowering). Asking
// web-tree-sitter for a node's type, children or fields crosses into wasm
// through marshalling glue at about a microsecond a call, so passes over the
// wasm tree cost tens of milliseconds on a 400-line file; this copy is made
// with one TreeCursor walk and is then read at JavaScript speed.
//
// The copy can be incremental: given the copy of the previous tree and the
// edit between them, a subtree that lies outside the edited bytes and
// outside every range tree-sitter reports as structurally changed is taken
// over from the previous copy (shifted), so an edit costs a walk of the
// changed spine only.

import type { Language, Tree } from 'web-tree-sitter';
import type { SourcePoint } from '../diag/diagnostic';
import type { LineTable } from './source-text';

/** One edit between the previous text and this one, in UTF-16 offsets. */
export interface TextEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
}

/** What an incremental copy builds on: the previous copy and how its text changed. */
export interface PreviousCopy {
  readonly tree: SyntaxTree;
  readonly edit: TextEdit;
  /** tree-sitter's changed ranges between the edited old tree and the new one (new offsets). */
  readonly changed: readonly { readonly startIndex: number; readonly endIndex: number }[];
}

let nextNodeId = 1;

export class SyntaxNode {
  /** Unique among all nodes of all copies; kept when an incremental copy takes the node over. */
  readonly id = nextNodeId++;
  parent: SyntaxNode | null = null;
  /** The field this node fills in its parent (`left`, `body`, …), or null. */
  field: string | null = null;
  /** This node's index in parent.children. */
  indexInParent = 0;
  readonly children: SyntaxNode[] = [];
  private named: SyntaxNode[] | null = null;

  constructor(
    private readonly source: CopySource,
    readonly type: string,
    readonly typeId: number,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    public startIndex: number,
    public endIndex: number,
  ) {}

  get startPosition(): SourcePoint {
    return this.source.lines.pointAt(this.startIndex);
  }

  get endPosition(): SourcePoint {
    return this.source.lines.pointAt(this.endIndex);
  }

  /** The node's text as the parser saw it (a lone CR reads as LF). */
  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildren(): SyntaxNode[] {
    if (this.named === null) this.named = this.children.filter((c) => c.isNamed);
    return this.named;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get firstChild(): SyntaxNode | null {
    return this.children[0] ?? null;
  }

  get lastChild(): SyntaxNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  get previousSibling(): SyntaxNode | null {
    return this.parent?.children[this.indexInParent - 1] ?? null;
  }

  get nextSibling(): SyntaxNode | null {
    return this.parent?.children[this.indexInParent + 1] ?? null;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(field: string): SyntaxNode | null {
    for (const c of this.children) if (c.field === field) return c;
    return null;
  }

  childrenForFieldName(field: string): SyntaxNode[] {
    return this.children.filter((c) => c.field === field);
  }

  fieldNameForChild(index: number): string | null {
    return this.children[index]?.field ?? null;
  }
}

/**
 * The text a copy's nodes read their text and positions from. Copies made
 * incrementally from one another share it (a taken-over node need not be
 * told it moved to a newer copy): it always holds the newest copy's text,
 * which is why an older copy is unusable once consumed.
 */
class CopySource {
  constructor(
    public text: string,
    public lines: LineTable,
  ) {}
}

export class SyntaxTree {
  /** Set once by copyTree. */
  rootNode!: SyntaxNode;
  /** True when the walk stopped at the depth limit somewhere (the file breaks the nesting limit; no pass looks further). */
  truncated = false;
  /** True once a later copy took nodes over from this one: its nodes now belong to that copy. */
  consumed = false;
  /** True when the tree has ERROR or MISSING nodes (or skipped characters): it is never the basis of an incremental copy. */
  hasErrors = false;

  /**
   */
  constructor(
    readonly source: CopySource,
    /** Nodes at this depth or deeper have no children in the copy. */
    readonly depthLimit: number,
  ) {}

  /** The text the parser was given (textForParser: same length as the document, lone CRs read as LF). */
  get text(): string {
    return this.source.text;
  }

  /** The document's line table (rows and UTF-16 columns). */
  get lines(): LineTable {
    return this.source.lines;
  }
}

/** Per language: type names and namedness by type id, field names by field id. */
interface LanguageTables {
  readonly types: string[];
  readonly named: boolean[];
  readonly fields: (string | null)[];
}

const tablesByLanguage = new WeakMap<Language, LanguageTables>();

function tablesOf(language: Language): LanguageTables {
  let tables = tablesByLanguage.get(language);
  if (!tables) {
    const types = [...language.types];
    tables = { types, named: types.map((_, id) => language.nodeTypeIsNamed(id)), fields: [...language.fields] };
    tablesByLanguage.set(language, tables);
  }
  return tables;
}

/**
 * Copies a tree-sitter tree. Nodes at depth `depthLimit` or deeper get no
 * children (a 100,000-deep expression costs only its first levels: pass the
 * nesting limit + 1, and the nesting check still finds the first node past
 * it). With `previous`, subtrees the edit cannot have touched are
 * taken from the previous copy instead of being read again; the previous copy
 * is consumed.
 */
export function copyTree(tree: Tree, text: string, lines: LineTable, depthLimit: number, previous?: PreviousCopy): SyntaxTree {
  const tables = tablesOf(tree.language);
  const basis = previous && !previous.tree.consumed && !previous.tree.truncated ? previous : undefined;
  if (previous) previous.tree.consumed = true;
  let source: CopySource;
  if (basis) {
    source = basis.tree.source;
    source.text = text;
    source.lines = lines;
  } else {
    source = new CopySource(text, lines);
  }
  const copy = new SyntaxTree(source, depthLimit);
  copy.hasErrors = tree.rootNode.hasError;
  const reuse = basis ? reuseFinder(basis) : null;
  const cursor = tree.walk();
  try {
    copyNodes();
  } finally {
    cursor.delete();
  }
  reuse?.shiftTaken();
  return copy;

  function copyNodes(): void {
    const make = (parent: SyntaxNode | null): { node: SyntaxNode; reused: boolean } => {
      const typeId = cursor.nodeTypeId;
      const startIndex = cursor.startIndex;
      const endIndex = cursor.endIndex;
      const taken = reuse?.take(typeId, startIndex, endIndex) ?? null;
      let node: SyntaxNode;
      if (taken) {
        node = taken;
      } else {
        const isMissing = startIndex === endIndex && cursor.nodeIsMissing;
        const type = tables.types[typeId] ?? 'ERROR';
        node = new SyntaxNode(source, type, typeId, tables.named[typeId] ?? true, isMissing, startIndex, endIndex);
      }
      if (parent) {
        node.parent = parent;
        node.field = tables.fields[cursor.currentFieldId] ?? null;
        node.indexInParent = parent.children.length;
        parent.children.push(node);
      }
      return { node, reused: taken !== null };
    };

    const root = make(null);
    copy.rootNode = root.node;
    if (root.reused) return;
    // The path of nodes from the root to the cursor's node.
    const path: SyntaxNode[] = [root.node];
    let descend = true;
    for (;;) {
      if (descend && path.length > depthLimit) {
        copy.truncated = true;
        descend = false;
      }
      if (descend && cursor.gotoFirstChild()) {
        const next = make(path[path.length - 1]);
        path.push(next.node);
        descend = !next.reused;
        continue;
      }
      for (;;) {
        path.pop();
        if (path.length === 0) return;
        if (cursor.gotoNextSibling()) {
          const next = make(path[path.length - 1]);
          path.push(next.node);
          descend = !next.reused;
          break;
        }
        cursor.gotoParent();
      }
    }
  }
}

interface ReuseFinder {
  /**
   * The previous copy's node for a new node at [start, end) of type typeId,
   * or null when the node may have changed. A node is taken over only when
   * it lies strictly outside the edit (not touching it: a token ending where
   * text was inserted may have grown) and outside every changed range.
   */
  take(typeId: number, start: number, end: number): SyntaxNode | null;
  /** Shifts the taken subtrees to their new offsets (after the walk, so lookups see old offsets throughout). */
  shiftTaken(): void;
}

function reuseFinder(previous: PreviousCopy): ReuseFinder {
  const { edit, changed } = previous;
  const delta = edit.newEndIndex - edit.oldEndIndex;
  const taken: { node: SyntaxNode; shift: number }[] = [];
  return {
    take(typeId, start, end) {
      if (start === end) return null;
      let shift: number;
      if (end < edit.startIndex) shift = 0;
      else if (start > edit.newEndIndex) shift = delta;
      else return null;
      for (const r of changed) {
        if (start <= r.endIndex && r.startIndex <= end) return null;
      }
      const old = findNode(previous.tree.rootNode, typeId, start - shift, end - shift);
      if (old) taken.push({ node: old, shift });
      return old;
    },
    shiftTaken() {
      for (const { node, shift } of taken) if (shift !== 0) shiftSubtree(node, shift);
    },
  };
}

/** The outermost node of the given type spanning exactly [start, end), found by descending through the children that contain it. */
function findNode(root: SyntaxNode, typeId: number, start: number, end: number): SyntaxNode | null {
  let node: SyntaxNode | undefined = root;
  while (node) {
    if (node.startIndex === start && node.endIndex === end && node.typeId === typeId) return node;
    const children: SyntaxNode[] = node.children;
    // The last child starting at or before `start`, then back over zero-width or same-start siblings that also contain it.
    let lo = 0;
    let hi = children.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (children[mid].startIndex <= start) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    let next: SyntaxNode | undefined;
    for (let i = found; i >= 0 && children[i].startIndex === children[found].startIndex; i--) {
      if (children[i].endIndex >= end && children[i].startIndex <= start) next = children[i];
    }
    if (next === undefined || next === node) return null;
    node = next;
  }
  return null;
}

/** Moves a taken-over subtree to its offsets in the new text. */
function shiftSubtree(node: SyntaxNode, shift: number): void {
  const stack = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    n.startIndex += shift;
    n.endIndex += shift;
    for (const c of n.children) stack.push(c);
  }
}
