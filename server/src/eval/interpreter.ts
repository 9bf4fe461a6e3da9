// The tree-walking interpreter: executes a lowered module (ast.ts) under the
// limits of spec §3. Statements return a completion code instead of throwing
// for break/continue/return; Python exceptions travel as PyError and carry
// the innermost location and a traceback through user functions. Every loop
// iteration, call and statement costs a step; allocations are checked before
// they are made; call depth and a wall-clock backstop are enforced.

import { BUILTIN_CALL_STEPS, EXCEPTION_CAUGHT_STEPS, EXCEPTION_UNWIND_STEPS, FORMAT_FIELD_STEPS, FUNCTION_CALL_STEPS, GENERATOR_ITEM_STEPS, STATEMENT_STEPS, DICT_ENTRY_STEPS } from './step-costs';
import { suggestName } from '../check/did-you-mean';
import { asciiRepr } from './repr';
import type { Limits } from '../limits';
import type { Arg, Expr, FStringPart, Loc, Module, Params, Stmt, Target } from './ast';
import { formatValue } from './builtins';
import { updateDict } from './methods/dict-methods';
import { extendList } from './methods/list-methods';
import { EvaluationCancelled, EXCEPTION_CLASSES, LimitError, PyError, pyError, type TraceFrame, typeError, withHint } from './errors';
import { Frame } from './frame';
import { CHAR_BYTES, CUMULATIVE_FACTOR, elementBytes, ENTRY_BYTES, SLOT_BYTES } from './memory';
import { checkInt } from './numbers';
import { binaryOp, compareOp, equals, typeName } from './operators';
import { callMethod, getAttribute } from './attributes';
import { deleteItem, getItem, makeSlice, setItem } from './items';
import { iterate } from './iteration';
import { Printer } from './repr';
import type { Host, Kwargs, Value } from './values';
import {
  PyBuiltin,
  PyDict,
  PyException,
  PyExceptionClass,
  PyFunction,
  PyIterator,
  PyList,
  PyObject,
  PySet,
  PyTuple,
  PyType,
  UnhashableError,
} from './values';

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Completion = typeof NORMAL | typeof BREAK | typeof CONTINUE | typeof RETURN;

/** A line printed by print(): where, and what. */
export interface PrintedLine {
  readonly row: number;
  readonly text: string;
}

/** What an evaluation runs with: limits, the builtins (plue's names included), imports and the clock. */
export interface InterpreterOptions {
  readonly limits: Limits;
  readonly builtins: ReadonlyMap<string, Value>;
  /** Binds `import` statements: module and member -> value. */
  readonly importValue: (module: string, member: string | null) => Value;
  /** Milliseconds clock for the wall-clock backstop (injected: the evaluator itself reads no clock). */
  readonly now: () => number;
  /** Polled with the clock: true when the caller no longer wants the result (the evaluation then throws EvaluationCancelled). */
  readonly cancelled?: () => boolean;
  /** Sees the value of every name, attribute and call expression evaluated (the language server's hover facts). */
  readonly observe?: (e: Expr, value: Value) => void;
}

interface CallRecord {
  readonly name: string;
  readonly callLoc: Loc;
}

const TIME_CHECK_MASK = 0xffff;

export class Interpreter implements Host {
  readonly globals = new Frame(null);
  readonly prints: PrintedLine[] = [];
  /** The innermost node being evaluated: where a raised error is reported. */
  loc: Loc = { row: 0, col: 0, endRow: 0, endCol: 0 };
  private steps = 0;
  private allocated = 0;
  private readonly deadline: number;
  private readonly calls: CallRecord[] = [];
  private readonly handling: PyError[] = [];
  private returnValue: Value = null;
  private readonly printer: Printer;

  constructor(private readonly options: InterpreterOptions) {
    this.deadline = options.now() + options.limits.maxEvalMillis;
    this.printer = new Printer(this, Math.floor(Math.min(options.limits.maxMemoryBytes, options.limits.maxOutputBytes) / 2));
  }

  // ------------------------------------------------------------- budgets

  tick(n = 1): void {
    const before = this.steps;
    this.steps += n;
    if (this.steps > this.options.limits.maxEvalSteps) {
      throw new LimitError(`evaluation step limit exceeded (${this.options.limits.maxEvalSteps} steps per file)`, 'loop');
    }
    if ((before & ~TIME_CHECK_MASK) !== (this.steps & ~TIME_CHECK_MASK)) {
      if (this.options.now() > this.deadline) throw new LimitError(`evaluation time limit exceeded (${this.options.limits.maxEvalMillis} ms per file)`, 'loop');
      if (this.options.cancelled?.() === true) throw new EvaluationCancelled();
    }
  }

  reserve(bytes: number): void {
    this.checkSize(bytes);
    const limit = this.options.limits.maxMemoryBytes;
    if (bytes >= 256) {
      this.allocated += bytes;
      if (this.allocated > limit * CUMULATIVE_FACTOR) throw new LimitError(`memory limit exceeded: the file allocated more than ${formatBytes(limit * CUMULATIVE_FACTOR)} in large values (limit ${formatBytes(limit)} per file)`);
    }
  }

