// The documentation catalog the language server uses for hovers, completion
// and signature help: the types of its entries and the lookups over the
// tables in builtin-docs.ts (Python builtins), plue-docs.ts (the plue
// globals, modules, tool specs and prompt functions), ctx-docs.ts (ctx and
// its nested members) and step-docs.ts (step-handle attributes).
// test/src/lsp-catalog.test.ts keeps the tables honest against the runtime.

import { BUILTIN_DOCS } from './builtin-docs';
import { CTX_DOCS } from './ctx-docs';
import { MODULE_DOCS, PLUE_DOCS, promptDoc, TOOL_DOCS } from './plue-docs';
import { promptOutputDoc, STEP_DOCS } from './step-docs';

export interface ParamDoc {
  readonly name: string;
  /** How it is passed: positional-or-keyword, keyword-only (after *), *args or **kwargs. */
  readonly kind: 'positional' | 'keyword' | 'star' | 'double-star';
  /** The default as Python source ('None', '"ubuntu:22.04"'), absent when required. */
  readonly default?: string;
  /** Type as a Python annotation string ('str', 'list[str] | None'). */
  readonly type?: string;
  readonly doc: string; // one sentence
  /** A 'positional' parameter that cannot be passed by keyword (before `/` in the signature). */
  readonly positionalOnly?: boolean;
  /**
   * Whether a call must supply it, when that differs from the rule "positional and keyword parameters without
   * a default are required, *args and **kwargs are not": false for max(default=...) or range's start, true for
   * enum(*values), which needs at least one value.
   */
  readonly required?: boolean;
}

export interface SymbolDoc {
  readonly name: string; // 'run', 'push', 'len'
  /** Where the name lives: a Python builtin, a plue global, a ctx member, a step-handle attribute, an event attribute, a module (plue, plue.prompts, plue.tools). */
  readonly owner: 'builtin' | 'plue' | 'ctx' | 'step' | 'module';
  readonly kind: 'function' | 'decorator' | 'property' | 'type' | 'constant' | 'module';
  /** Full signature line as shown in a hover code block, e.g. 'ctx.run(name: str | None = None, cmd: str, ...) -> Step'. Overloads are on separate lines. */
  readonly signature: string;
  readonly params: readonly ParamDoc[];
  /** One paragraph of Markdown. */
  readonly doc: string;
  /** A short, correct Python example (it must evaluate in our engine where it is a complete workflow snippet). */
  readonly example: string;
  /**
   * How the example runs: 'file' (a complete workflow file), 'workflow' (statements of a workflow function's
   * body, `ctx` in scope; the test wraps them in `@workflow(triggers=[push()])`). Examples may import the
   * prompt CodeReview (output fields approved and summary), which the test provides. Lines that end in
   * `# -> text` after a print() call claim what that call prints; the test checks them. Default: 'workflow'
   * for ctx members and step attributes, 'file' for the rest (see exampleScopeOf).
   */
  readonly exampleScope?: 'file' | 'workflow';
  /** Return type (callables) or value type (properties), as a Python annotation. */
  readonly returns?: string;
  /** Where it must be imported from when it is not a global: 'plue.tools', 'plue.prompts'. */
  readonly module?: string;
  /** Step-handle attributes: the step types that have it ('shell', 'parallel', 'action', 'llm', 'agent'). */
  readonly stepTypes?: readonly string[];
  /** Exception classes: the base class. */
  readonly base?: string;
  /** True when this engine provides it but the reference runtime (plue-ref) does not: files using it only plan here. */
  readonly engineOnly?: boolean;
}

/** Whether a call must pass this parameter. */
export function paramRequired(p: ParamDoc): boolean {
  if (p.required !== undefined) return p.required;
  return (p.kind === 'positional' || p.kind === 'keyword') && p.default === undefined;
}

/** Whether the parameter can be given as `name=value` (a 'double-star' entry stands for any other name). */
export function acceptsKeyword(p: ParamDoc): boolean {
  return (p.kind === 'positional' && !p.positionalOnly) || p.kind === 'keyword' || p.kind === 'double-star';
}

/** How the example runs (the default of SymbolDoc.exampleScope applied). */
export function exampleScopeOf(doc: SymbolDoc): 'file' | 'workflow' {
  return doc.exampleScope ?? (doc.owner === 'ctx' || doc.owner === 'step' ? 'workflow' : 'file');
}

function byName(docs: readonly SymbolDoc[]): ReadonlyMap<string, SymbolDoc> {
  const map = new Map<string, SymbolDoc>();
  for (const d of docs) {
    if (map.has(d.name)) throw new Error(`catalog: ${d.name} is documented twice`);
    map.set(d.name, d);
  }
  return map;
}

