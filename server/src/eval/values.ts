// The Python value model. Primitives are JavaScript values with one meaning
// each: null is None, boolean is bool, bigint is int (exact), number is float,
// string is str. Everything else is a PyObject subclass that says how it
// behaves (attributes, calls, items, iteration, truth, length) through the
// Host the interpreter passes in — no value can reach a JavaScript or Node
// API on its own.

import type { Loc, Params, Stmt, Expr } from './ast';
import type { Frame } from './frame';
import { ENTRY_BYTES } from './memory';

export type Value = null | boolean | bigint | number | string | PyObject;

/** Keyword arguments in call order. */
export type Kwargs = Map<string, Value>;

/** What values need from the interpreter: budgets, calls, and Python's protocols. */
export interface Host {
  /** Counts `n` evaluation steps against the budget. */
  tick(n?: number): void;
  /** Checks that an allocation of about `bytes` fits the memory budget, before making it. */
  reserve(bytes: number): void;
  /** Checks that one value of `bytes` fits the memory limit without charging it (a result still being built). */
  checkSize(bytes: number): void;
  /** The largest one value may be, in bytes (what checkSize allows). */
  readonly maxValueBytes: number;
  /** Meters the growth of containers by `count` elements of `bytesEach` (see memory.ts). */
  grow(count: number, bytesEach?: number): void;
  call(fn: Value, args: Value[], kwargs?: Kwargs): Value;
  iterate(value: Value): Iterator<Value>;
  /** All values of an iterable in a fresh array, metered in steps and memory. */
  materialize(value: Value): Value[];
  truthy(value: Value): boolean;
  str(value: Value): string;
  repr(value: Value): string;
  equals(a: Value, b: Value): boolean;
  /** Orders two values as `<` does, for sort/min/max. */
  lessThan(a: Value, b: Value): boolean;
}

export abstract class PyObject {
  /** The Python type name, as error messages show it. */
  abstract readonly typeName: string;
  getAttr(_name: string, _host: Host): Value | undefined {
    return undefined;
  }
  /** Every attribute name, for "did you mean" suggestions. */
  attrNames(): readonly string[] {
    return [];
  }
  truthy(_host: Host): boolean {
    return true;
  }
}

// ------------------------------------------------------------ containers

export class PyList extends PyObject {
  readonly typeName: string = 'list';
  constructor(public items: Value[]) {
    super();
  }
  override truthy(): boolean {
    return this.items.length > 0;
  }
}

export class PyTuple extends PyObject {
  readonly typeName = 'tuple';
  constructor(readonly items: readonly Value[]) {
    super();
  }
  override truthy(): boolean {
    return this.items.length > 0;
  }
}

export interface DictEntry {
  key: Value;
  value: Value;
}

export class PyDict extends PyObject {
  readonly typeName: string = 'dict';
  readonly entries = new Map<DictKey, DictEntry>();
  override truthy(): boolean {
    return this.entries.size > 0;
  }
  get(key: Value): Value | undefined {
    return this.entries.get(hashKey(key))?.value;
  }
  set(key: Value, value: Value): void {
    const k = hashKey(key);
    const existing = this.entries.get(k);
    if (existing) existing.value = value;
    else this.entries.set(k, { key, value });
  }
  has(key: Value): boolean {
    return this.entries.has(hashKey(key));
  }
  delete(key: Value): boolean {
    return this.entries.delete(hashKey(key));
  }
  keys(): Value[] {
    return [...this.entries.values()].map((e) => e.key);
  }
  static fromPairs(pairs: Iterable<[string, Value]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of pairs) d.set(k, v);
    return d;
  }
}

export class PySet extends PyObject {
  readonly typeName = 'set';
  readonly entries = new Map<DictKey, Value>();
  override truthy(): boolean {
    return this.entries.size > 0;
  }
  /** Adds `v`; with a host, a new entry is metered against the memory budget (see memory.ts). */
  add(v: Value, host?: Host): void {
    const k = hashKey(v);
    if (this.entries.has(k)) return;
    host?.grow(1, ENTRY_BYTES);
    this.entries.set(k, v);
  }
  has(v: Value): boolean {
    return this.entries.has(hashKey(v));
  }
}

export class PyRange extends PyObject {
  readonly typeName = 'range';
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {
    super();
  }
  get length(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return stop > start ? (stop - start + step - 1n) / step : 0n;
    return start > stop ? (start - stop - step - 1n) / -step : 0n;
  }
  override truthy(): boolean {
    return this.length > 0n;
  }
}

/** A live view of a dict: keys(), values() or items(). */
export class PyDictView extends PyObject {
  readonly typeName: string;
  constructor(
    readonly dict: PyDict,
    readonly kind: 'keys' | 'values' | 'items',
  ) {
    super();
    this.typeName = `dict_${kind}`;
  }
  override truthy(): boolean {
    return this.dict.entries.size > 0;
  }
}

/** A single-use lazy iterator: generator expressions, enumerate, zip, iter(). */
export class PyIterator extends PyObject {
  constructor(
    readonly typeName: string,
    readonly source: Iterator<Value>,
  ) {
    super();
  }
}

