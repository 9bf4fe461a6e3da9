// One tree-sitter tree per document, kept in step with its text. Whole-file
// sets (the CLI) and incremental edits (the language server: LSP ranges in
// rows and UTF-16 columns) both go through here; an edit becomes tree.edit +
// reparse, and every replaced tree is deleted so memory does not grow.

import type { Parser, Tree } from 'web-tree-sitter';
import { Edit } from 'web-tree-sitter';
import type { SourcePoint } from '../diag/diagnostic';
import { LineTable, textForParser } from './source-text';
import { copyTree, type PreviousCopy, type SyntaxTree, type TextEdit } from './syntax-tree';

/** A text change: replace `range` (absent: the whole text) with `text`. */
export interface TextChange {
  readonly range?: { readonly start: SourcePoint; readonly end: SourcePoint };
  readonly text: string;
}

/** How a document's text came from the previous one's, for an incremental copy of its tree. */
interface CopyBasis {
  readonly previous: SyntaxTree;
  readonly edit: TextEdit;
  readonly changed: PreviousCopy['changed'];
}

export class ParsedDocument {
  private copied: SyntaxTree | null = null;

  constructor(
    readonly text: string,
    /** The text tree-sitter parsed (textForParser of `text`). */
    readonly parserText: string,
    readonly lines: LineTable,
    readonly tree: Tree,
    readonly version: number,
    private basis: CopyBasis | null = null,
  ) {}

  /**
   * The tree as plain JavaScript objects (what the analysis passes walk),
   * made on first use and kept; incremental when the previous version's copy
   * exists. `depthLimit`: nodes at that depth or deeper get no children.
   */
  syntaxTree(depthLimit: number): SyntaxTree {
    const cached = this.copied;
    if (cached && !cached.consumed && (!cached.truncated || cached.depthLimit === depthLimit)) return cached;
    const basis = this.basis;
    this.basis = null;
    // Changed ranges are not exact around error recovery (ERROR nodes can change outside them): copy such trees whole.
    const clean = basis !== null && !basis.previous.hasErrors && !this.tree.rootNode.hasError;
    this.copied = copyTree(this.tree, this.parserText, this.lines, depthLimit, clean ? { tree: basis.previous, edit: basis.edit, changed: basis.changed } : undefined);
    return this.copied;
  }

  /** The copy made so far, if any (the basis of the next version's copy). */
  get existingCopy(): SyntaxTree | null {
    return this.copied;
  }
}

/** A parse that would take longer than the store's budget was abandoned (the document is dropped from the store). */
export class ParseBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`parsing took longer than ${budgetMs} ms`);
  }
}

export class DocumentStore {
  private readonly documents = new Map<string, ParsedDocument>();

  /**
   * @param parseBudgetMs when set, the milliseconds a parse of a text of that
   * length may take; a parse running longer is abandoned with
   * ParseBudgetExceeded (the language server's main thread must not stall on
   * a pathological file); the CLI parses without a budget.
   */
  constructor(
    private readonly parser: Parser,
    private readonly parseBudgetMs?: (textLength: number) => number,
  ) {}

  get(key: string): ParsedDocument | undefined {
    return this.documents.get(key);
  }

  keys(): string[] {
    return [...this.documents.keys()];
  }

  /** Sets the whole text of a document (parsing it from scratch). */
  set(key: string, text: string, version = 0): ParsedDocument {
    const parserText = textForParser(text);
    let tree: Tree;
    try {
      tree = this.parse(parserText, null);
    } catch (e) {
      if (e instanceof ParseBudgetExceeded) this.delete(key);
      throw e;
    }
    return this.replace(key, new ParsedDocument(text, parserText, new LineTable(text), tree, version));
  }

  /**
   * Applies changes in order (LSP content changes: ranges in rows and UTF-16
   * columns), then reparses incrementally once. For a text without syntax
   * errors the tree is the one a fresh parse gives; with errors, tree-sitter's
   * recovery can depend on the edit history (updateText re-parses such texts).
   */
  update(key: string, changes: readonly TextChange[], version: number): ParsedDocument {
    const current = this.documents.get(key);
    if (!current) throw new Error(`document not open: ${key}`);
    let text = current.text;
    let lines = current.lines;
    let whole = false;
    for (const change of changes) {
      if (!change.range) {
        text = change.text;
        whole = true;
      } else {
        // As TextDocument.update: an inverted range is taken the right way round.
        const a = lines.offsetAt(change.range.start);
        const b = lines.offsetAt(change.range.end);
        text = text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
      }
      lines = new LineTable(text);
    }
    return whole ? this.set(key, text, version) : this.reparse(key, current, text, lines, version);
  }

