// Which syntax problem a file reports, in CPython's order: tokenizer errors
// as the parser reaches them (a generic "invalid syntax" gives way to any
// tokenizer error, as CPython re-tokenizes the rest of the file), then the
// nesting limit, then the parser's specific errors, then the compile stage.

import type { Tree } from 'web-tree-sitter';
import type { Diagnostic } from '../diag/diagnostic';
import { compareByPosition } from '../diag/diagnostic';
import { findCompileErrors } from './compile-errors';
import { scanLexical } from './lexical-scan';
import { checkNestingDepth } from './nesting-limit';
import { findTreeSyntaxErrors } from './syntax-errors';

export interface SyntaxLimits {
  readonly maxNestingDepth: number;
}

/** The one syntax diagnostic of a file (SyntaxError or nesting LimitError), or null when it parses as CPython 3.11 would. */
export function firstSyntaxError(text: string, tree: Tree, limits: SyntaxLimits): Diagnostic | null {
  const lexical = scanLexical(text, limits.maxNestingDepth).error;
  if (lexical?.kind === 'LimitError') return lexical;
  const nesting = checkNestingDepth(tree.rootNode, limits.maxNestingDepth);
  if (nesting) return lexical && compareByPosition(lexical, nesting) < 0 ? lexical : nesting;
  const fromTree = findTreeSyntaxErrors(tree.rootNode);
  const parse = fromTree.parse;
  if (lexical && (!parse || fromTree.parseIsGeneric || compareByPosition(lexical, parse) <= 0)) return lexical;
  if (parse) return parse;
  const { future, scoped } = findCompileErrors(tree.rootNode);
  if (future) return future;
  if (scoped && (!fromTree.compile || compareByPosition(scoped, fromTree.compile) <= 0)) return scoped;
  return fromTree.compile;
}
