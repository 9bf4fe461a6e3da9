// The evaluator's syntax tree: the CST lowered once into plain objects (the
// interpreter would otherwise cross into wasm for every node it visits).
// Every node keeps its source location, names carry their resolved scope,
// and string literals are already decoded.

import type { Value } from './values';

/** A source location: 0-based rows, UTF-16 columns, as tree-sitter reports them. */
export interface Loc {
  readonly row: number;
  readonly col: number;
  readonly endRow: number;
  readonly endCol: number;
}

/** Where a name lives: the current function's frame, an enclosing function's frame, or the module globals. */
export type NameScope = 'local' | 'enclosing' | 'global';

export interface NameRef {
  readonly k: 'name';
  readonly loc: Loc;
  readonly id: string;
  scope: NameScope;
}

export interface Param {
  readonly name: string;
  readonly kind: 'positional-only' | 'positional' | 'keyword-only' | 'star' | 'double-star';
  readonly default: Expr | null;
  readonly loc: Loc;
}

/** A function's (or lambda's) parameter list. */
export interface Params {
  readonly list: readonly Param[];
}

export type FStringPart =
  | string
  | { readonly expr: Expr; readonly conversion: 'r' | 's' | 'a' | null; readonly spec: readonly FStringPart[] | null; readonly debug: string | null; readonly loc: Loc };

export type Arg =
  | { readonly kind: 'positional'; readonly value: Expr }
  | { readonly kind: 'star'; readonly value: Expr }
  | { readonly kind: 'keyword'; readonly name: string; readonly value: Expr; readonly loc: Loc }
  | { readonly kind: 'double-star'; readonly value: Expr };

export type Element = { readonly star: boolean; readonly value: Expr };
export type DictItem = { readonly key: Expr; readonly value: Expr } | { readonly splat: Expr };
export type CompClause = { readonly k: 'for'; readonly target: Target; readonly iter: Expr } | { readonly k: 'if'; readonly cond: Expr };

export type Expr =
  | { readonly k: 'const'; readonly loc: Loc; readonly value: Value }
  | { readonly k: 'int'; readonly loc: Loc; readonly text: string }
  | { readonly k: 'fstring'; readonly loc: Loc; readonly parts: readonly FStringPart[] }
  | NameRef
  | { readonly k: 'attr'; readonly loc: Loc; readonly obj: Expr; readonly name: string; readonly nameLoc: Loc }
  | { readonly k: 'subscript'; readonly loc: Loc; readonly obj: Expr; readonly index: Expr }
  | { readonly k: 'slice'; readonly loc: Loc; readonly lower: Expr | null; readonly upper: Expr | null; readonly step: Expr | null }
  | { readonly k: 'call'; readonly loc: Loc; readonly func: Expr; readonly args: readonly Arg[] }
  | { readonly k: 'binop'; readonly loc: Loc; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly k: 'unary'; readonly loc: Loc; readonly op: '-' | '+' | '~'; readonly operand: Expr }
  | { readonly k: 'not'; readonly loc: Loc; readonly operand: Expr }
  | { readonly k: 'boolop'; readonly loc: Loc; readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly k: 'compare'; readonly loc: Loc; readonly first: Expr; readonly ops: readonly string[]; readonly rest: readonly Expr[] }
  | { readonly k: 'ifexp'; readonly loc: Loc; readonly cond: Expr; readonly then: Expr; readonly orelse: Expr }
  | { readonly k: 'list' | 'tuple' | 'set'; readonly loc: Loc; readonly elts: readonly Element[] }
  | { readonly k: 'dict'; readonly loc: Loc; readonly items: readonly DictItem[] }
  | {
      readonly k: 'comp';
      readonly loc: Loc;
      readonly kind: 'list' | 'set' | 'dict' | 'generator';
      readonly elt: Expr;
      readonly value: Expr | null;
      readonly clauses: readonly CompClause[];
    }
  | { readonly k: 'lambda'; readonly loc: Loc; readonly params: Params; readonly body: Expr }
  | { readonly k: 'unsupported'; readonly loc: Loc; readonly kind: string; readonly message: string };

export type Target =
  | NameRef
  | { readonly k: 'attr'; readonly loc: Loc; readonly obj: Expr; readonly name: string; readonly nameLoc: Loc }
  | { readonly k: 'subscript'; readonly loc: Loc; readonly obj: Expr; readonly index: Expr }
  | { readonly k: 'unpack'; readonly loc: Loc; readonly elts: readonly Target[]; readonly starAt: number }
  | { readonly k: 'star'; readonly loc: Loc; readonly target: Target };

export interface Handler {
  readonly loc: Loc;
  readonly types: Expr | null;
  readonly name: NameRef | null;
  readonly body: readonly Stmt[];
}

/** What an import statement binds: a local name and the module member it stands for. */
export interface ImportBinding {
  readonly target: NameRef;
  readonly module: string;
  /** The imported member, or null to bind the module itself. */
  readonly member: string | null;
}

export interface FunctionDef {
  readonly k: 'def';
  readonly loc: Loc;
  readonly name: string;
  readonly target: NameRef;
  readonly params: Params;
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
  /** Parameter and return annotations, evaluated when the def runs (their values are not kept). */
  readonly annotations: readonly Expr[];
  /** 0-based row of the first decorator, or of `def` without decorators (CPython's co_firstlineno). */
  readonly firstRow: number;
}

export type Stmt =
  | { readonly k: 'expr'; readonly loc: Loc; readonly value: Expr }
  | { readonly k: 'assign'; readonly loc: Loc; readonly targets: readonly Target[]; readonly value: Expr }
  | { readonly k: 'augassign'; readonly loc: Loc; readonly target: Target; readonly op: string; readonly value: Expr }
  | { readonly k: 'if'; readonly loc: Loc; readonly cond: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly k: 'for'; readonly loc: Loc; readonly target: Target; readonly iter: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly k: 'while'; readonly loc: Loc; readonly cond: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly k: 'break' | 'continue' | 'pass'; readonly loc: Loc }
  | { readonly k: 'return'; readonly loc: Loc; readonly value: Expr | null }
  | FunctionDef
  | { readonly k: 'assert'; readonly loc: Loc; readonly test: Expr; readonly message: Expr | null }
  | { readonly k: 'raise'; readonly loc: Loc; readonly exc: Expr | null; readonly cause: Expr | null }
  | {
      readonly k: 'try';
      readonly loc: Loc;
      readonly body: readonly Stmt[];
      readonly handlers: readonly Handler[];
      readonly orelse: readonly Stmt[];
      readonly finalbody: readonly Stmt[];
    }
  | { readonly k: 'del'; readonly loc: Loc; readonly targets: readonly Target[] }
  | { readonly k: 'import'; readonly loc: Loc; readonly bindings: readonly ImportBinding[] }
  | { readonly k: 'unsupported'; readonly loc: Loc; readonly kind: string; readonly message: string };

export interface Module {
  readonly body: readonly Stmt[];
}
