// SyntaxErrors from the tree: ERROR and MISSING nodes turned into CPython's
// messages, the parser-level checks tree-sitter's lenient grammar does not
// make (py2 statements, parameter and argument order, augmented assignment
// targets, del targets), and the compiler-level ones (return/yield outside a
// function, break/continue outside a loop, duplicate parameters, a default
// `except:` that is not last). One iterative walk.

import type { SyntaxNode } from './syntax-tree';
import type { Diagnostic } from '../diag/diagnostic';
import { hasChildOfType, isFormatSpecWalrus, rangeOf } from './cst-node';
import { walkTree } from './cst-walk';

export interface TreeSyntaxErrors {
  /** The first error the parser would raise (ERROR/MISSING and parser-level checks). */
  readonly parse: Diagnostic | null;
  /** True when `parse` is CPython's generic "invalid syntax" (a later tokenizer error replaces it). */
  readonly parseIsGeneric: boolean;
  /** The first error of CPython's compile stage (only reported when parsing succeeded). */
  readonly compile: Diagnostic | null;
}

const COMPOUND_KEYWORDS = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'def', 'class']);
const BRACKETED = new Set([
  'list', 'tuple', 'set', 'dictionary', 'argument_list', 'parenthesized_expression', 'subscript', 'list_comprehension',
  'generator_expression', 'set_comprehension', 'dictionary_comprehension', 'expression_list', 'pattern_list',
]);
const LITERALS: Record<string, string> = {
  integer: 'literal', float: 'literal', string: 'literal', concatenated_string: 'literal', true: 'True', false: 'False',
  none: 'None', ellipsis: 'ellipsis', call: 'function call', binary_operator: 'expression', comparison_operator: 'comparison',
  boolean_operator: 'expression', unary_operator: 'expression', lambda: 'lambda', conditional_expression: 'conditional expression',
  dictionary: 'dict literal', set: 'set display', list_comprehension: 'list comprehension', generator_expression: 'generator expression',
  await: 'await expression', named_expression: 'named expression',
};

function error(message: string, node: SyntaxNode): Diagnostic {
  return { kind: 'SyntaxError', message, range: rangeOf(node) };
}

function before(a: Diagnostic | null, b: Diagnostic): boolean {
  if (!a) return true;
  const p = a.range.start;
  const q = b.range.start;
  return q.row < p.row || (q.row === p.row && q.column < p.column);
}

/** Name bound by one parameter node, with the node to point at. */
function parameterName(param: SyntaxNode): SyntaxNode | null {
  switch (param.type) {
    case 'identifier':
      return param;
    case 'default_parameter':
    case 'typed_default_parameter':
      return param.childForFieldName('name');
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return param.namedChildren.find((c) => c !== null && c.type === 'identifier') ?? firstSplatName(param);
    default:
      return null;
  }
}

function firstSplatName(param: SyntaxNode): SyntaxNode | null {
  for (const c of param.namedChildren) {
    if (c && (c.type === 'list_splat_pattern' || c.type === 'dictionary_splat_pattern')) return parameterName(c);
  }
  return null;
}

function splatKind(param: SyntaxNode): 'star' | 'starstar' | null {
  if (param.type === 'list_splat_pattern' || param.type === 'keyword_separator') return 'star';
  if (param.type === 'dictionary_splat_pattern') return 'starstar';
  if (param.type === 'typed_parameter') {
    for (const c of param.namedChildren) {
      if (c?.type === 'list_splat_pattern') return 'star';
      if (c?.type === 'dictionary_splat_pattern') return 'starstar';
    }
  }
  return null;
}

