// The SyntaxErrors of CPython's compile stage that need to know scopes:
// __future__ imports (not first, unknown feature, braces), the symbol table
// (nonlocal at module level or without a binding, a name used or assigned
// before its global/nonlocal declaration, yield inside a comprehension), and
// await outside an (async) function. Only consulted when the file parses.

import type { SyntaxNode } from './syntax-tree';
import type { Diagnostic } from '../diag/diagnostic';
import { compareByPosition } from '../diag/diagnostic';
import { rangeOf } from './cst-node';
import { walkTree } from './cst-walk';

const FUTURE_FEATURES = new Set([
  'nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function', 'unicode_literals', 'barry_as_FLUFL',
  'generator_stop', 'annotations',
]);

const COMPREHENSIONS: Record<string, string> = {
  list_comprehension: 'list comprehension',
  set_comprehension: 'set comprehension',
  dictionary_comprehension: 'dict comprehension',
  generator_expression: 'generator expression',
};

function error(message: string, node: SyntaxNode): Diagnostic {
  return { kind: 'SyntaxError', message, range: rangeOf(node) };
}

function isFunction(node: SyntaxNode): boolean {
  return node.type === 'function_definition' || node.type === 'lambda';
}

function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  for (let p = node.parent; p; p = p.parent) {
    if (isFunction(p)) return p;
    if (p.type === 'class_definition') return null;
  }
  return null;
}

function isAsync(fn: SyntaxNode): boolean {
  return fn.type === 'function_definition' && (fn.child(0)?.type === 'async');
}

/** Where an identifier is bound (an assignment or loop target, a parameter, a def, an import alias ...). */
function isBinding(id: SyntaxNode): boolean {
  let node = id;
  for (let p = id.parent; p; node = p, p = p.parent) {
    switch (p.type) {
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'list_splat_pattern':
      case 'parenthesized_expression':
        continue;
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        return p.childForFieldName('left')?.id === node.id;
      case 'function_definition':
        return p.childForFieldName('name')?.id === node.id;
      case 'parameters':
      case 'lambda_parameters':
      case 'default_parameter':
      case 'typed_parameter':
      case 'typed_default_parameter':
        return node.type === 'identifier' && (p.type === 'parameters' || p.type === 'lambda_parameters' || p.childForFieldName('name')?.id === node.id || p.type === 'typed_parameter');
      case 'aliased_import':
        return p.childForFieldName('alias')?.id === node.id;
      case 'as_pattern_target':
        return true;
      default:
        return false;
    }
  }
  return false;
}

/** Names a function binds itself (parameters, assignments ...), not counting nested functions. */
function boundNames(fn: SyntaxNode): Set<string> {
  const names = new Set<string>();
  walkTree(fn, {
    enter(node) {
      if (node.id !== fn.id && isFunction(node)) {
        const name = node.childForFieldName('name');
        if (name) names.add(name.text);
        return false;
      }
      if (node.type === 'identifier' && isBinding(node)) names.add(node.text);
      return true;
    },
  });
  return names;
}

export interface CompileErrors {
  /** A bad __future__ import: CPython reports it before any other compile error. */
  readonly future: Diagnostic | null;
  /** The first symbol-table or await error, by position. */
  readonly scoped: Diagnostic | null;
}

