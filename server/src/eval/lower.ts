// Lowers a tree-sitter CST (already checked by the syntax and policy stages)
// into the evaluator's tree (ast.ts): decodes literals, normalises
// identifiers (NFKC), and resolves every name to its scope the way CPython's
// symbol table does (a name bound anywhere in a function is local to it;
// comprehensions and lambdas are scopes of their own).

import type { SyntaxNode } from '../syntax/syntax-tree';
import { normalizeIdentifier } from '../check/restricted-names';
import { isFormatSpecWalrus } from '../syntax/cst-node';
import type { Arg, CompClause, DictItem, Element, Expr, FStringPart, FunctionDef, Handler, ImportBinding, Loc, Module, NameRef, Param, Params, Stmt, Target } from './ast';
import { INT_MAX } from './numbers';
import { ELLIPSIS } from './values';
import { decodeStringBody, EscapeError } from './string-literal';

/** A construct the lowering cannot accept; reported like a policy violation. */
export class LowerError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly loc: Loc,
  ) {
    super(message);
  }
}

export function locOf(node: SyntaxNode): Loc {
  return { row: node.startPosition.row, col: node.startPosition.column, endRow: node.endPosition.row, endCol: node.endPosition.column };
}

class Scope {
  readonly bound = new Set<string>();
  readonly refs: { ref: NameRef; origin: Scope }[] = [];
  constructor(
    readonly parent: Scope | null,
    readonly isModule: boolean,
  ) {}
}

function namedChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child && child.type !== 'comment' && child.type !== 'line_continuation') out.push(child);
  }
  return out;
}

function field(node: SyntaxNode, name: string): SyntaxNode {
  const child = node.childForFieldName(name);
  if (!child) throw new LowerError('SyntaxError', `incomplete ${node.type.replace(/_/g, ' ')}`, locOf(node));
  return child;
}

function identifierText(node: SyntaxNode): string {
  return normalizeIdentifier(node.text);
}

/** The statements each top-level syntax node lowered to, and where the node was then (see Lowering.module). */
const loweredStatements = new WeakMap<SyntaxNode, { readonly startIndex: number; readonly row: number; readonly column: number; readonly statements: readonly Stmt[] }>();

export function lowerModule(root: SyntaxNode, source: string): Module {
  return new Lowering(source).module(root);
}

class Lowering {
  private scope = new Scope(null, true);
  /** The `*x` at the base of a postfix chain being lowered as a starred element (see element()). */
  private splatBase: number | null = null;

  constructor(private readonly source: string) {}

  module(root: SyntaxNode): Module {
    const body: Stmt[] = [];
    for (const child of namedChildren(root)) {
      // A top-level statement lowers the same wherever the module's other statements are (its names resolve
      // within itself or to globals): a syntax node taken over unchanged from the previous copy, still at the
      // same point, reuses its statements, which also makes comparing the programs cheap (same objects).
      const start = child.startPosition;
      const known = loweredStatements.get(child);
      if (known && known.startIndex === child.startIndex && known.row === start.row && known.column === start.column) {
        body.push(...known.statements);
        continue;
      }
      const first = body.length;
      this.statement(child, body);
      loweredStatements.set(child, { startIndex: child.startIndex, row: start.row, column: start.column, statements: body.slice(first) });
    }
    this.finish(this.scope);
    return { body };
  }

  // ---------------------------------------------------------------- scopes

  private ref(id: string, loc: Loc): NameRef {
    const ref: NameRef = { k: 'name', loc, id, scope: 'global' };
    this.scope.refs.push({ ref, origin: this.scope });
    return ref;
  }

  private bindName(id: string, loc: Loc): NameRef {
    this.scope.bound.add(id);
    return this.ref(id, loc);
  }

  private finish(scope: Scope): void {
    for (const { ref, origin } of scope.refs) {
      if (scope.isModule) ref.scope = 'global';
      else if (scope.bound.has(ref.id)) ref.scope = origin === scope ? 'local' : 'enclosing';
      else if (scope.parent) scope.parent.refs.push({ ref, origin });
    }
  }

  private inScope<T>(build: () => T): T {
    const scope = new Scope(this.scope, false);
    this.scope = scope;
    try {
      return build();
    } finally {
      this.scope = scope.parent as Scope;
      this.finish(scope);
    }
  }