/** Parser- and symtable-level checks of one parameter list. */
function checkParameters(params: SyntaxNode, report: (d: Diagnostic, stage: 'parse' | 'compile') => void): void {
  const seen = new Set<string>();
  let sawDefault = false;
  let star: SyntaxNode | null = null;
  let namedAfterStar = false;
  let starstar: SyntaxNode | null = null;
  let slash = false;
  let count = 0;
  for (const param of params.namedChildren) {
    if (!param || param.type === 'comment') continue;
    if (starstar) {
      report(error('arguments cannot follow var-keyword argument', param), 'parse');
      return;
    }
    if (param.type === 'positional_separator') {
      if (slash) report(error('/ may appear only once', param), 'parse');
      else if (star) report(error('/ must be ahead of *', param), 'parse');
      else if (count === 0) report(error('at least one argument must precede /', param), 'parse');
      slash = true;
      continue;
    }
    const splat = splatKind(param);
    if (splat === 'star') {
      if (star) {
        report(error('* argument may appear only once', param), 'parse');
        return;
      }
      star = param;
    } else if (splat === 'starstar') {
      if (star && star.type === 'keyword_separator' && !namedAfterStar) {
        report(error('named arguments must follow bare *', star), 'parse');
        return;
      }
      starstar = param;
    } else {
      count++;
      if (star) namedAfterStar = true;
      const hasDefault = param.type === 'default_parameter' || param.type === 'typed_default_parameter';
      if (hasDefault) sawDefault = true;
      else if (sawDefault && !star) {
        report(error('non-default argument follows default argument', param), 'parse');
        return;
      }
    }
    const name = parameterName(param);
    if (name) {
      const text = name.text.normalize('NFKC');
      if (seen.has(text)) report(error(`duplicate argument '${text}' in function definition`, name), 'compile');
      seen.add(text);
    }
  }
  if (star && star.type === 'keyword_separator' && !namedAfterStar && !starstar) {
    report(error('named arguments must follow bare *', star), 'parse');
  }
}

/** Parser-level checks of a call's arguments. */
function checkArguments(args: SyntaxNode, report: (d: Diagnostic, stage: 'parse' | 'compile') => void): void {
  let keyword = false;
  let kwSplat = false;
  const names = new Set<string>();
  for (const arg of args.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      keyword = true;
      const name = arg.childForFieldName('name');
      if (name) {
        const text = name.text.normalize('NFKC');
        if (names.has(text)) report(error(`keyword argument repeated: ${text}`, name), 'parse');
        names.add(text);
      }
    } else if (arg.type === 'dictionary_splat') {
      kwSplat = true;
    } else if (arg.type === 'list_splat') {
      if (kwSplat) report(error('iterable argument unpacking follows keyword argument unpacking', arg), 'parse');
    } else if (keyword || kwSplat) {
      const message = kwSplat
        ? 'positional argument follows keyword argument unpacking'
        : 'positional argument follows keyword argument';
      const at = { row: arg.endPosition.row, column: arg.endPosition.column };
      report({ kind: 'SyntaxError', message, range: { start: at, end: at } }, 'parse');
      return;
    }
  }
}

function describeTarget(node: SyntaxNode): string | null {
  if (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren.find((c) => c !== null && c.type !== 'comment');
    return inner ? describeTarget(inner) : 'literal';
  }
  return LITERALS[node.type] ?? null;
}

/**
 * A node's parent and neighbours as the walk knows them. web-tree-sitter's
 * node.parent, previousSibling and nextSibling each scan the parent's
 * children, so asking them for each of thousands of sibling ERROR nodes was
 * quadratic (found by pipeline-fuzz: a 400 KB line of broken calls ran for
 * minutes).
 */
interface Family {
  readonly parent: SyntaxNode | null;
  readonly previous: SyntaxNode | null;
  readonly next: SyntaxNode | null;
}