function sorted(docs: Iterable<SymbolDoc>): readonly SymbolDoc[] {
  return Object.freeze([...docs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}

const GLOBALS = byName([...BUILTIN_DOCS, ...PLUE_DOCS]);
const CTX = byName(CTX_DOCS);
const STEP = byName(STEP_DOCS);
const TOOLS = byName(TOOL_DOCS);
const MODULES = byName(MODULE_DOCS);
const ALL_GLOBALS = sorted(GLOBALS.values());
const ALL_CTX = sorted(CTX.values());
const ALL_STEP = sorted(STEP.values());
const ALL_TOOLS = sorted(TOOLS.values());
const ALL_MODULES = sorted(MODULES.values());

/** Python builtins and plue globals (decorators, triggers, types, helpers). */
export function builtinDoc(name: string): SymbolDoc | undefined {
  return GLOBALS.get(name);
}

/** Every ctx member ('run', 'event'), and nested members as 'git.diff', 'issue.comment', 'event.get', 'secrets.get' ... */
export function ctxMemberDoc(name: string): SymbolDoc | undefined {
  return CTX.get(name.startsWith('ctx.') ? name.slice(4) : name);
}

/** id, name, stdout, output ... of a step handle (what ctx.run and the other step methods return). */
export function stepAttributeDoc(name: string): SymbolDoc | undefined {
  return STEP.get(name);
}

/** A prompt's output field read from its step (`review.approved`): the documented attributes first, then this generic entry. */
export function promptOutputFieldDoc(field: string): SymbolDoc {
  return promptOutputDoc(field);
}

/** The modules a workflow file may import: 'plue', 'plue.prompts', 'plue.tools'. */
export function moduleDoc(name: string): SymbolDoc | undefined {
  return MODULES.get(name);
}

/** The tool-spec constructors of plue.tools (read_file, grep ..., and the aliases readfile, writefile). */
export function toolDoc(name: string): SymbolDoc | undefined {
  return TOOLS.get(name.startsWith('plue.tools.') ? name.slice('plue.tools.'.length) : name);
}

/** The function `from plue.prompts import NAME` binds, for a prompt of that name (its frontmatter is the server's to show). */
export function promptFunctionDoc(name: string): SymbolDoc {
  return promptDoc(name);
}

/** Sorted by name, deterministic. */
export function allBuiltinDocs(): readonly SymbolDoc[] {
  return ALL_GLOBALS;
}

export function allCtxDocs(): readonly SymbolDoc[] {
  return ALL_CTX;
}

export function allStepDocs(): readonly SymbolDoc[] {
  return ALL_STEP;
}

export function allToolDocs(): readonly SymbolDoc[] {
  return ALL_TOOLS;
}

export function allModuleDocs(): readonly SymbolDoc[] {
  return ALL_MODULES;
}

/**
 * The documented callable a callee expression names: 'push', '@workflow', 'ctx.run', 'ctx.git.checkout',
 * 'plue.push', 'plue.tools.grep', 'grep', 'plue.prompts.CodeReview'. A bare prompt name is not recognised
 * (the server knows which names a file imported from plue.prompts: use promptFunctionDoc).
 */
export function calleeDoc(callee: string): SymbolDoc | undefined {
  const name = callee.startsWith('@') ? callee.slice(1) : callee;
  if (name.startsWith('ctx.')) return ctxMemberDoc(name);
  if (name.startsWith('plue.tools.')) return toolDoc(name);
  if (name.startsWith('plue.prompts.')) return /^[A-Za-z]\w*$/.test(name.slice('plue.prompts.'.length)) ? promptDoc(name.slice('plue.prompts.'.length)) : undefined;
  if (name.startsWith('plue.')) return builtinDoc(name.slice('plue.'.length));
  return builtinDoc(name) ?? TOOLS.get(name);
}

/**
 * Keyword arguments accepted by @workflow(...), @tool(...), each trigger, and each ctx step method, for
 * completion: callee name ('workflow', 'push', 'ctx.run', ...) -> params. Every documented function answers
 * (an empty list when it takes no keyword arguments). A 'double-star' entry means any other name is accepted
 * too (schema(**fields), ctx.success(**outputs), tool specs, prompt inputs): do not offer its own name. For a
 * prompt imported by name use promptFunctionDoc(name).params.
 */
export function keywordParams(callee: string): readonly ParamDoc[] | undefined {
  const doc = calleeDoc(callee);
  if (doc === undefined || (doc.kind !== 'function' && doc.kind !== 'decorator' && doc.kind !== 'type')) return undefined;
  return doc.params.filter(acceptsKeyword);
}