  // ------------------------------------------------------------ statements

  private block(node: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    for (const child of namedChildren(node)) this.statement(child, out);
    return out;
  }

  private statement(node: SyntaxNode, out: Stmt[]): void {
    const loc = locOf(node);
    switch (node.type) {
      case 'expression_statement': {
        const children = namedChildren(node);
        const first = children[0];
        if (children.length === 1 && first.type === 'assignment') out.push(this.assignment(first));
        else if (children.length === 1 && first.type === 'augmented_assignment') out.push(this.augmented(first));
        else if (children.length === 1) out.push({ k: 'expr', loc, value: this.expr(first) });
        else out.push({ k: 'expr', loc, value: { k: 'tuple', loc, elts: children.map((c) => this.element(c)) } });
        return;
      }
      case 'if_statement': {
        const alternatives: SyntaxNode[] = [];
        for (let i = 0; i < node.childCount; i++) if (node.fieldNameForChild(i) === 'alternative') alternatives.push(node.child(i) as SyntaxNode);
        let orelse: Stmt[] = [];
        for (let i = alternatives.length - 1; i >= 0; i--) {
          const alt = alternatives[i];
          if (alt.type === 'else_clause') orelse = this.block(field(alt, 'body'));
          else orelse = [{ k: 'if', loc: locOf(alt), cond: this.expr(field(alt, 'condition')), body: this.block(field(alt, 'consequence')), orelse }];
        }
        out.push({ k: 'if', loc, cond: this.expr(field(node, 'condition')), body: this.block(field(node, 'consequence')), orelse });
        return;
      }
      case 'for_statement': {
        const iter = this.exprOrTuple(field(node, 'right'));
        const target = this.target(field(node, 'left'));
        const alt = node.childForFieldName('alternative');
        out.push({ k: 'for', loc, target, iter, body: this.block(field(node, 'body')), orelse: alt ? this.block(field(alt, 'body')) : [] });
        return;
      }
      case 'while_statement': {
        const alt = node.childForFieldName('alternative');
        out.push({ k: 'while', loc, cond: this.expr(field(node, 'condition')), body: this.block(field(node, 'body')), orelse: alt ? this.block(field(alt, 'body')) : [] });
        return;
      }
      case 'pass_statement':
        out.push({ k: 'pass', loc });
        return;
      case 'break_statement':
        out.push({ k: 'break', loc });
        return;
      case 'continue_statement':
        out.push({ k: 'continue', loc });
        return;
      case 'return_statement': {
        const value = namedChildren(node)[0];
        out.push({ k: 'return', loc, value: value ? this.exprOrTuple(value) : null });
        return;
      }
      case 'function_definition':
        out.push(this.functionDef(node, [], node.startPosition.row));
        return;
      case 'decorated_definition': {
        const decorators = namedChildren(node)
          .filter((c) => c.type === 'decorator')
          .map((d) => this.expr(namedChildren(d)[0]));
        const definition = field(node, 'definition');
        if (definition.type !== 'function_definition') throw new LowerError('SecurityError', 'class definitions are not allowed in workflow files', locOf(definition));
        out.push(this.functionDef(definition, decorators, node.startPosition.row));
        return;
      }
      case 'assert_statement': {
        const [test, message] = namedChildren(node);
        out.push({ k: 'assert', loc, test: this.expr(test), message: message ? this.expr(message) : null });
        return;
      }
      case 'raise_statement': {
        const causeNode = node.childForFieldName('cause');
        const exc = namedChildren(node).find((c) => c.id !== causeNode?.id);
        out.push({ k: 'raise', loc, exc: exc ? this.exprOrTuple(exc) : null, cause: causeNode ? this.expr(causeNode) : null });
        return;
      }
      case 'try_statement':
        out.push(this.tryStatement(node));
        return;
      case 'delete_statement': {
        const what = namedChildren(node)[0];
        const items = what.type === 'expression_list' ? namedChildren(what) : [what];
        out.push({ k: 'del', loc, targets: items.map((t) => this.target(t)) });
        return;
      }
      case 'print_statement': {
        // `print >>f, x` (checked to have its chevron): the tuple (print >> f, x), as Python 3 reads it.
        const chevron = namedChildren(node).find((c) => c.type === 'chevron');
        const printName = node.child(0) as SyntaxNode;
        const target = chevron ? this.expr(namedChildren(chevron)[0]) : null;
        const shifted: Expr = { k: 'binop', loc: chevron ? { ...loc, endRow: chevron.endPosition.row, endCol: chevron.endPosition.column } : loc, op: '>>', left: this.ref('print', locOf(printName)), right: target ?? { k: 'const', loc, value: null } };
        const rest = namedChildren(node).filter((c) => c.type !== 'chevron').map((c) => this.element(c));
        out.push({ k: 'expr', loc, value: rest.length ? { k: 'tuple', loc, elts: [{ star: false, value: shifted }, ...rest] } : shifted });
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
        out.push({ k: 'import', loc, bindings: this.importBindings(node) });
        return;
      default:
        out.push({ k: 'unsupported', loc, kind: 'SecurityError', message: `${node.type.replace(/_/g, ' ')} is not supported in workflow files` });
    }
  }

  private assignment(node: SyntaxNode): Stmt {
    const loc = locOf(node);
    if (node.childForFieldName('type')) {
      throw new LowerError('SecurityError', 'AnnAssign statements are not allowed.', loc);
    }
    const lefts: SyntaxNode[] = [];
    let current: SyntaxNode = node;
    while (current.type === 'assignment') {
      lefts.push(field(current, 'left'));
      const right = current.childForFieldName('right');
      if (!right) throw new LowerError('SyntaxError', 'invalid syntax', loc);
      current = right;
    }
    if (current.type === 'augmented_assignment') throw new LowerError('SyntaxError', 'invalid syntax', locOf(current));
    const value = this.exprOrTuple(current);
    return { k: 'assign', loc, targets: lefts.map((l) => this.target(l)), value };
  }

  private augmented(node: SyntaxNode): Stmt {
    const op = field(node, 'operator').text.slice(0, -1);
    const value = this.exprOrTuple(field(node, 'right'));
    const target = this.target(field(node, 'left'));
    if (target.k === 'unpack' || target.k === 'star') throw new LowerError('SyntaxError', "'tuple' is an illegal expression for augmented assignment", target.loc);
    return { k: 'augassign', loc: locOf(node), target, op, value };
  }

  private functionDef(node: SyntaxNode, decorators: Expr[], firstRow: number): FunctionDef {
    const nameNode = field(node, 'name');
    const name = identifierText(nameNode);
    const target = this.bindName(name, locOf(nameNode));
    const parameters = field(node, 'parameters');
    const defaults = this.parameterDefaults(parameters);
    const annotations = this.annotations(parameters, node.childForFieldName('return_type'));
    return this.inScope(() => {
      const params = this.params(parameters, defaults);
      const body = this.block(field(node, 'body'));
      return { k: 'def', loc: locOf(node), name, target, params, body, decorators, annotations, firstRow };
    });
  }

  /** Default values are evaluated in the enclosing scope, before the function's own scope opens. */
  private parameterDefaults(parameters: SyntaxNode | null): Map<number, Expr> {
    const defaults = new Map<number, Expr>();
    if (!parameters) return defaults;
    for (const p of namedChildren(parameters)) {
      if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') defaults.set(p.id, this.expr(field(p, 'value')));
    }
    return defaults;
  }

  /** Annotations are evaluated in the enclosing scope when the def runs, as CPython does (`x: Config` is a NameError there too). */
  private annotations(parameters: SyntaxNode, returnType: SyntaxNode | null): Expr[] {
    const out: Expr[] = [];
    for (const p of namedChildren(parameters)) {
      const type = p.type === 'typed_parameter' || p.type === 'typed_default_parameter' ? p.childForFieldName('type') : null;
      if (type) out.push(this.typeExpr(type));
    }
    if (returnType) out.push(this.typeExpr(returnType));
    return out;
  }

  /** A `type` node (or a part of one) as the expression it is: `dict[str, int]`, `int | None`, `"Forward"`. */
  private typeExpr(node: SyntaxNode): Expr {
    const loc = locOf(node);
    switch (node.type) {
      case 'type': {
        const inner = namedChildren(node)[0];
        return inner ? this.typeExpr(inner) : { k: 'const', loc, value: null };
      }
      case 'generic_type': {
        const [base, parameters] = namedChildren(node);
        const args = parameters ? namedChildren(parameters).map((t) => this.typeExpr(t)) : [];
        const index: Expr = args.length === 1 ? args[0] : { k: 'tuple', loc, elts: args.map((value) => ({ star: false, value })) };
        return { k: 'subscript', loc, obj: this.typeExpr(base), index };
      }
      case 'union_type': {
        const [left, right] = namedChildren(node);
        return { k: 'binop', loc, op: '|', left: this.typeExpr(left), right: this.typeExpr(right) };
      }
      case 'member_type': {
        const parts = namedChildren(node);
        const last = parts[parts.length - 1];
        return { k: 'attr', loc, obj: this.typeExpr(parts[0]), name: identifierText(last), nameLoc: locOf(last) };
      }
      case 'constrained_type':
      case 'splat_type':
        return { k: 'const', loc, value: null };
      default:
        return this.expr(node);
    }
  }

  private params(parameters: SyntaxNode | null, defaults: Map<number, Expr>): Params {
    const list: Param[] = [];
    if (!parameters) return { list };
    let keywordOnly = false;
    const seen = new Set<string>();
    const add = (nameNode: SyntaxNode, kind: Param['kind'], dflt: Expr | null): void => {
      if (nameNode.type !== 'identifier') throw new LowerError('SyntaxError', 'invalid syntax', locOf(nameNode));
      const name = identifierText(nameNode);
      if (seen.has(name)) throw new LowerError('SyntaxError', `duplicate argument '${name}' in function definition`, locOf(nameNode));
      seen.add(name);
      this.bindName(name, locOf(nameNode));
      list.push({ name, kind, default: dflt, loc: locOf(nameNode) });
    };
    for (const p of namedChildren(parameters)) {
      switch (p.type) {
        case 'identifier':
          add(p, keywordOnly ? 'keyword-only' : 'positional', null);
          break;
        case 'typed_parameter': {
          const inner = namedChildren(p)[0];
          if (inner.type === 'list_splat_pattern') {
            add(namedChildren(inner)[0], 'star', null);
            keywordOnly = true;
          } else if (inner.type === 'dictionary_splat_pattern') add(namedChildren(inner)[0], 'double-star', null);
          else add(inner, keywordOnly ? 'keyword-only' : 'positional', null);
          break;
        }
        case 'default_parameter':
        case 'typed_default_parameter':
          add(field(p, 'name'), keywordOnly ? 'keyword-only' : 'positional', defaults.get(p.id) ?? null);
          break;
        case 'list_splat_pattern':
          add(namedChildren(p)[0], 'star', null);
          keywordOnly = true;
          break;
        case 'dictionary_splat_pattern':
          add(namedChildren(p)[0], 'double-star', null);
          break;
        case 'keyword_separator':
          keywordOnly = true;
          break;
        case 'positional_separator':
          for (let i = 0; i < list.length; i++) if (list[i].kind === 'positional') list[i] = { ...list[i], kind: 'positional-only' };
          break;
        default:
          throw new LowerError('SyntaxError', 'invalid syntax', locOf(p));
      }
    }
    return { list };
  }

  private tryStatement(node: SyntaxNode): Stmt {
    const body = this.block(field(node, 'body'));
    const handlers: Handler[] = [];
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    for (const clause of namedChildren(node)) {
      if (clause.type === 'except_clause') {
        let types: Expr | null = null;
        let name: NameRef | null = null;
        const parts = namedChildren(clause);
        const block = parts[parts.length - 1];
        const head = parts.slice(0, -1);
        for (const part of head) {
          if (part.type === 'as_pattern') {
            const [value] = namedChildren(part);
            types = this.expr(value);
            const alias = part.childForFieldName('alias');
            const id = alias ? namedChildren(alias)[0] : undefined;
            if (id) name = this.bindName(identifierText(id), locOf(id));
          } else if (part.type === 'identifier' && types) {
            name = this.bindName(identifierText(part), locOf(part));
          } else if (!types) types = this.expr(part);
        }
        handlers.push({ loc: locOf(clause), types, name, body: this.block(block) });
      } else if (clause.type === 'else_clause') orelse = this.block(field(clause, 'body'));
      else if (clause.type === 'finally_clause') finalbody = this.block(namedChildren(clause).find((c) => c.type === 'block') as SyntaxNode);
    }
    return { k: 'try', loc: locOf(node), body, handlers, orelse, finalbody };
  }

  private importBindings(node: SyntaxNode): ImportBinding[] {
    const out: ImportBinding[] = [];
    if (node.type === 'import_statement') {
      for (const item of namedChildren(node)) {
        if (item.type === 'aliased_import') {
          const module = identifierText(field(item, 'name')).replace(/\s+/g, '');
          const alias = field(item, 'alias');
          out.push({ target: this.bindName(identifierText(alias), locOf(alias)), module, member: null });
        } else {
          const module = identifierText(item).replace(/\s+/g, '');
          out.push({ target: this.bindName(module.split('.')[0], locOf(item)), module: 'plue', member: null });
        }
      }
      return out;
    }
    const module = identifierText(field(node, 'module_name')).replace(/\s+/g, '');
    for (let i = 0; i < node.childCount; i++) {
      if (node.fieldNameForChild(i) !== 'name') continue;
      const item = node.child(i) as SyntaxNode;
      if (item.type === 'aliased_import') {
        const alias = field(item, 'alias');
        out.push({ target: this.bindName(identifierText(alias), locOf(alias)), module, member: identifierText(field(item, 'name')) });
      } else {
        const member = identifierText(item);
        out.push({ target: this.bindName(member, locOf(item)), module, member });
      }
    }
    return out;
  }

  // --------------------------------------------------------------- targets

  private target(node: SyntaxNode): Target {
    const loc = locOf(node);
    switch (node.type) {
      case 'identifier':
        return this.bindName(identifierText(node), loc);
      case 'attribute': {
        const nameNode = field(node, 'attribute');
        return { k: 'attr', loc, obj: this.expr(field(node, 'object')), name: identifierText(nameNode), nameLoc: locOf(nameNode) };
      }
      case 'subscript':
        return { k: 'subscript', loc, obj: this.expr(field(node, 'value')), index: this.subscriptIndex(node) };
      case 'parenthesized_expression': {
        const inner = namedChildren(node)[0];
        return this.target(inner);
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        const elts = namedChildren(node).map((c) => this.target(c));
        const stars = elts.filter((e) => e.k === 'star').length;
        if (stars > 1) throw new LowerError('SyntaxError', 'multiple starred expressions in assignment', loc);
        return { k: 'unpack', loc, elts, starAt: elts.findIndex((e) => e.k === 'star') };
      }
      case 'list_splat_pattern':
      case 'list_splat':
        return { k: 'star', loc, target: this.target(namedChildren(node)[0]) };
      default:
        throw new LowerError('SyntaxError', `cannot assign to ${node.type.replace(/_/g, ' ')}`, loc);
    }
  }

  // ----------------------------------------------------------- expressions

  private exprOrTuple(node: SyntaxNode): Expr {
    if (node.type === 'expression_list' || node.type === 'pattern_list') {
      return { k: 'tuple', loc: locOf(node), elts: namedChildren(node).map((c) => this.element(c)) };
    }
    return this.expr(node);
  }

  private element(node: SyntaxNode): Element {
    // tree-sitter reads `[*f(x)]` / `[*a.b]` as a call or attribute whose base is `*f`: the star belongs to the whole chain.
    let base: SyntaxNode | null = node;
    while (base && (base.type === 'call' || base.type === 'attribute' || base.type === 'subscript')) {
      base = base.childForFieldName(base.type === 'call' ? 'function' : base.type === 'attribute' ? 'object' : 'value');
    }
    if (base && base !== node && base.type === 'list_splat') {
      this.splatBase = base.id;
      try {
        return { star: true, value: this.expr(node) };
      } finally {
        this.splatBase = null;
      }
    }
    if (node.type === 'list_splat' || node.type === 'parenthesized_list_splat' || node.type === 'list_splat_pattern') {
      let inner = namedChildren(node)[0];
      while (inner.type === 'list_splat' || inner.type === 'parenthesized_expression') inner = namedChildren(inner)[0];
      return { star: true, value: this.expr(inner) };
    }
    return { star: false, value: this.expr(node) };
  }

  private subscriptIndex(node: SyntaxNode): Expr {
    const parts: SyntaxNode[] = [];
    for (let i = 0; i < node.childCount; i++) if (node.fieldNameForChild(i) === 'subscript') parts.push(node.child(i) as SyntaxNode);
    if (parts.length === 1) return this.expr(parts[0]);
    return { k: 'tuple', loc: locOf(node), elts: parts.map((p) => ({ star: false, value: this.expr(p) })) };
  }

  expr(node: SyntaxNode): Expr {
    const loc = locOf(node);
    if (node.type === 'list_splat' && node.id === this.splatBase) return this.expr(namedChildren(node)[0]);
    switch (node.type) {
      case 'identifier':
        return this.ref(identifierText(node), loc);
      case 'integer':
        return this.intLiteral(node);
      case 'float':
        return this.floatLiteral(node);
      case 'true':
        return { k: 'const', loc, value: true };
      case 'false':
        return { k: 'const', loc, value: false };
      case 'none':
        return { k: 'const', loc, value: null };
      case 'string':
      case 'concatenated_string':
        return this.stringLiteral(node);
      case 'parenthesized_expression': {
        const inner = namedChildren(node)[0];
        if (inner.type === 'list_splat') throw new LowerError('SyntaxError', 'cannot use starred expression here', loc);
        return this.expr(inner);
      }
      case 'attribute': {
        const nameNode = field(node, 'attribute');
        return { k: 'attr', loc, obj: this.expr(field(node, 'object')), name: identifierText(nameNode), nameLoc: locOf(nameNode) };
      }
      case 'subscript':
        return { k: 'subscript', loc, obj: this.expr(field(node, 'value')), index: this.subscriptIndex(node) };
      case 'slice':
        return this.slice(node);
      case 'call':
        return this.call(node);
      case 'binary_operator':
        return { k: 'binop', loc, op: field(node, 'operator').type, left: this.expr(field(node, 'left')), right: this.expr(field(node, 'right')) };
      case 'unary_operator':
        return { k: 'unary', loc, op: field(node, 'operator').type as '-' | '+' | '~', operand: this.expr(field(node, 'argument')) };
      case 'not_operator':
        return { k: 'not', loc, operand: this.expr(field(node, 'argument')) };
      case 'boolean_operator':
        return { k: 'boolop', loc, op: field(node, 'operator').type as 'and' | 'or', left: this.expr(field(node, 'left')), right: this.expr(field(node, 'right')) };
      case 'comparison_operator':
        return this.comparison(node);
      case 'conditional_expression': {
        const [then, cond, orelse] = namedChildren(node);
        return { k: 'ifexp', loc, cond: this.expr(cond), then: this.expr(then), orelse: this.expr(orelse) };
      }
      case 'list':
      case 'tuple':
      case 'set':
        return { k: node.type, loc, elts: namedChildren(node).map((c) => this.element(c)) };
      case 'expression_list':
        return this.exprOrTuple(node);
      case 'dictionary': {
        const items: DictItem[] = namedChildren(node).map((c) =>
          c.type === 'dictionary_splat' ? { splat: this.expr(namedChildren(c)[0]) } : { key: this.expr(field(c, 'key')), value: this.expr(field(c, 'value')) },
        );
        return { k: 'dict', loc, items };
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return this.comprehension(node);
      case 'lambda': {
        const parameters = node.childForFieldName('parameters');
        const defaults = this.parameterDefaults(parameters);
        return this.inScope(() => {
          const params = this.params(parameters, defaults);
          return { k: 'lambda', loc, params, body: this.expr(field(node, 'body')) };
        });
      }
      case 'ellipsis':
        return { k: 'const', loc, value: ELLIPSIS };
      default:
        throw new LowerError('SyntaxError', `${node.type.replace(/_/g, ' ')} is not supported here`, loc);
    }
  }

  /** Ints in the 64-bit range become constants; others stay literals that raise OverflowError when evaluated. */
  private intLiteral(node: SyntaxNode): Expr {
    const loc = locOf(node);
    const text = node.text.replace(/_/g, '').toLowerCase();
    if (text.endsWith('j')) return { k: 'unsupported', loc, kind: 'TypeError', message: 'complex numbers are not supported in workflow files' };
    const value = BigInt(text);
    if (value <= INT_MAX) return { k: 'const', loc, value };
    return { k: 'int', loc, text };
  }

  private floatLiteral(node: SyntaxNode): Expr {
    const loc = locOf(node);
    const text = node.text.replace(/_/g, '');
    if (/[jJ]$/.test(text)) return { k: 'unsupported', loc, kind: 'TypeError', message: 'complex numbers are not supported in workflow files' };
    return { k: 'const', loc, value: Number(text) };
  }

  private slice(node: SyntaxNode): Expr {
    const parts: (Expr | null)[] = [null];
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i) as SyntaxNode;
      if (child.type === ':') parts.push(null);
      else if (child.isNamed && child.type !== 'comment' && child.type !== 'line_continuation') parts[parts.length - 1] = this.expr(child);
    }
    return { k: 'slice', loc: locOf(node), lower: parts[0] ?? null, upper: parts[1] ?? null, step: parts[2] ?? null };
  }