/** `...`: the one Ellipsis value (a placeholder body, `tuple[str, ...]`). */
class PyEllipsis extends PyObject {
  readonly typeName = 'ellipsis';
  reprString(): string {
    return 'Ellipsis';
  }
}

export const ELLIPSIS: PyObject = new PyEllipsis();

// -------------------------------------------------------------- callables

export class PyFunction extends PyObject {
  readonly typeName = 'function';
  constructor(
    readonly name: string,
    readonly params: Params,
    readonly defaults: Map<string, Value>,
    readonly body: readonly Stmt[] | Expr,
    readonly closure: Frame | null,
    readonly loc: Loc,
    /** 0-based row of the first decorator (or the def line). */
    readonly firstRow: number,
  ) {
    super();
    this.plainArity = params.list.every((p) => p.kind === 'positional' || p.kind === 'positional-only') ? params.list.length : -1;
  }

  /** The parameter count when every parameter is a plain positional one (the fast path of a call), else -1. */
  readonly plainArity: number;
}

export type BuiltinImpl = (args: Value[], kwargs: Kwargs, host: Host) => Value;

export class PyBuiltin extends PyObject {
  readonly typeName: string = 'builtin_function_or_method';
  constructor(
    readonly name: string,
    readonly impl: BuiltinImpl,
  ) {
    super();
  }
}

/** A builtin type (str, int, list, dict ...): callable, usable with isinstance. */
export class PyType extends PyObject {
  readonly typeName = 'type';
  constructor(
    readonly name: string,
    readonly impl: BuiltinImpl,
    /** The JSON Schema it stands for as a plue type marker (str, int, float, bool), or null. */
    readonly jsonSchemaType: string | null = null,
  ) {
    super();
  }
}

// -------------------------------------------------------------- exceptions

export class PyExceptionClass extends PyObject {
  readonly typeName = 'type';
  constructor(
    readonly name: string,
    readonly base: PyExceptionClass | null,
  ) {
    super();
  }
  isSubclassOf(other: PyExceptionClass): boolean {
    return this === other || (this.base !== null && this.base.isSubclassOf(other));
  }
}

export class PyException extends PyObject {
  /** Where it was first raised, so `raise e` later keeps that innermost location. */
  origin: { readonly loc: Loc; readonly traceback: readonly { readonly name: string; readonly loc: Loc }[] } | null = null;
  constructor(
    readonly cls: PyExceptionClass,
    readonly args: readonly Value[],
  ) {
    super();
  }
  get typeName(): string {
    return this.cls.name;
  }
  override getAttr(name: string): Value | undefined {
    if (name === 'args') return new PyTuple(this.args);
    return undefined;
  }
  override attrNames(): readonly string[] {
    return ['args'];
  }
}

// ------------------------------------------------------------------ hashing

/**
 * The key a value has in a dict or set (a JavaScript Map key): equal values
 * (1, 1.0, True) share one key, as Python's hash/eq do. Strings key as
 * themselves and ints as bigints (no string building on the hot path).
 * Tuples and run-time values key as a text of their structure starting with
 * NUL; a user string that itself starts with NUL gets a second NUL, so the
 * two can never collide. Other objects key by identity.
 * Unhashable values throw UnhashableError.
 */
export type DictKey = string | bigint | number | null | object;

const STRUCTURED = '\u0000';

export function hashKey(v: Value): DictKey {
  switch (typeof v) {
    case 'string':
      return v.startsWith(STRUCTURED) ? STRUCTURED + v : v;
    case 'bigint':
      return v;
    case 'boolean':
      return v ? 1n : 0n;
    case 'number':
      return Number.isInteger(v) ? BigInt(v) : v;
    case 'object':
      if (v === null) return null;
      if (v instanceof PyTuple) return `${STRUCTURED}t(${v.items.map(keyText).join(',')})`;
      return hashObject(v);
    default:
      throw new UnhashableError('object');
  }
}

/** A textual form of a key, unique per key, for composing tuple keys. */
function keyText(v: Value): string {
  const k = hashKey(v);
  switch (typeof k) {
    case 'string':
      return JSON.stringify(k);
    case 'bigint':
      return `${k}n`;
    case 'number':
      return `${k}`;
    default:
      return k === null ? 'None' : `#${objectId(k)}`;
  }
}

export class UnhashableError extends Error {
  constructor(readonly typeName: string) {
    super(`unhashable type: '${typeName}'`);
  }
}

const identity = new WeakMap<object, number>();
let nextIdentity = 1;

/** A number naming an object within this process, for tuple keys holding objects (never printed). */
function objectId(o: object): number {
  let id = identity.get(o);
  if (id === undefined) {
    id = nextIdentity++;
    identity.set(o, id);
  }
  return id;
}

function hashObject(v: PyObject): DictKey {
  if (v instanceof PyList || v instanceof PyDict || v instanceof PySet || v instanceof PyDictView) throw new UnhashableError(v.typeName);
  const custom = (v as { hashKey?: () => string }).hashKey;
  if (typeof custom === 'function') return `${STRUCTURED}o${custom.call(v)}`;
  return v;
}