/** The compile-stage errors that need scopes. */
export function findCompileErrors(root: SyntaxNode): CompileErrors {
  let first: Diagnostic | null = null;
  const report = (d: Diagnostic): void => {
    if (!first || compareByPosition(d, first) < 0) first = d;
  };
  let future: Diagnostic | null = null;
  let seenOther = false;

  // __future__ imports come first: CPython checks them before the symbol table.
  for (let i = 0; i < root.namedChildCount && !future; i++) {
    const stmt = root.namedChild(i);
    if (!stmt || stmt.type === 'comment') continue;
    const isDocstring = i === 0 && stmt.type === 'expression_statement' && stmt.namedChild(0)?.type === 'string';
    if (stmt.type === 'future_import_statement') {
      if (seenOther) future = error('from __future__ imports must occur at the beginning of the file', stmt);
      for (let j = 0; j < stmt.childCount && !future; j++) {
        if (stmt.fieldNameForChild(j) !== 'name') continue;
        const item = stmt.child(j) as SyntaxNode;
        const feature = (item.type === 'aliased_import' ? item.childForFieldName('name') ?? item : item).text;
        if (feature === 'braces') future = error('not a chance', stmt);
        else if (!FUTURE_FEATURES.has(feature)) future = error(`future feature ${feature} is not defined`, stmt);
      }
    } else if (!isDocstring) seenOther = true;
  }
  if (future) return { future, scoped: null };

  walkTree(root, {
    enter(node) {
      switch (node.type) {
        case 'future_import_statement':
          if (node.parent?.type !== 'module') report(error('from __future__ imports must occur at the beginning of the file', node));
          break;
        case 'await': {
          const fn = enclosingFunction(node);
          if (!fn) report(error("'await' outside function", node));
          else if (!isAsync(fn)) report(error("'await' outside async function", node));
          break;
        }
        case 'yield': {
          for (let p = node.parent; p && !isFunction(p); p = p.parent) {
            const what = COMPREHENSIONS[p.type];
            if (what) {
              report(error(`'yield' inside ${what}`, node));
              break;
            }
          }
          break;
        }
        case 'global_statement':
        case 'nonlocal_statement':
          checkDeclaration(node, report);
          break;
        case 'identifier':
          if (node.text === '__debug__' && isBinding(node)) report(error('cannot assign to __debug__', node));
          break;
        case 'named_expression':
          for (let p = node.parent; p && !isFunction(p); p = p.parent) {
            if (p.type === 'for_in_clause') {
              report(error('assignment expression cannot be used in a comprehension iterable expression', node));
              break;
            }
          }
          break;
        case 'delete_statement':
          walkTree(node, {
            enter(n) {
              if (n.type === 'list_splat' || n.type === 'list_splat_pattern') report(error('cannot delete starred', n));
              return true;
            },
          });
          break;
        case 'tuple':
          // `(*xs)`: a starred expression alone in parentheses is not a tuple.
          if (node.namedChildCount === 1 && node.namedChild(0)?.type === 'list_splat' && !node.children.some((c) => c?.type === ',')) {
            report(error('cannot use starred expression here', node.namedChild(0) as SyntaxNode));
          }
          break;
        case 'for_statement':
        case 'with_statement':
          if (node.child(0)?.type === 'async') {
            const fn = enclosingFunction(node);
            if (!fn || !isAsync(fn)) report(error(`'async ${node.type === 'for_statement' ? 'for' : 'with'}' outside async function`, node));
          }
          break;
        case 'for_in_clause': {
          const comprehension = node.parent;
          if (node.child(0)?.type === 'async' && comprehension && comprehension.type !== 'generator_expression') {
            const fn = enclosingFunction(node);
            if (!fn || !isAsync(fn)) report(error('asynchronous comprehension outside of an asynchronous function', comprehension));
          }
          break;
        }
      }
      return true;
    },
  });
  return { future: null, scoped: first };
}

function checkDeclaration(stmt: SyntaxNode, report: (d: Diagnostic) => void): void {
  const kind = stmt.type === 'global_statement' ? 'global' : 'nonlocal';
  const fn = enclosingFunction(stmt);
  if (!fn && kind === 'nonlocal') {
    report(error('nonlocal declaration not allowed at module level', stmt));
    return;
  }
  const names = new Set<string>();
  for (let i = 0; i < stmt.namedChildCount; i++) {
    const id = stmt.namedChild(i);
    if (id?.type === 'identifier') names.add(id.text);
  }
  // A name the scope uses or binds before declaring it.
  let scope = fn ?? stmt;
  while (!fn && scope.parent) scope = scope.parent;
  walkTree(scope, {
    enter(node) {
      if (node.id !== scope.id && isFunction(node)) return false;
      if (node.startIndex >= stmt.startIndex) return false;
      if (node.type === 'identifier' && names.has(node.text)) {
        const binding = isBinding(node);
        report(error(binding ? `name '${node.text}' is assigned to before ${kind} declaration` : `name '${node.text}' is used prior to ${kind} declaration`, stmt));
      }
      return true;
    },
  });
  if (kind === 'nonlocal' && fn) {
    for (const name of names) {
      let found = false;
      for (let outer = enclosingFunction(fn); outer && !found; outer = enclosingFunction(outer)) found = boundNames(outer).has(name);
      if (!found) report(error(`no binding for nonlocal '${name}' found`, stmt));
    }
  }
}
