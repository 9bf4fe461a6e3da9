// Which syntax problem a file reports, in CPython's order: tokenizer errors
// as the parser reaches them (any error the parser raises — a generic
// "invalid syntax", a specific message, an f-string error — gives way to a
// tokenizer error anywhere later, as CPython 3.11's _PyPegen_set_syntax_error
// re-tokenizes the rest of the file), then the nesting limit, then the
// parser's errors, then the compile stage.

import type { Diagnostic } from '../diag/diagnostic';
import { compareByPosition } from '../diag/diagnostic';
import { findCompileErrors } from './compile-errors';
import { scanLexical } from './lexical-scan';
import { checkNestingDepth } from './nesting-limit';
import { findTreeSyntaxErrors } from './syntax-errors';
import type { SyntaxTree } from './syntax-tree';

/** Errors our lexical scan finds that CPython raises in its parser: an earlier parser error wins over them. */
const RAISED_BY_PARSER = /^(unexpected indent|expected an indented block|bytes can only contain)/;

export interface SyntaxLimits {
  readonly maxNestingDepth: number;
}

/**
 * The one syntax diagnostic of a file (SyntaxError or nesting LimitError), or
 * null when it parses as CPython 3.11 would. `lexical` is the file's lexical
 * scan when the caller made it already (see tokenizerLimitError).
 */
export function firstSyntaxError(text: string, tree: SyntaxTree, limits: SyntaxLimits, lexical = scanLexical(text, limits.maxNestingDepth).error): Diagnostic | null {
  if (lexical?.kind === 'LimitError') return lexical;
  const nesting = checkNestingDepth(tree.rootNode, limits.maxNestingDepth);
  if (nesting) return lexical && compareByPosition(lexical, nesting) < 0 ? lexical : nesting;
  const fromTree = findTreeSyntaxErrors(tree.rootNode);
  const parse = fromTree.parse;
  if (lexical && (!parse || fromTree.parseIsGeneric || compareByPosition(lexical, parse) <= 0 || !RAISED_BY_PARSER.test(lexical.message))) return lexical;
  if (parse) return parse;
  const { future, scoped } = findCompileErrors(tree.rootNode);
  if (future) return future;
  if (scoped && (!fromTree.compile || compareByPosition(scoped, fromTree.compile) <= 0)) return scoped;
  return fromTree.compile;
}

/**
 * The lexical scan of a text before it is parsed: its first lexical error, and
 * whether that error decides the file without a tree. The bracket nesting
 * limit does (CPython's tokenizer stops there, before its parser could report
 * anything), so a file of 100,000 open brackets is refused without spending a
 * second in tree-sitter.
 */
export function scanBeforeParse(text: string, limits: SyntaxLimits): { readonly lexical: Diagnostic | null; readonly decisive: boolean } {
  const lexical = scanLexical(text, limits.maxNestingDepth).error;
  return { lexical, decisive: lexical?.kind === 'LimitError' };
}