  /**
   * Moves a document to a new whole text, parsed incrementally as one edit
   * (see reparse), so the parse and the tree copy stay incremental for a
   * caller that only sees whole texts (the analysis worker). An unknown key,
   * or a text that does not parse cleanly, is parsed from scratch: the result
   * is always the tree a fresh parse gives.
   */
  updateText(key: string, text: string, version: number): ParsedDocument {
    const current = this.documents.get(key);
    if (!current) return this.set(key, text, version);
    if (current.text === text) return current;
    const document = this.reparse(key, current, text, new LineTable(text), version);
    // tree-sitter's error recovery depends on the edit history: a tree with errors is parsed again from
    // scratch, so a broken file gets the same tree (and diagnostics) as the CLI's fresh parse.
    return document.tree.rootNode.hasError ? this.set(key, text, version) : document;
  }

  /**
   * Parses `text` incrementally from `current`. tree-sitter is told of one
   * edit: the part where the parser texts differ (their common prefix and
   * suffix are kept). Edits are found on the parser texts, not the LSP
   * ranges, because a keystroke can change the parser text away from it
   * (typing a quote turns later comment-only lines from blanks into string
   * content) and tree-sitter must hear of every changed character.
   */
  private reparse(key: string, current: ParsedDocument, text: string, lines: LineTable, version: number): ParsedDocument {
    const parserText = textForParser(text);
    const old = current.parserText;
    const startIndex = commonPrefixLength(old, parserText);
    const suffix = commonSuffixLength(old, parserText, Math.min(old.length, parserText.length) - startIndex);
    const oldEndIndex = old.length - suffix;
    const newEndIndex = parserText.length - suffix;
    const edit: TextEdit = { startIndex, oldEndIndex, newEndIndex };
    const oldTree = current.tree.copy();
    let tree: Tree;
    let basis: CopyBasis | null = null;
    try {
      oldTree.edit(
        new Edit({
          startIndex,
          oldEndIndex,
          newEndIndex,
          startPosition: toPoint(current.lines.pointAt(startIndex)),
          oldEndPosition: toPoint(current.lines.pointAt(oldEndIndex)),
          newEndPosition: toPoint(lines.pointAt(newEndIndex)),
        }),
      );
      tree = this.parse(parserText, oldTree);
      // The copy of the tree can take over what tree-sitter reused.
      const previous = current.existingCopy;
      if (previous) basis = { previous, edit, changed: oldTree.getChangedRanges(tree) };
    } catch (e) {
      if (e instanceof ParseBudgetExceeded) this.delete(key);
      throw e;
    } finally {
      oldTree.delete();
    }
    return this.replace(key, new ParsedDocument(text, parserText, lines, tree, version, basis));
  }

  delete(key: string): void {
    this.documents.get(key)?.tree.delete();
    this.documents.delete(key);
  }

  clear(): void {
    for (const key of this.keys()) this.delete(key);
  }

  private replace(key: string, document: ParsedDocument): ParsedDocument {
    this.documents.get(key)?.tree.delete();
    this.documents.set(key, document);
    return document;
  }

  /** Parses a parser text (textForParser's). */
  private parse(parserText: string, oldTree: Tree | null): Tree {
    const budget = this.parseBudgetMs?.(parserText.length);
    if (budget === undefined) {
      const tree = this.parser.parse(parserText, oldTree);
      if (!tree) throw new Error('tree-sitter returned no tree');
      return tree;
    }
    const deadline = performance.now() + budget;
    // Returning true from the progress callback cancels the parse (web-tree-sitter's ParseOptions).
    const tree = this.parser.parse(parserText, oldTree, { progressCallback: () => performance.now() > deadline });
    if (!tree) {
      this.parser.reset();
      throw new ParseBudgetExceeded(budget);
    }
    return tree;
  }
}

/** Compared a block at a time (string equality is a memory compare), then a character at a time inside the first differing block. */
const COMPARE_BLOCK = 256;

function commonPrefixLength(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let n = 0;
  while (n + COMPARE_BLOCK <= shorter && a.slice(n, n + COMPARE_BLOCK) === b.slice(n, n + COMPARE_BLOCK)) n += COMPARE_BLOCK;
  while (n < shorter && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** At most `limit` characters: the suffix must not overlap the common prefix. */
function commonSuffixLength(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + COMPARE_BLOCK <= limit && a.slice(a.length - n - COMPARE_BLOCK, a.length - n) === b.slice(b.length - n - COMPARE_BLOCK, b.length - n)) n += COMPARE_BLOCK;
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function toPoint(point: SourcePoint): { row: number; column: number } {
  return { row: point.row, column: point.column };
}