/** The message and node for an ERROR node, in CPython's words where the shape is recognisable. */
function describeErrorNode(node: SyntaxNode, family: Family): { diagnostic: Diagnostic; generic: boolean } {
  const children = node.children.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const first = children[0];
  // `1 = x`, `f() = 1`: an expression that cannot be assigned to, followed by '='.
  if (first && children[1]?.type === '=') {
    const what = describeTarget(first);
    if (what === 'None' || what === 'True' || what === 'False') {
      return { diagnostic: error(`cannot assign to ${what}`, first), generic: false };
    }
    if (what) {
      return {
        diagnostic: error(`cannot assign to ${what} here. Maybe you meant '==' instead of '='?`, first),
        generic: false,
      };
    }
  }
  // `if x` / `def f()` without the colon (decorators before a def included).
  const keywordAt = children.findIndex((c) => c.type !== 'decorator');
  const keyword = keywordAt >= 0 ? children[keywordAt] : undefined;
  const header = children.slice(keywordAt);
  if (keyword && header.length > 1 && COMPOUND_KEYWORDS.has(keyword.type) && !header.some((c) => c.type === ':')) {
    // Just after the last token on the keyword's line (a header's expression may run on into the body's tokens).
    const row = keyword.startPosition.row;
    let column = keyword.endPosition.column;
    walkTree(node, {
      enter(n) {
        if (n.childCount === 0 && n.type !== 'comment' && n.startPosition.row === row && n.endPosition.row === row) column = Math.max(column, n.endPosition.column);
        return n.startPosition.row <= row;
      },
    });
    const at = { row, column };
    return {
      diagnostic: { kind: 'SyntaxError', message: "expected ':'", range: { start: at, end: { row: at.row, column: at.column + 1 } } },
      generic: false,
    };
  }
  // `[1, 2 3]`, `f(a b)`: two expressions side by side inside brackets.
  const { parent, previous, next } = family;
  if (parent && BRACKETED.has(parent.type) && first?.isNamed) {
    // CPython names the first of the two expressions that stand side by side.
    const pairStart = next?.isNamed && next.type !== 'comment' ? node : previous?.isNamed && previous.type !== 'comment' ? previous : null;
    if (pairStart) {
      return {
        diagnostic: {
          kind: 'SyntaxError',
          message: 'invalid syntax. Perhaps you forgot a comma?',
          range: { start: rangeOf(pairStart).start, end: rangeOf(node).end },
        },
        generic: false,
      };
    }
  }
  // An incomplete statement (`import`, `x = not`): CPython stops at the line break after it.
  const after = next;
  const singleLine = node.startPosition.row === node.endPosition.row;
  if (singleLine && !(first && children.length > 1 && COMPOUND_KEYWORDS.has(first.type)) && (!after || after.startPosition.row > node.endPosition.row)) {
    const at = { row: node.endPosition.row, column: node.endPosition.column };
    return { diagnostic: { kind: 'SyntaxError', message: 'invalid syntax', range: { start: at, end: at } }, generic: true };
  }
  // Otherwise point at the first token the parser could not take: after a complete leading expression, the next one.
  const culprit =
    first && first.isNamed && children.length === 1 && next && next.startPosition.row === node.endPosition.row
      ? next
      : node;
  return { diagnostic: error('invalid syntax', culprit), generic: true };
}

/**
 * CPython 3.11 refuses a backslash or a '#' in an f-string's expression part,
 * and an empty expression; it reports them just after the string literal
 * that holds them.
 */