  get maxValueBytes(): number {
    return this.options.limits.maxMemoryBytes;
  }

  /** Checks that one value of `bytes` fits the memory limit, without charging it (for results still being built). */
  checkSize(bytes: number): void {
    const limit = this.options.limits.maxMemoryBytes;
    if (!(bytes <= limit)) throw new LimitError(`memory limit exceeded: one value would need about ${formatBytes(bytes)} (limit ${formatBytes(limit)} per file)`);
  }

  /** Counts the growth of a container by `count` elements against the memory budget. */
  grow(count: number, bytesEach = SLOT_BYTES): void {
    this.allocated += count * bytesEach;
    if (this.allocated > this.options.limits.maxMemoryBytes * CUMULATIVE_FACTOR) {
      throw new LimitError(`memory limit exceeded: containers grew past ${formatBytes(this.options.limits.maxMemoryBytes * CUMULATIVE_FACTOR)} (limit ${formatBytes(this.options.limits.maxMemoryBytes)} per file)`);
    }
  }

  // ------------------------------------------------------------ host API

  truthy(v: Value): boolean {
    switch (typeof v) {
      case 'boolean':
        return v;
      case 'bigint':
        return v !== 0n;
      case 'number':
        return v !== 0;
      case 'string':
        return v.length > 0;
      default:
        return v === null ? false : v.truthy(this);
    }
  }

  str(v: Value): string {
    return this.printer.str(v);
  }

  repr(v: Value): string {
    return this.printer.repr(v);
  }

  equals(a: Value, b: Value): boolean {
    return equals(a, b, this);
  }

  lessThan(a: Value, b: Value): boolean {
    const r = compareOp('<', a, b, this);
    return this.truthy(r);
  }

  iterate(v: Value): Iterator<Value> {
    return iterate(v, this);
  }

  print(text: string): void {
    this.prints.push({ row: this.loc.row, text });
  }

  /** Formats `value` with a format spec, as format() and f-strings do. */
  format(value: Value, spec: string): string {
    return formatValue(value, spec, this);
  }

  // ----------------------------------------------------------- running

  run(module: Module): void {
    try {
      this.execBlock(module.body, this.globals);
    } catch (e) {
      throw this.normalize(e);
    }
  }