  private call(node: SyntaxNode): Expr {
    const loc = locOf(node);
    const func = this.expr(field(node, 'function'));
    const argsNode = field(node, 'arguments');
    if (argsNode.type === 'generator_expression') return { k: 'call', loc, func, args: [{ kind: 'positional', value: this.comprehension(argsNode) }] };
    const args: Arg[] = [];
    for (const a of namedChildren(argsNode)) {
      if (a.type === 'keyword_argument') {
        const nameNode = field(a, 'name');
        args.push({ kind: 'keyword', name: identifierText(nameNode), value: this.expr(field(a, 'value')), loc: locOf(nameNode) });
      } else if (a.type === 'list_splat') args.push({ kind: 'star', value: this.expr(namedChildren(a)[0]) });
      else if (a.type === 'dictionary_splat') args.push({ kind: 'double-star', value: this.expr(namedChildren(a)[0]) });
      else args.push({ kind: 'positional', value: this.expr(a) });
    }
    return { k: 'call', loc, func, args };
  }

  private comparison(node: SyntaxNode): Expr {
    const operands: Expr[] = [];
    const ops: string[] = [];
    let pending = '';
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i) as SyntaxNode;
      if (child.isNamed) {
        if (child.type === 'comment' || child.type === 'line_continuation') continue;
        if (pending) ops.push(pending.trim().replace(/\s+/g, ' '));
        pending = '';
        operands.push(this.expr(child));
      } else {
        pending += ` ${child.type}`;
      }
    }
    const [first, ...rest] = operands;
    return { k: 'compare', loc: locOf(node), first, ops: ops.map((o) => (o === '<>' ? '!=' : o)), rest };
  }

  private comprehension(node: SyntaxNode): Expr {
    const loc = locOf(node);
    const kind = node.type === 'list_comprehension' ? 'list' : node.type === 'set_comprehension' ? 'set' : node.type === 'dictionary_comprehension' ? 'dict' : 'generator';
    const clauseNodes = namedChildren(node).filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
    // The first iterable is evaluated in the enclosing scope; everything else in the comprehension's own.
    const firstIterNode = clauseNodes[0];
    const firstIter = this.forIterable(firstIterNode);
    return this.inScope(() => {
      const clauses: CompClause[] = [];
      clauseNodes.forEach((c, i) => {
        if (c.type === 'for_in_clause') {
          const iter = i === 0 ? firstIter : this.forIterable(c);
          clauses.push({ k: 'for', target: this.target(field(c, 'left')), iter });
        } else clauses.push({ k: 'if', cond: this.expr(namedChildren(c)[0]) });
      });
      const body = field(node, 'body');
      if (kind === 'dict') return { k: 'comp', loc, kind, elt: this.expr(field(body, 'key')), value: this.expr(field(body, 'value')), clauses };
      return { k: 'comp', loc, kind, elt: this.expr(body), value: null, clauses };
    });
  }

  private forIterable(clause: SyntaxNode): Expr {
    const rights: SyntaxNode[] = [];
    for (let i = 0; i < clause.childCount; i++) {
      const child = clause.child(i) as SyntaxNode;
      if (clause.fieldNameForChild(i) === 'right' && child.isNamed) rights.push(child);
    }
    if (rights.length === 1) return this.expr(rights[0]);
    return { k: 'tuple', loc: locOf(clause), elts: rights.map((r) => this.element(r)) };
  }

  private stringLiteral(node: SyntaxNode): Expr {
    const loc = locOf(node);
    const pieces = node.type === 'concatenated_string' ? namedChildren(node) : [node];
    const parts: FStringPart[] = [];
    let isF = false;
    let bytesCount = 0;
    for (const piece of pieces) {
      const start = piece.child(0) as SyntaxNode;
      const prefix = start.text.replace(/['"]+$/, '').toLowerCase();
      if (prefix.includes('b')) bytesCount++;
      const raw = prefix.includes('r');
      const f = prefix.includes('f');
      isF ||= f;
      let cursor = start.endIndex;
      const end = piece.child(piece.childCount - 1) as SyntaxNode;
      for (let i = 1; i < piece.childCount - 1; i++) {
        const child = piece.child(i) as SyntaxNode;
        if (child.type === 'interpolation') {
          if (child.startIndex > cursor) parts.push(this.decodeSegment(cursor, child.startIndex, raw, f, piece));
          parts.push(this.interpolation(child, raw));
          cursor = child.endIndex;
        }
      }
      if (end.startIndex > cursor) parts.push(this.decodeSegment(cursor, end.startIndex, raw, f, piece));
    }
    if (bytesCount > 0) {
      if (bytesCount !== pieces.length) throw new LowerError('SyntaxError', 'cannot mix bytes and nonbytes literals', loc);
      return { k: 'unsupported', loc, kind: 'TypeError', message: 'bytes literals are not supported in workflow files' };
    }
    if (!isF) return { k: 'const', loc, value: parts.join('') };
    const merged: FStringPart[] = [];
    for (const p of parts) {
      const last = merged[merged.length - 1];
      if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
      else merged.push(p);
    }
    return { k: 'fstring', loc, parts: merged };
  }

  private decodeSegment(from: number, to: number, raw: boolean, fstring: boolean, piece: SyntaxNode): string {
    try {
      return decodeStringBody(this.source.slice(from, to).replace(/\r\n?/g, '\n'), raw, fstring);
    } catch (e) {
      if (e instanceof EscapeError) throw new LowerError('SyntaxError', e.message, locOf(piece));
      throw e;
    }
  }

  private interpolation(node: SyntaxNode, raw: boolean): FStringPart {
    const exprNode = field(node, 'expression');
    const conversionNode = node.childForFieldName('type_conversion');
    const specNode = node.childForFieldName('format_specifier');
    let debug: string | null = null;
    for (let i = 0; i < node.childCount; i++) {
      // `{x = }` repeats its text up to the next part, whitespace after '=' included.
      if ((node.child(i) as SyntaxNode).type === '=') debug = this.source.slice(node.startIndex + 1, (node.child(i + 1) as SyntaxNode | null)?.startIndex ?? (node.child(i) as SyntaxNode).endIndex);
    }
    const conversion = conversionNode ? (conversionNode.text.slice(1) as 'r' | 's' | 'a') : null;
    if (conversion !== null && !['r', 's', 'a'].includes(conversion)) throw new LowerError('SyntaxError', "f-string: invalid conversion character: expected 's', 'r', or 'a'", locOf(conversionNode as SyntaxNode));
    let spec: FStringPart[] | null = null;
    if (specNode) {
      spec = [];
      let cursor = specNode.startIndex + 1;
      for (const child of namedChildren(specNode)) {
        if (child.type !== 'format_expression') continue;
        if (child.startIndex > cursor) spec.push(decodeStringBody(this.source.slice(cursor, child.startIndex).replace(/\r\n?/g, '\n'), raw, true));
        spec.push({ expr: this.exprOrTuple(field(child, 'expression')), conversion: null, spec: null, debug: null, loc: locOf(child) });
        cursor = child.endIndex;
      }
      if (specNode.endIndex > cursor) spec.push(decodeStringBody(this.source.slice(cursor, specNode.endIndex).replace(/\r\n?/g, '\n'), raw, true));
    }
    if (isFormatSpecWalrus(exprNode)) {
      // `f"{a:=3}"` is `a` with the format spec `=3`; tree-sitter reads it as an assignment expression.
      const name = field(exprNode, 'name');
      return { expr: this.expr(name), conversion, spec: [this.source.slice(name.endIndex + 1, exprNode.endIndex)], debug, loc: locOf(node) };
    }
    return { expr: this.exprOrTuple(exprNode), conversion: conversion ?? (debug !== null && !specNode ? 'r' : null), spec, debug, loc: locOf(node) };
  }
}