function checkFStringExpression(node: SyntaxNode, report: (d: Diagnostic, stage: 'parse' | 'compile') => void): void {
  const expression = node.childForFieldName('expression');
  let piece: SyntaxNode | null = node.parent;
  let specDepth = 0;
  while (piece && piece.type !== 'string') {
    if (piece.type === 'format_specifier') specDepth++;
    piece = piece.parent;
  }
  if (!piece) return;
  const text = expression ? expression.text : '';
  // Python 3.11 ends a non-triple-quoted f-string at its own quote, even inside a field (3.12 does not).
  const opening = piece.child(0)?.text ?? '';
  const quote = opening.replace(/^[a-zA-Z]*/, '');
  let nested: SyntaxNode | null = null;
  if (quote.length === 1 && expression) {
    walkTree(expression, {
      enter(n) {
        if (!nested && n.type === 'string_start' && n.text.replace(/^[a-zA-Z]*/, '').startsWith(quote)) nested = n;
        return nested === null;
      },
    });
  }
  let message: string | null = null;
  if (nested) {
    report(error("f-string: expecting '}' (a string in a field cannot use the f-string's own quote before Python 3.12)", nested), 'parse');
    return;
  }
  if (text.includes('\\')) message = 'f-string expression part cannot include a backslash';
  // A '#' inside a string literal of the field is fine: f"{format(1, '#x')}".
  else if (text.replace(/'[^']*'|"[^"]*"/g, '').includes('#')) message = "f-string expression part cannot include '#'";
  else if (!text.trim()) message = 'f-string: empty expression not allowed';
  else if (expression?.type === 'lambda') message = 'f-string: invalid syntax (a lambda in a field must be parenthesized)';
  else if (specDepth >= 2) message = 'f-string: expressions nested too deeply';
  if (message === null) return;
  const at = { row: piece.endPosition.row, column: piece.endPosition.column };
  report({ kind: 'SyntaxError', message, range: { start: at, end: at } }, 'parse');
}

/** Finds the SyntaxErrors of a parsed tree. */
export function findTreeSyntaxErrors(root: SyntaxNode): TreeSyntaxErrors {
  let parse: Diagnostic | null = null;
  let parseIsGeneric = false;
  let compile: Diagnostic | null = null;
  let insideError = 0;
  const report = (d: Diagnostic, stage: 'parse' | 'compile', generic = false): void => {
    if (stage === 'parse') {
      // A specific error nested in an ERROR node explains that node better than its generic message.
      const refines = insideError > 0 && parseIsGeneric && !generic;
      if (refines || before(parse, d)) {
        parse = d;
        parseIsGeneric = generic;
      }
    } else if (before(compile, d)) compile = d;
  };
  /** Scope kinds from the outside in: 'function', 'loop', 'class'. */
  const scopes: string[] = [];
  const pushed: boolean[] = [];
  // The walk's ancestors, and each parent's children indexed once (see Family).
  const ancestors: SyntaxNode[] = [];
  const siblings = new Map<number, { children: SyntaxNode[]; index: Map<number, number> }>();
  const familyOf = (node: SyntaxNode): Family => {
    const parent = ancestors.length > 0 ? ancestors[ancestors.length - 1] : null;
    if (!parent) return { parent: null, previous: null, next: null };
    let entry = siblings.get(parent.id);
    if (!entry) {
      const children = parent.children.filter((c): c is SyntaxNode => c !== null);
      entry = { children, index: new Map(children.map((c, i) => [c.id, i])) };
      siblings.set(parent.id, entry);
    }
    const i = entry.index.get(node.id);
    if (i === undefined) return { parent, previous: node.previousSibling, next: node.nextSibling };
    return { parent, previous: entry.children[i - 1] ?? null, next: entry.children[i + 1] ?? null };
  };

  walkTree(root, {
    enter(node) {
      const descend = enterNode(node);
      ancestors.push(node);
      return descend;
    },
    leave(node) {
      ancestors.pop();
      leaveNode(node);
    },
  });
  return { parse, parseIsGeneric, compile };

  function enterNode(node: SyntaxNode): boolean {
    {
      let scope: string | null = null;
      if (node.isMissing) {
        const type = node.type;
        const message = type === ':' ? "expected ':'" : node.isNamed ? 'invalid syntax' : `expected '${type}'`;
        report(error(message, node), 'parse', false);
      }
      switch (node.type) {
        case 'ERROR': {
          // `f"{a:=^9}"`: tree-sitter's misread of a format spec (see isFormatSpecWalrus), not an error.
          const family = familyOf(node);
          if (family.parent && isFormatSpecWalrus(family.parent)) {
            pushed.push(false);
            insideError++;
            return true;
          }
          const described = describeErrorNode(node, family);
          report(described.diagnostic, 'parse', described.generic);
          insideError++;
          pushed.push(false);
          return true;
        }
        case 'print_statement':
        case 'exec_statement': {
          // `print >>f, x` is a valid Python 3 expression (a TypeError when it runs).
          if (node.type === 'print_statement' && hasChildOfType(node, 'chevron')) break;
          const name = node.type === 'print_statement' ? 'print' : 'exec';
          report(error(`Missing parentheses in call to '${name}'. Did you mean ${name}(...)?`, node), 'parse');
          break;
        }
        case 'type_alias_statement':
        case 'type_parameter':
          // `dict[str, int]` in an annotation is a subscript, not a 3.12 type parameter list.
          if (node.type === 'type_parameter' && node.parent?.type === 'generic_type') break;
          report(error('invalid syntax (type parameters and type aliases need Python 3.12)', node), 'parse', true);
          break;
        case 'function_definition':
        case 'lambda': {
          const params = node.childForFieldName('parameters');
          if (params) checkParameters(params, report);
          scope = 'function';
          break;
        }
        case 'class_definition':
          scope = 'class';
          break;
        case 'block': {
          const parent = node.parent;
          if (parent && (parent.type === 'for_statement' || parent.type === 'while_statement')) {
            const body = parent.childForFieldName('body');
            if (body && body.id === node.id) scope = 'loop';
          }
          break;
        }
        case 'argument_list':
          checkArguments(node, report);
          break;
        case 'interpolation':
        case 'format_expression':
          checkFStringExpression(node, report);
          break;
        case 'string_start':
          // Python 3 prefixes: r u f b and the pairs br rb fr rf; `ur"..."` tokenizes as a name then a string.
          if (!/^(?:[rRuUfFbB]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF])?['"]/.test(node.text)) {
            const quote = node.text.search(/['"]/);
            const at = { row: node.startPosition.row, column: node.startPosition.column + quote };
            report({ kind: 'SyntaxError', message: 'invalid syntax', range: { start: at, end: { row: at.row, column: at.column + 1 } } }, 'parse', true);
          }
          break;
        case 'integer':
          if (/^\d[\d_]*$/.test(node.text) && node.text.replace(/_/g, '').length > 4300) {
            report(error(`Exceeds the limit (4300 digits) for integer string conversion: value has ${node.text.replace(/_/g, '').length} digits`, node), 'parse');
          }
          break;
        case 'for_in_clause': {
          // `[v for v in 1, 2]`: Python 3 needs parentheses around a tuple to iterate. As a call's argument,
          // `f(x for x in y, 1)` is a generator that is not the only argument.
          const comma = node.children.find((c) => c?.type === ',');
          const generator = node.parent;
          if (comma && generator?.type === 'generator_expression' && generator.parent?.type === 'call' && generator.parent.childForFieldName('arguments')?.id === generator.id) {
            const body = generator.childForFieldName('body') ?? generator;
            report(error('Generator expression must be parenthesized', body), 'parse');
          } else if (comma) report(error('invalid syntax', comma), 'parse', true);
          break;
        }
        case 'named_expression':
          if (isFormatSpecWalrus(node)) break;
          // An unparenthesized `x := 1` as a whole statement.
          if (node.parent?.type === 'expression_statement') {
            const op = node.children.find((c) => c?.type === ':=');
            if (op) report(error('invalid syntax', op), 'parse', true);
          }
          break;
        case 'return_statement':
          if (!scopes.includes('function')) report(error("'return' outside function", node), 'compile');
          break;
        case 'yield':
          if (!scopes.includes('function')) report(error("'yield' outside function", node), 'compile');
          break;
        case 'break_statement':
        case 'continue_statement': {
          const inLoop = scopes.length > 0 && scopes[scopes.length - 1] === 'loop';
          if (!inLoop) {
            const message = node.type === 'break_statement' ? "'break' outside loop" : "'continue' not properly in loop";
            report(error(message, node), 'compile');
          }
          break;
        }
        case 'augmented_assignment': {
          const left = node.childForFieldName('left');
          if (left && (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'tuple')) {
            report(error("'tuple' is an illegal expression for augmented assignment", left), 'parse');
          } else if (left && (left.type === 'list_pattern' || left.type === 'list')) {
            report(error("'list' is an illegal expression for augmented assignment", left), 'parse');
          }
          break;
        }
        case 'delete_statement': {
          for (const target of node.namedChildren) {
            const list = target?.type === 'expression_list' ? target.namedChildren : [target];
            for (const t of list) {
              const what = t ? describeTarget(t) : null;
              if (t && what) report(error(`cannot delete ${what}`, t), 'parse');
            }
          }
          break;
        }
        case 'raise_statement': {
          // Python 2's `raise E, "message"`.
          const list = node.namedChildren.find((c) => c?.type === 'expression_list');
          const comma = list?.children.find((c) => c?.type === ',');
          if (comma) report(error('invalid syntax', comma), 'parse', true);
          const firstToken = node.child(1);
          if (firstToken?.type === 'from') report(error('invalid syntax', firstToken), 'parse', true);
          break;
        }
        case 'except_clause': {
          if (hasChildOfType(node, ',')) {
            const value = node.namedChildren.find((c) => c !== null && c.type !== 'comment' && c.type !== 'block');
            if (value) report(error('multiple exception types must be parenthesized', value), 'parse');
          }
          break;
        }
        case 'import_from_statement': {
          const last = node.child(node.childCount - 1);
          if (last?.type === ',' && !hasChildOfType(node, '(')) {
            const at = { row: last.endPosition.row, column: last.endPosition.column };
            report({ kind: 'SyntaxError', message: 'trailing comma not allowed without surrounding parentheses', range: { start: at, end: at } }, 'parse');
          }
          break;
        }
        case 'identifier':
          if (node.text === 'async' || node.text === 'await') {
            report(error('invalid syntax', familyOf(node).next ?? node), 'parse', true);
          }
          break;
        case 'try_statement': {
          const body = node.childForFieldName('body');
          if (body && body.namedChildCount > 0 && !node.namedChildren.some((c) => c?.type === 'except_clause' || c?.type === 'finally_clause')) {
            const at = { row: body.endPosition.row, column: body.endPosition.column };
            report({ kind: 'SyntaxError', message: "expected 'except' or 'finally' block", range: { start: at, end: at } }, 'parse');
          }
          const handlers = node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'except_clause');
          handlers.forEach((h, i) => {
            const hasType = h.namedChildren.some((c) => c !== null && c.type !== 'block' && c.type !== 'comment');
            if (!hasType && i < handlers.length - 1) report(error("default 'except:' must be last", h), 'compile');
          });
          break;
        }
      }
      // A function or class body resets the loop context; a loop body adds one.
      if (scope) scopes.push(scope);
      pushed.push(scope !== null);
      return true;
    }
  }

  function leaveNode(node: SyntaxNode): void {
    if (pushed.pop()) scopes.pop();
    if (node.type === 'ERROR') insideError--;
  }
}