  /** Turns a JavaScript stack overflow into the call-depth LimitError; fills location and traceback. */
  normalize(e: unknown): unknown {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      const limit = new LimitError(`call depth limit exceeded (the evaluator's stack ran out before ${this.options.limits.maxCallDepth} calls)`);
      this.fill(limit);
      return limit;
    }
    if (e instanceof UnhashableError) {
      const error = typeError(e.message);
      this.fill(error);
      return error;
    }
    if (e instanceof PyError) this.fill(e);
    return e;
  }

  fill(e: PyError, at: Loc = this.loc): void {
    const origin = e.exception.origin;
    if (e.loc === null && origin !== null) {
      // `raise e` of an exception raised before: its innermost location stays where it first was raised.
      e.loc = origin.loc;
      e.traceback = origin.traceback;
    }
    if (e.loc === null) {
      e.loc = at;
      const frames: TraceFrame[] = [];
      let name = '<module>';
      for (const c of this.calls) {
        frames.push({ name, loc: c.callLoc });
        name = c.name;
      }
      frames.push({ name, loc: at });
      e.traceback = frames;
    }
    e.exception.origin ??= { loc: e.loc as Loc, traceback: e.traceback ?? [] };
  }

  // --------------------------------------------------------- statements

  private execBlock(body: readonly Stmt[], f: Frame): Completion {
    for (let i = 0; i < body.length; i++) {
      const c = this.exec(body[i], f);
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  }

  private exec(s: Stmt, f: Frame): Completion {
    this.loc = s.loc;
    this.tick(STATEMENT_STEPS);
    switch (s.k) {
      case 'expr':
        this.ev(s.value, f);
        return NORMAL;
      case 'assign': {
        const value = this.ev(s.value, f);
        for (const t of s.targets) this.assign(t, value, f);
        return NORMAL;
      }
      case 'augassign':
        this.augAssign(s.target, s.op, s.value, f);
        return NORMAL;
      case 'if':
        if (this.truthy(this.ev(s.cond, f))) return this.execBlock(s.body, f);
        return s.orelse.length ? this.execBlock(s.orelse, f) : NORMAL;
      case 'while':
        return this.loop(s, () => this.execWhile(s, f));
      case 'for':
        return this.loop(s, () => this.execFor(s, f));
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'pass':
        return NORMAL;
      case 'return':
        this.returnValue = s.value ? this.ev(s.value, f) : null;
        return RETURN;
      case 'def':
        this.define(s, f);
        return NORMAL;
      case 'assert':
        if (!this.truthy(this.ev(s.test, f))) {
          // CPython reports a failed assert where its test was last being evaluated (a multi-line test: its last part).
          const at = this.loc;
          const args = s.message ? [this.ev(s.message, f)] : [];
          this.loc = at;
          throw new PyError(new PyException(EXCEPTION_CLASSES.get('AssertionError') as PyExceptionClass, args));
        }
        return NORMAL;
      case 'raise':
        return this.raise(s.exc, s.cause, s.loc, f);
      case 'try':
        return this.execTry(s, f);
      case 'del':
        for (const t of s.targets) this.del(t, f);
        return NORMAL;
      case 'import':
        for (const b of s.bindings) this.store(b.target.id, b.target.scope, this.options.importValue(b.module, b.member), f);
        return NORMAL;
      case 'unsupported':
        throw pyError(s.kind, s.message);
    }
  }

  /**
   * Runs a loop. A step or time limit hit anywhere inside it (and not inside a
   * function it calls) is reported on the loop's own line, the innermost loop
   * first: whichever statement of the body happened to take the last step,
   * the loop is what did not end.
   */
  private loop(s: Extract<Stmt, { k: 'while' | 'for' }>, run: () => Completion): Completion {
    try {
      return run();
    } catch (e) {
      if (e instanceof LimitError && e.reportAtLoop && e.loc === null) {
        // The loop's header: from its keyword to the end of its condition or iterable.
        const headerEnd = s.k === 'while' ? s.cond.loc : s.iter.loc;
        this.fill(e, { row: s.loc.row, col: s.loc.col, endRow: headerEnd.endRow, endCol: headerEnd.endCol });
      }
      throw e;
    }
  }

  private execWhile(s: Extract<Stmt, { k: 'while' }>, f: Frame): Completion {
    for (;;) {
      this.loc = s.loc;
      this.tick();
      if (!this.truthy(this.ev(s.cond, f))) break;
      const c = this.execBlock(s.body, f);
      if (c === BREAK) return NORMAL;
      if (c === RETURN) return c;
    }
    return s.orelse.length ? this.execBlock(s.orelse, f) : NORMAL;
  }

  private execFor(s: Extract<Stmt, { k: 'for' }>, f: Frame): Completion {
    const it = this.iterate(this.ev(s.iter, f));
    for (;;) {
      this.loc = s.loc;
      const n = it.next();
      if (n.done) break;
      this.tick();
      this.assign(s.target, n.value, f);
      const c = this.execBlock(s.body, f);
      if (c === BREAK) return NORMAL;
      if (c === RETURN) return c;
    }
    return s.orelse.length ? this.execBlock(s.orelse, f) : NORMAL;
  }

  private define(s: Extract<Stmt, { k: 'def' }>, f: Frame): void {
    const decorators = s.decorators.map((d) => this.ev(d, f));
    let value: Value = this.makeFunction(s.name, s.params, s.body, f, s.loc, s.firstRow);
    for (const a of s.annotations) this.ev(a, f);
    for (let i = decorators.length - 1; i >= 0; i--) {
      this.loc = s.decorators[i].loc;
      value = this.call(decorators[i], [value]);
    }
    this.store(s.target.id, s.target.scope, value, f);
  }

  private makeFunction(name: string, params: Params, body: readonly Stmt[] | Expr, f: Frame, loc: Loc, firstRow: number): PyFunction {
    const defaults = new Map<string, Value>();
    for (const p of params.list) if (p.default) defaults.set(p.name, this.ev(p.default, f));
    return new PyFunction(name, params, defaults, body, f === this.globals ? null : f, loc, firstRow);
  }

  private raise(excExpr: Expr | null, causeExpr: Expr | null, loc: Loc, f: Frame): never {
    if (excExpr === null) {
      const current = this.handling[this.handling.length - 1];
      if (!current) throw pyError('RuntimeError', 'No active exception to reraise');
      throw current;
    }
    const value = this.ev(excExpr, f);
    const cause = causeExpr ? this.ev(causeExpr, f) : null;
    this.loc = loc;
    if (cause !== null && !(cause instanceof PyExceptionClass) && !(cause instanceof PyException)) throw typeError('exception causes must derive from BaseException');
    if (value instanceof PyExceptionClass) throw new PyError(new PyException(value, []));
    if (value instanceof PyException) throw new PyError(value);
    throw typeError('exceptions must derive from BaseException');
  }

  private execTry(s: Extract<Stmt, { k: 'try' }>, f: Frame): Completion {
    let result: Completion = NORMAL;
    let pending: PyError | null = null;
    let raised: PyError | null = null;
    try {
      result = this.execBlock(s.body, f);
    } catch (e) {
      raised = this.catchable(e);
      this.tick(EXCEPTION_CAUGHT_STEPS);
    }
    if (raised) {
      try {
        const handler = this.findHandler(s.handlers, raised, f);
        if (handler) {
          this.handling.push(raised);
          try {
            if (handler.name) this.store(handler.name.id, handler.name.scope, raised.exception, f);
            result = this.execBlock(handler.body, f);
          } finally {
            this.handling.pop();
            if (handler.name) this.unbind(handler.name.id, handler.name.scope, f);
          }
        } else pending = raised;
      } catch (e) {
        pending = this.catchable(e);
      }
    } else if (result === NORMAL && s.orelse.length) {
      try {
        result = this.execBlock(s.orelse, f);
      } catch (e) {
        pending = this.catchable(e);
      }
    }
    if (s.finalbody.length) {
      const c = this.execBlock(s.finalbody, f);
      if (c !== NORMAL) return c;
    }
    if (pending) throw pending;
    return result;
  }

  /** A Python exception that user code may handle; anything else (limits, engine faults) propagates at once. */
  private catchable(e: unknown): PyError {
    const n = this.normalize(e);
    if (n instanceof PyError && !(n instanceof LimitError)) return n;
    throw n;
  }

  private findHandler(handlers: Extract<Stmt, { k: 'try' }>['handlers'], error: PyError, f: Frame): (typeof handlers)[number] | null {
    for (const h of handlers) {
      if (h.types === null) return h;
      this.loc = h.loc;
      const types = this.ev(h.types, f);
      const list = types instanceof PyTuple ? types.items : [types];
      for (const t of list) {
        if (!(t instanceof PyExceptionClass)) throw typeError('catching classes that do not inherit from BaseException is not allowed');
        if (error.exception.cls.isSubclassOf(t)) return h;
      }
    }
    return null;
  }

  // ------------------------------------------------------------- names

  private lookup(e: Extract<Expr, { k: 'name' }>, f: Frame): Value {
    if (e.scope === 'local') {
      const v = f.vars.get(e.id);
      if (v === undefined) {
        this.loc = e.loc;
        throw pyError('UnboundLocalError', `cannot access local variable '${e.id}' where it is not associated with a value`);
      }
      return v;
    }
    if (e.scope === 'enclosing') {
      for (let p = f.parent; p; p = p.parent) {
        const v = p.vars.get(e.id);
        if (v !== undefined) return v;
      }
      this.loc = e.loc;
      throw pyError('NameError', `cannot access free variable '${e.id}' where it is not associated with a value in enclosing scope`);
    }
    const g = this.globals.vars.get(e.id);
    if (g !== undefined) return g;
    const b = this.options.builtins.get(e.id);
    if (b !== undefined) return b;
    this.loc = e.loc;
    const suggestion = suggestName(e.id, [...this.globals.vars.keys(), ...this.options.builtins.keys()]);
    throw withHint(pyError('NameError', `name '${e.id}' is not defined`), suggestion, ':');
  }

  private store(id: string, scope: string, value: Value, f: Frame): void {
    if (scope === 'global') this.globals.vars.set(id, value);
    else f.vars.set(id, value);
  }

  private unbind(id: string, scope: string, f: Frame): void {
    if (scope === 'global') this.globals.vars.delete(id);
    else f.vars.delete(id);
  }

  // ----------------------------------------------------------- targets

  private assign(t: Target, value: Value, f: Frame): void {
    switch (t.k) {
      case 'name':
        this.store(t.id, t.scope, value, f);
        return;
      case 'subscript': {
        const obj = this.ev(t.obj, f);
        const key = this.ev(t.index, f);
        this.loc = t.loc;
        this.tick();
        setItem(obj, key, value, this);
        return;
      }
      case 'attr': {
        const obj = this.ev(t.obj, f);
        this.loc = t.loc;
        throw pyError('AttributeError', `'${typeName(obj)}' object attribute '${t.name}' is read-only: values in workflow files have no writable attributes`);
      }
      case 'unpack':
        this.unpack(t, value, f);
        return;
      case 'star':
        throw pyError('SyntaxError', 'starred assignment target must be in a list or tuple');
    }
  }

  private unpack(t: Extract<Target, { k: 'unpack' }>, value: Value, f: Frame): void {
    this.loc = t.loc;
    const items: Value[] = [];
    const it = this.iterate(value);
    const fixed = t.starAt < 0 ? t.elts.length : t.elts.length - 1;
    for (let n = it.next(); !n.done; n = it.next()) {
      items.push(n.value);
      if (t.starAt < 0 && items.length > fixed) throw pyError('ValueError', `too many values to unpack (expected ${fixed})`);
    }
    if (items.length < fixed) {
      throw pyError('ValueError', t.starAt < 0 ? `not enough values to unpack (expected ${fixed}, got ${items.length})` : `not enough values to unpack (expected at least ${fixed}, got ${items.length})`);
    }
    if (t.starAt < 0) {
      t.elts.forEach((e, i) => this.assign(e, items[i], f));
      return;
    }
    const after = t.elts.length - t.starAt - 1;
    t.elts.forEach((e, i) => {
      if (i < t.starAt) this.assign(e, items[i], f);
      else if (i === t.starAt) this.assign((e as Extract<Target, { k: 'star' }>).target, new PyList(items.slice(t.starAt, items.length - after)), f);
      else this.assign(e, items[items.length - (t.elts.length - i)], f);
    });
  }

  private augAssign(t: Target, op: string, valueExpr: Expr, f: Frame): void {
    if (t.k === 'name') {
      const current = this.lookup(t, f);
      const value = this.ev(valueExpr, f);
      this.loc = t.loc;
      this.tick();
      this.store(t.id, t.scope, this.inplace(op, current, value), f);
      return;
    }
    if (t.k === 'subscript') {
      const obj = this.ev(t.obj, f);
      const key = this.ev(t.index, f);
      this.loc = t.loc;
      const current = getItem(obj, key, this);
      const value = this.ev(valueExpr, f);
      this.loc = t.loc;
      setItem(obj, key, this.inplace(op, current, value), this);
      return;
    }
    if (t.k === 'attr') {
      this.ev(t.obj, f);
      this.loc = t.loc;
      throw pyError('AttributeError', `attribute '${t.name}' is read-only: values in workflow files have no writable attributes`);
    }
    throw pyError('SyntaxError', 'illegal expression for augmented assignment');
  }

  /** a op= b: lists extend and repeat in place, dicts and sets update in place, everything else rebinds. */
  private inplace(op: string, a: Value, b: Value): Value {
    if (a instanceof PyList) {
      if (op === '+') {
        extendList(a, b, this);
        return a;
      }
      if (op === '*') {
        const result = binaryOp('*', a, b, this) as PyList;
        a.items = result.items;
        return a;
      }
    }
    if (a instanceof PyDict && op === '|') {
      updateDict(a, b, new Map(), this);
      return a;
    }
    if (a instanceof PySet && (op === '|' || op === '&' || op === '-' || op === '^')) {
      const r = binaryOp(op, a, b, this) as PySet;
      a.entries.clear();
      for (const [k, v] of r.entries) a.entries.set(k, v);
      return a;
    }
    return binaryOp(op, a, b, this);
  }

  private del(t: Target, f: Frame): void {
    switch (t.k) {
      case 'name':
        if (t.scope === 'global' ? !this.globals.vars.has(t.id) : !f.vars.has(t.id)) {
          this.loc = t.loc;
          throw pyError('NameError', `name '${t.id}' is not defined`);
        }
        this.unbind(t.id, t.scope, f);
        return;
      case 'subscript': {
        const obj = this.ev(t.obj, f);
        const key = this.ev(t.index, f);
        this.loc = t.loc;
        deleteItem(obj, key, this);
        return;
      }
      case 'unpack':
        for (const e of t.elts) this.del(e, f);
        return;
      default:
        this.loc = t.loc;
        throw pyError('AttributeError', 'attributes of values in workflow files cannot be deleted');
    }
  }

  // -------------------------------------------------------- expressions

  ev(e: Expr, f: Frame): Value {
    switch (e.k) {
      case 'const':
        return e.value;
      case 'int':
        return this.intLiteral(e);
      case 'name': {
        const value = this.lookup(e, f);
        this.options.observe?.(e, value);
        return value;
      }
      case 'fstring':
        return this.fstring(e.parts, f);
      case 'attr': {
        const obj = this.ev(e.obj, f);
        // CPython 3.11 reports an attribute access on the line of the attribute's name.
        this.loc = e.nameLoc;
        const value = getAttribute(obj, e.name, this);
        this.options.observe?.(e, value);
        return value;
      }
      case 'subscript': {
        const obj = this.ev(e.obj, f);
        const key = this.ev(e.index, f);
        this.loc = e.loc;
        this.tick();
        return getItem(obj, key, this);
      }
      case 'slice':
        return makeSlice(e.lower ? this.ev(e.lower, f) : null, e.upper ? this.ev(e.upper, f) : null, e.step ? this.ev(e.step, f) : null);
      case 'call': {
        const value = this.evalCall(e, f);
        this.options.observe?.(e, value);
        return value;
      }
      case 'binop': {
        const a = this.ev(e.left, f);
        const b = this.ev(e.right, f);
        this.loc = e.loc;
        this.tick();
        return binaryOp(e.op, a, b, this);
      }
      case 'unary':
        return this.unary(e.op, this.ev(e.operand, f), e.loc);
      case 'not':
        return !this.truthy(this.ev(e.operand, f));
      case 'boolop': {
        const left = this.ev(e.left, f);
        this.loc = e.loc;
        const t = this.truthy(left);
        if (e.op === 'and' ? !t : t) return left;
        return this.ev(e.right, f);
      }
      case 'compare':
        return this.compare(e, f);
      case 'ifexp':
        return this.truthy(this.ev(e.cond, f)) ? this.ev(e.then, f) : this.ev(e.orelse, f);
      case 'list':
        return new PyList(this.elements(e.elts, f));
      case 'tuple':
        return new PyTuple(this.elements(e.elts, f));
      case 'set': {
        const s = new PySet();
        for (const v of this.elements(e.elts, f)) this.hashed(() => s.add(v, this));
        return s;
      }
      case 'dict':
        return this.dictDisplay(e, f);
      case 'comp':
        return this.comprehension(e, f);
      case 'lambda':
        return this.makeFunction('<lambda>', e.params, e.body, f, e.loc, e.loc.row);
      case 'unsupported':
        this.loc = e.loc;
        throw pyError(e.kind, e.message);
    }
  }

  /** An int literal beyond the 64-bit range (smaller ones are constants already). */
  private intLiteral(e: Extract<Expr, { k: 'int' }>): Value {
    this.loc = e.loc;
    return checkInt(BigInt(e.text));
  }

  private hashed<T>(build: () => T): T {
    try {
      return build();
    } catch (err) {
      if (err instanceof UnhashableError) throw typeError(err.message);
      throw err;
    }
  }

  private elements(elts: readonly { star: boolean; value: Expr }[], f: Frame): Value[] {
    const out: Value[] = [];
    for (const el of elts) {
      const v = this.ev(el.value, f);
      if (el.star) {
        for (const x of this.materialize(v)) out.push(x);
      } else out.push(v);
    }
    this.grow(out.length);
    return out;
  }

  private dictDisplay(e: Extract<Expr, { k: 'dict' }>, f: Frame): PyDict {
    const d = new PyDict();
    for (const item of e.items) {
      if ('splat' in item) {
        const src = this.ev(item.splat, f);
        this.loc = e.loc;
        for (const [k, v] of this.mappingItems(src)) d.set(k, v);
      } else {
        const k = this.ev(item.key, f);
        const v = this.ev(item.value, f);
        this.hashed(() => d.set(k, v));
      }
    }
    this.grow(d.entries.size, ENTRY_BYTES);
    return d;
  }

  /** The (key, value) pairs of a mapping for `**` unpacking. */
  mappingItems(v: Value): [Value, Value][] {
    if (v instanceof PyDict) return [...v.entries.values()].map((e) => [e.key, e.value]);
    const keys = v instanceof PyObject ? v.getAttr('keys', this) : undefined;
    if (keys !== undefined) {
      const out: [Value, Value][] = [];
      for (const k of this.materialize(this.call(keys, []))) out.push([k, getItem(v, k, this)]);
      return out;
    }
    throw typeError(`'${typeName(v)}' object is not a mapping`);
  }

  /** All values of an iterable, metered. */
  materialize(v: Value): Value[] {
    if (v instanceof PyList || v instanceof PyTuple) {
      this.tick(v.items.length);
      return [...v.items];
    }
    const out: Value[] = [];
    const it = this.iterate(v);
    let bytes = 0;
    for (let n = it.next(); !n.done; n = it.next()) {
      out.push(n.value);
      bytes += elementBytes(n.value);
      if ((out.length & 1023) === 0) {
        this.grow(1, bytes);
        bytes = 0;
      }
    }
    return out;
  }

  private unary(op: '-' | '+' | '~', v: Value, loc: Loc): Value {
    this.loc = loc;
    this.tick();
    if (typeof v === 'boolean') v = v ? 1n : 0n;
    if (typeof v === 'bigint') return op === '-' ? checkInt(-v) : op === '+' ? v : ~v;
    if (typeof v === 'number') {
      if (op === '~') throw typeError("bad operand type for unary ~: 'float'");
      return op === '-' ? -v : v;
    }
    throw typeError(`bad operand type for unary ${op}: '${typeName(v)}'`);
  }

  private compare(e: Extract<Expr, { k: 'compare' }>, f: Frame): Value {
    let left = this.ev(e.first, f);
    let result: Value = true;
    for (let i = 0; i < e.ops.length; i++) {
      const right = this.ev(e.rest[i], f);
      this.loc = e.loc;
      this.tick();
      result = compareOp(e.ops[i], left, right, this);
      if (i < e.ops.length - 1 && !this.truthy(result)) return result;
      left = right;
    }
    return result;
  }

  private fstring(parts: readonly FStringPart[], f: Frame): string {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') {
        out += p;
        continue;
      }
      const v = this.ev(p.expr, f);
      const spec = p.spec ? this.fstring(p.spec, f) : '';
      this.loc = p.loc;
      this.tick(FORMAT_FIELD_STEPS);
      let text: string;
      if (p.conversion === 'r') text = this.format(this.repr(v), spec);
      else if (p.conversion === 'a') text = this.format(asciiRepr(this.repr(v)), spec);
      else if (p.conversion === 's') text = this.format(this.str(v), spec);
      else text = this.format(v, spec);
      if (p.debug !== null) out += p.debug;
      out += text;
      if (out.length > 4096) this.checkSize(out.length * CHAR_BYTES);
    }
    return out;
  }

  private comprehension(e: Extract<Expr, { k: 'comp' }>, f: Frame): Value {
    const first = e.clauses[0] as Extract<(typeof e.clauses)[number], { k: 'for' }>;
    const firstIterable = this.ev(first.iter, f);
    const frame = new Frame(f === this.globals ? null : f);
    if (e.kind === 'generator') {
      this.iterate(firstIterable); // a non-iterable fails at creation, as in CPython
      return new PyIterator('generator', this.generate(e, frame, firstIterable));
    }
    if (e.kind === 'list') {
      const out: Value[] = [];
      let bytes = 0;
      this.produce(e, frame, firstIterable, 0, () => {
        const value = this.ev(e.elt, frame);
        out.push(value);
        bytes += elementBytes(value);
        if ((out.length & 1023) === 0) {
          this.grow(1, bytes);
          bytes = 0;
        }
      });
      return new PyList(out);
    }
    if (e.kind === 'set') {
      const s = new PySet();
      this.produce(e, frame, firstIterable, 0, () => {
        const v = this.ev(e.elt, frame);
        this.hashed(() => s.add(v, this));
      });
      return s;
    }
    const d = new PyDict();
    this.produce(e, frame, firstIterable, 0, () => {
      const k = this.ev(e.elt, frame);
      const v = this.ev(e.value as Expr, frame);
      this.tick(DICT_ENTRY_STEPS);
      this.hashed(() => d.set(k, v));
      if ((d.entries.size & 255) === 0) this.grow(256, ENTRY_BYTES);
    });
    return d;
  }

  /** Runs the comprehension's clauses eagerly, calling `emit` for each produced element (list, set and dict displays). */
  private produce(e: Extract<Expr, { k: 'comp' }>, frame: Frame, firstIterable: Value, clause: number, emit: () => void): void {
    if (clause === e.clauses.length) {
      this.loc = e.loc;
      emit();
      return;
    }
    const c = e.clauses[clause];
    if (c.k === 'if') {
      if (this.truthy(this.ev(c.cond, frame))) this.produce(e, frame, firstIterable, clause + 1, emit);
      return;
    }
    const it = this.iterate(clause === 0 ? firstIterable : this.ev(c.iter, frame));
    for (let n = it.next(); !n.done; n = it.next()) {
      this.tick();
      this.loc = e.loc;
      this.assign(c.target, n.value, frame);
      this.produce(e, frame, firstIterable, clause + 1, emit);
    }
  }

  /**
   * A generator expression's values, lazily: produce() walks the same clauses eagerly for list, set and dict
   * comprehensions (no JavaScript generator on that hot path), this one yields for generator expressions.
   */
  private *generate(e: Extract<Expr, { k: 'comp' }>, frame: Frame, firstIterable: Value, clause = 0): Generator<Value, void, undefined> {
    if (clause === e.clauses.length) {
      this.loc = e.loc;
      yield this.ev(e.elt, frame);
      return;
    }
    const c = e.clauses[clause];
    if (c.k === 'if') {
      if (this.truthy(this.ev(c.cond, frame))) yield* this.generate(e, frame, firstIterable, clause + 1);
      return;
    }
    const it = this.iterate(clause === 0 ? firstIterable : this.ev(c.iter, frame));
    const innermost = clause + 1 === e.clauses.length;
    for (let n = it.next(); !n.done; n = it.next()) {
      // A resumed generator does the work of several simple steps (iteration, assignment, the yield and the
      // consumer's resume): charged as such, so the step budget, not the wall clock, stops a runaway one.
      this.tick(GENERATOR_ITEM_STEPS);
      this.loc = e.loc;
      this.assign(c.target, n.value, frame);
      // The common one-clause case yields directly instead of through a nested generator per item.
      if (innermost) {
        this.loc = e.loc;
        yield this.ev(e.elt, frame);
      } else yield* this.generate(e, frame, firstIterable, clause + 1);
    }
  }

  // -------------------------------------------------------------- calls

  private evalCall(e: Extract<Expr, { k: 'call' }>, f: Frame): Value {
    const fe = e.func;
    if (fe.k === 'attr') {
      const obj = this.ev(fe.obj, f);
      const { args, kwargs } = this.evalArgs(e.args, f);
      this.loc = fe.nameLoc.row === e.loc.row ? e.loc : fe.nameLoc;
      return callMethod(obj, fe.name, args, kwargs, this);
    }
    const fn = this.ev(fe, f);
    const { args, kwargs } = this.evalArgs(e.args, f);
    this.loc = e.loc;
    return this.call(fn, args, kwargs);
  }

  private evalArgs(argExprs: readonly Arg[], f: Frame): { args: Value[]; kwargs: Kwargs } {
    const args: Value[] = [];
    const kwargs: Kwargs = new Map();
    for (const a of argExprs) {
      switch (a.kind) {
        case 'positional':
          args.push(this.ev(a.value, f));
          break;
        case 'star':
          for (const v of this.materialize(this.ev(a.value, f))) args.push(v);
          break;
        case 'keyword':
          if (kwargs.has(a.name)) {
            this.loc = a.loc;
            throw typeError(`keyword argument repeated: ${a.name}`);
          }
          kwargs.set(a.name, this.ev(a.value, f));
          break;
        case 'double-star':
          for (const [k, v] of this.mappingItems(this.ev(a.value, f))) {
            if (typeof k !== 'string') throw typeError('keywords must be strings');
            if (kwargs.has(k)) throw typeError(`got multiple values for keyword argument '${k}'`);
            kwargs.set(k, v);
          }
          break;
      }
    }
    return { args, kwargs };
  }

  call(fn: Value, args: Value[], kwargs: Kwargs = new Map()): Value {
    if (fn instanceof PyFunction) return this.callFunction(fn, args, kwargs);
    if (fn instanceof PyBuiltin || fn instanceof PyType) {
      this.tick(BUILTIN_CALL_STEPS);
      return fn.impl(args, kwargs, this);
    }
    if (fn instanceof PyExceptionClass) {
      if (kwargs.size) throw typeError(`${fn.name}() takes no keyword arguments`);
      return new PyException(fn, args);
    }
    const callable = fn instanceof PyObject ? (fn as { callValue?: (a: Value[], k: Kwargs, h: Host) => Value }).callValue : undefined;
    if (callable) {
      this.tick(BUILTIN_CALL_STEPS);
      return callable.call(fn, args, kwargs, this);
    }
    throw typeError(`'${typeName(fn)}' object is not callable`);
  }

  private callFunction(fn: PyFunction, args: Value[], kwargs: Kwargs): Value {
    this.tick(FUNCTION_CALL_STEPS);
    const frame = new Frame(fn.closure);
    this.bindParams(fn, args, kwargs, frame);
    if (this.calls.length >= this.options.limits.maxCallDepth) {
      throw new LimitError(`call depth limit exceeded (${this.options.limits.maxCallDepth} nested calls)`);
    }
    const callLoc = this.loc;
    this.calls.push({ name: fn.name, callLoc });
    try {
      if (!Array.isArray(fn.body)) return this.ev(fn.body as Expr, frame);
      const c = this.execBlock(fn.body as readonly Stmt[], frame);
      const result = c === RETURN ? this.returnValue : null;
      this.returnValue = null;
      return result;
    } catch (e) {
      const error = this.normalize(e);
      if (error instanceof PyError && !(error instanceof LimitError)) this.tick(EXCEPTION_UNWIND_STEPS);
      throw error;
    } finally {
      this.calls.pop();
      this.loc = callLoc;
    }
  }

  private bindParams(fn: PyFunction, args: Value[], kwargs: Kwargs, frame: Frame): void {
    const params = fn.params.list;
    if (fn.plainArity === args.length && kwargs.size === 0) {
      for (let i = 0; i < args.length; i++) frame.vars.set(params[i].name, args[i]);
      return;
    }
    const name = fn.name;
    const positional = params.filter((p) => p.kind === 'positional' || p.kind === 'positional-only');
    const star = params.find((p) => p.kind === 'star');
    const doubleStar = params.find((p) => p.kind === 'double-star');
    if (args.length > positional.length && !star) {
      const required = positional.filter((p) => !fn.defaults.has(p.name)).length;
      const expected = required === positional.length ? `${positional.length}` : `from ${required} to ${positional.length}`;
      throw typeError(`${name}() takes ${expected} positional argument${positional.length === 1 && required === positional.length ? '' : 's'} but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`);
    }
    for (let i = 0; i < positional.length && i < args.length; i++) frame.vars.set(positional[i].name, args[i]);
    if (star) frame.vars.set(star.name, new PyTuple(args.slice(positional.length)));
    const extra = doubleStar ? new PyDict() : null;
    for (const [key, value] of kwargs) {
      const p = params.find((q) => q.name === key && (q.kind === 'positional' || q.kind === 'keyword-only'));
      if (!p && !extra && params.some((q) => q.name === key && q.kind === 'positional-only')) {
        throw typeError(`${name}() got some positional-only arguments passed as keyword arguments: '${key}'`);
      }
      if (!p) {
        if (extra) {
          extra.set(key, value);
          continue;
        }
        const suggestion = suggestName(key, params.filter((q) => q.kind === 'positional' || q.kind === 'keyword-only').map((q) => q.name));
        throw withHint(typeError(`${name}() got an unexpected keyword argument '${key}'`), suggestion, '');
      }
      if (frame.vars.has(key)) throw typeError(`${name}() got multiple values for argument '${key}'`);
      frame.vars.set(key, value);
    }
    if (doubleStar) frame.vars.set(doubleStar.name, extra as PyDict);
    const missing: string[] = [];
    const missingKw: string[] = [];
    for (const p of params) {
      if (p.kind === 'star' || p.kind === 'double-star') continue;
      if (frame.vars.has(p.name)) continue;
      const d = fn.defaults.get(p.name);
      if (d !== undefined) frame.vars.set(p.name, d);
      else (p.kind === 'keyword-only' ? missingKw : missing).push(p.name);
    }
    if (missing.length) throw typeError(`${name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${quoteList(missing)}`);
    if (missingKw.length) throw typeError(`${name}() missing ${missingKw.length} required keyword-only argument${missingKw.length === 1 ? '' : 's'}: ${quoteList(missingKw)}`);
  }
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'an unbounded amount';
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}

