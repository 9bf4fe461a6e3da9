// Python's binary and comparison operators over the value model: arithmetic
// with Python's int/float rules, sequence concatenation and repetition (sizes
// checked before allocating), dict/set operators, deep equality, ordering,
// and `in`. Objects that define their own operators (run-time expressions)
// are asked first, then reflected, as CPython's binary-op protocol does.

import { LimitError, pyError, typeError } from './errors';
import { SLOT_BYTES } from './memory';
import { ENTRY_BYTES } from './memory';
import { checkInt, floatDivmod, HUGE_INT_BITS, intFloorDiv, intMod, intPow } from './numbers';
import { percentFormat } from './percent-format';
import { hasSurrogates } from './text';
import type { Host, Value } from './values';
import { hashKey, PyDict, PyDictView, PyList, PyObject, PyRange, PySet, PyTuple } from './values';

/** Objects that implement operators themselves (e.g. run-time expressions). */
export interface OperatorHooks {
  binaryOp(op: string, other: Value, reflected: boolean, host: Host): Value | undefined;
}

function hasHooks(v: Value): v is PyObject & OperatorHooks {
  return v instanceof PyObject && typeof (v as Partial<OperatorHooks>).binaryOp === 'function';
}

export function typeName(v: Value): string {
  switch (typeof v) {
    case 'string':
      return 'str';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    default:
      return v === null ? 'NoneType' : (v as PyObject).typeName;
  }
}

/** int or bool as a bigint, or null. */
function asInt(v: Value): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return null;
}

function asNumber(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

function unsupported(op: string, a: Value, b: Value): Error {
  return typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function repeatCount(v: Value): bigint | null {
  return asInt(v);
}

function repeatSequence<T>(items: readonly T[], times: bigint, host: Host): T[] {
  if (times <= 0n || items.length === 0) return [];
  host.reserve(items.length * SLOT_BYTES * Number(times));
  host.grow(items.length * Number(times));
  const out: T[] = [];
  for (let i = 0n; i < times; i++) for (const v of items) out.push(v);
  host.tick(Number(times));
  return out;
}

function repeatString(s: string, times: bigint, host: Host): string {
  if (times <= 0n || s.length === 0) return '';
  host.reserve(s.length * 2 * Number(times));
  return s.repeat(Number(times));
}

export function binaryOp(op: string, a: Value, b: Value, host: Host): Value {
  if (hasHooks(a)) {
    const r = a.binaryOp(op, b, false, host);
    if (r !== undefined) return r;
  }
  if (hasHooks(b)) {
    const r = b.binaryOp(op, a, true, host);
    if (r !== undefined) return r;
  }
  if ((op === '|' || op === '&' || op === '-' || op === '^') && (isSetLike(a) || isSetLike(b)) && (isSetLike(a) || a instanceof PySet) && (isSetLike(b) || b instanceof PySet)) {
    return binaryOp(op, asSet(a, host), asSet(b, host), host);
  }
  const ia = asInt(a);
  const ib = asInt(b);
  if (ia !== null && ib !== null) return intOp(op, ia, ib, a, b, host);
  const fa = asNumber(a);
  const fb = asNumber(b);
  if (fa !== null && fb !== null) return floatOp(op, fa, fb, a, b);
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') {
        host.reserve((a.length + b.length) * 2);
        return a + b;
      }
      if (a instanceof PyList && b instanceof PyList) {
        host.reserve((a.items.length + b.items.length) * SLOT_BYTES);
        host.grow(a.items.length + b.items.length);
        return new PyList([...a.items, ...b.items]);
      }
      if (a instanceof PyTuple && b instanceof PyTuple) {
        host.reserve((a.items.length + b.items.length) * SLOT_BYTES);
        host.grow(a.items.length + b.items.length);
        return new PyTuple([...a.items, ...b.items]);
      }
      // CPython names the left operand's type only when it is the sequence (1 + [1] is "unsupported operand").
      if (a instanceof PyList) throw typeError(`can only concatenate list (not "${typeName(b)}") to list`);
      if (a instanceof PyTuple) throw typeError(`can only concatenate tuple (not "${typeName(b)}") to tuple`);
      if (typeof a === 'string') throw typeError(`can only concatenate str (not "${typeName(b)}") to str`);
      break;
    case '*': {
      if (typeof a === 'string' && repeatCount(b) !== null) return repeatString(a, repeatCount(b) as bigint, host);
      if (typeof b === 'string' && repeatCount(a) !== null) return repeatString(b, repeatCount(a) as bigint, host);
      if (a instanceof PyList && repeatCount(b) !== null) return new PyList(repeatSequence(a.items, repeatCount(b) as bigint, host));
      if (b instanceof PyList && repeatCount(a) !== null) return new PyList(repeatSequence(b.items, repeatCount(a) as bigint, host));
      if (a instanceof PyTuple && repeatCount(b) !== null) return new PyTuple(repeatSequence(a.items, repeatCount(b) as bigint, host));
      if (b instanceof PyTuple && repeatCount(a) !== null) return new PyTuple(repeatSequence(b.items, repeatCount(a) as bigint, host));
      if (typeof a === 'string' || a instanceof PyList || a instanceof PyTuple) {
        throw typeError(`can't multiply sequence by non-int of type '${typeName(b)}'`);
      }
      break;
    }
    case '%':
      if (typeof a === 'string') return percentFormat(a, b, host);
      break;
    case '|':
      if (a instanceof PyDict && b instanceof PyDict) {
        const out = new PyDict();
        for (const e of a.entries.values()) out.set(e.key, e.value);
        for (const e of b.entries.values()) out.set(e.key, e.value);
        host.reserve(out.entries.size * ENTRY_BYTES);
        host.grow(out.entries.size, ENTRY_BYTES);
        return out;
      }
      if (a instanceof PySet && b instanceof PySet) return setOf([...a.entries.values(), ...b.entries.values()]);
      break;
    case '&':
      if (a instanceof PySet && b instanceof PySet) return setOf([...a.entries.values()].filter((v) => b.has(v)));
      break;
    case '-':
      if (a instanceof PySet && b instanceof PySet) return setOf([...a.entries.values()].filter((v) => !b.has(v)));
      break;
    case '^':
      if (a instanceof PySet && b instanceof PySet) {
        return setOf([...[...a.entries.values()].filter((v) => !b.has(v)), ...[...b.entries.values()].filter((v) => !a.has(v))]);
      }
      break;
  }
  throw unsupported(op === '**' ? '** or pow()' : op, a, b);
}

/** keys() and items() views behave as sets for set operators and comparison. */
function isSetLike(v: Value): v is PyDictView {
  return v instanceof PyDictView && v.kind !== 'values';
}

function asSet(v: Value, host: Host): PySet {
  if (v instanceof PySet) return v;
  const out = new PySet();
  const it = host.iterate(v);
  for (let n = it.next(); !n.done; n = it.next()) out.add(n.value, host);
  return out;
}

function setOf(values: Value[]): PySet {
  const s = new PySet();
  for (const v of values) s.add(v);
  return s;
}

function intOp(op: string, a: bigint, b: bigint, ra: Value, rb: Value, host: Host): Value {
  switch (op) {
    case '+':
      return checkInt(a + b);
    case '-':
      return checkInt(a - b);
    case '*':
      return checkInt(a * b);
    case '/':
      if (b === 0n) throw pyError('ZeroDivisionError', 'division by zero');
      return trueDivide(a, b);
    case '//':
      return intFloorDiv(a, b);
    case '%':
      return intMod(a, b);
    case '**':
      if (b < 0n) {
        if (a === 0n) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
        return Number(a) ** Number(b);
      }
      host.tick();
      return intPow(a, b);
    case '<<':
      if (b < 0n) throw pyError('ValueError', 'negative shift count');
      if (a !== 0n && b > 64n) {
        if (b > BigInt(HUGE_INT_BITS)) throw new LimitError(`memory limit: ${a} << ${b} would build an integer of about ${b} bits before overflowing`);
        throw pyError('OverflowError', 'integer result does not fit in 64 bits (workflow ints are 64-bit)');
      }
      return checkInt(a << b);
    case '>>':
      if (b < 0n) throw pyError('ValueError', 'negative shift count');
      return a >> (b > 64n ? 64n : b);
    case '&':
      return typeof ra === 'boolean' && typeof rb === 'boolean' ? ra && rb : a & b;
    case '|':
      return typeof ra === 'boolean' && typeof rb === 'boolean' ? ra || rb : a | b;
    case '^':
      return typeof ra === 'boolean' && typeof rb === 'boolean' ? ra !== rb : a ^ b;
    default:
      throw unsupported(op, ra, rb);
  }
}

/** int / int, correctly rounded like CPython (exact for operands up to 2**53). */
function trueDivide(a: bigint, b: bigint): number {
  const limit = 2n ** 53n;
  if ((a < 0n ? -a : a) <= limit && (b < 0n ? -b : b) <= limit) return Number(a) / Number(b);
  // Scale so the quotient has 64+ significant bits, then let Number() round once.
  const negative = a < 0n !== b < 0n;
  let n = a < 0n ? -a : a;
  const d = b < 0n ? -b : b;
  if (n === 0n) return negative ? -0 : 0; // the scaling loop below never ends on 0 (0 / 2**62 hung)
  let shift = 0;
  while (n / d < 2n ** 64n) {
    n <<= 1n;
    shift++;
  }
  const q = n / d;
  const sticky = n % d !== 0n ? 1n : 0n;
  const value = Number((q << 1n) | sticky) / 2 ** (shift + 1);
  return negative ? -value : value;
}

function floatOp(op: string, a: number, b: number, ra: Value, rb: Value): Value {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw pyError('ZeroDivisionError', 'float division by zero');
      return a / b;
    case '//':
      return floatDivmod(a, b, 'float floor division by zero')[0];
    case '%':
      return floatDivmod(a, b, 'float modulo')[1];
    case '**': {
      if (a === 0 && b < 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
      // C99 pow, which CPython follows: 1 ** anything and (-1) ** ±inf are 1.
      if (a === 1 || b === 0 || (a === -1 && !Number.isFinite(b) && !Number.isNaN(b))) return 1.0;
      // A negative finite base to a fractional power is complex in CPython; -inf ** 0.5 is inf and -inf ** -0.5 is 0.0 (C pow).
      if (a < 0 && Number.isFinite(a) && !Number.isInteger(b) && Number.isFinite(b)) throw pyError('ValueError', 'complex numbers are not supported in workflow files');
      const r = a ** b;
      if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) throw pyError('OverflowError', '(34, \'Numerical result out of range\')');
      return r;
    }
    default:
      throw unsupported(op, ra, rb);
  }
}

// -------------------------------------------------------------- comparisons

/** Python's `==` answered as a bool, as containers ask it (identity first, as PyObject_RichCompareBool does). */
export function equals(a: Value, b: Value, host: Host): boolean {
  if (typeof a === 'string' && typeof b === 'string' && a.length > 256) host.tick(a.length >> 6);
  if (a === b) return true;
  if (typeof a === 'bigint' && typeof b === 'bigint') return false;
  // A run-time value compared inside `in`, `index()`, list equality ...: its `==` is an expression whose truth is not known.
  if (hasHooks(a) || hasHooks(b)) {
    const r = hasHooks(a) ? a.binaryOp('==', b, false, host) : (b as PyObject & OperatorHooks).binaryOp('==', a, false, host);
    if (r !== undefined) return host.truthy(r);
  }
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'bigint' || ta === 'number' || ta === 'boolean') && (tb === 'bigint' || tb === 'number' || tb === 'boolean')) {
    return numericCompare(a, b) === 0;
  }
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (a instanceof PyList && b instanceof PyList) return sequenceEquals(a.items, b.items, host);
  if (a instanceof PyTuple && b instanceof PyTuple) return sequenceEquals(a.items, b.items, host);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [k, e] of a.entries) {
      host.tick();
      const other = b.entries.get(k);
      if (!other || !equals(e.value, other.value, host)) return false;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet) {
    if (a.entries.size !== b.entries.size) return false;
    for (const k of a.entries.keys()) if (!b.entries.has(k)) return false;
    return true;
  }
  if (a instanceof PyRange && b instanceof PyRange) {
    const la = a.length;
    if (la !== b.length) return false;
    return la === 0n || (a.start === b.start && (la === 1n || a.step === b.step));
  }
  if ((isSetLike(a) || a instanceof PySet) && (isSetLike(b) || b instanceof PySet)) return equals(asSet(a, host), asSet(b, host), host);
  const custom = (a as { equalsValue?: (o: Value, h: Host) => boolean | undefined }).equalsValue ?? null;
  if (custom) {
    const r = custom.call(a, b, host);
    if (r !== undefined) return r;
  }
  const customB = (b as { equalsValue?: (o: Value, h: Host) => boolean | undefined }).equalsValue ?? null;
  if (customB) {
    const r = customB.call(b, a, host);
    if (r !== undefined) return r;
  }
  return false;
}

function sequenceEquals(a: readonly Value[], b: readonly Value[], host: Host): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    host.tick();
    if (!equals(a[i], b[i], host)) return false;
  }
  return true;
}

/** Exact comparison of two numbers of any kind: -1, 0, 1, or NaN when unordered. */
function numericCompare(a: Value, b: Value): number {
  const ia = asInt(a);
  const ib = asInt(b);
  if (ia !== null && ib !== null) return ia < ib ? -1 : ia > ib ? 1 : 0;
  const fa = asNumber(a) as number;
  const fb = asNumber(b) as number;
  if (Number.isNaN(fa) || Number.isNaN(fb)) return NaN;
  if (ia !== null && Number.isFinite(fb) && Number.isInteger(fb)) {
    const bi = BigInt(fb);
    return ia < bi ? -1 : ia > bi ? 1 : 0;
  }
  if (ib !== null && Number.isFinite(fa) && Number.isInteger(fa)) {
    const ai = BigInt(fa);
    return ai < ib ? -1 : ai > ib ? 1 : 0;
  }
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

function isNumber(v: Value): boolean {
  const t = typeof v;
  return t === 'bigint' || t === 'number' || t === 'boolean';
}

/** The ordering of `a` against `b` for < <= > >=: negative, zero, positive, or NaN (unordered). */
export function order(op: string, a: Value, b: Value, host: Host): number {
  if (isNumber(a) && isNumber(b)) return numericCompare(a, b);
  if (typeof a === 'string' && typeof b === 'string') {
    if (a.length > 256) host.tick(a.length >> 6);
    return compareStrings(a, b);
  }
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const x = a.items;
    const y = b.items;
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      host.tick();
      if (!equals(x[i], y[i], host)) return order(op, x[i], y[i], host);
    }
    return x.length - y.length;
  }
  if (a instanceof PySet && b instanceof PySet) {
    const aSubB = [...a.entries.keys()].every((k) => b.entries.has(k));
    const bSubA = [...b.entries.keys()].every((k) => a.entries.has(k));
    if (aSubB && bSubA) return 0;
    if (aSubB) return -1;
    if (bSubA) return 1;
    return NaN;
  }
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Compares by code point (UTF-16 order differs from it only for astral characters). */
function compareStrings(a: string, b: string): number {
  if (!hasSurrogates(a) && !hasSurrogates(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

export function compareOp(op: string, a: Value, b: Value, host: Host): Value {
  if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (hasHooks(a)) {
      const r = a.binaryOp(op, b, false, host);
      if (r !== undefined) return r;
    }
    if (hasHooks(b)) {
      const reflected = op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
      const r = b.binaryOp(reflected, a, false, host);
      if (r !== undefined) return r;
    }
  }
  switch (op) {
    case '==':
      return equals(a, b, host);
    case '!=':
      return !equals(a, b, host);
    case '<':
      return order(op, a, b, host) < 0;
    case '<=':
      return order(op, a, b, host) <= 0;
    case '>':
      return order(op, a, b, host) > 0;
    case '>=':
      return order(op, a, b, host) >= 0;
    case 'in':
      return contains(b, a, host);
    case 'not in':
      return !contains(b, a, host);
    case 'is':
      return identical(a, b);
    case 'is not':
      return !identical(a, b);
    default:
      throw typeError(`unknown comparison ${op}`);
  }
}

function identical(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b;
  return a === b;
}

/** Objects with their own membership test (event objects, run-time values). */
export interface ContainsHook {
  containsValue(item: Value, host: Host): boolean;
}

export function contains(container: Value, item: Value, host: Host): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const v of container.items) {
      host.tick();
      if (Object.is(v, item) || equals(v, item, host)) return true;
    }
    return false;
  }
  if (container instanceof PyDict) return container.entries.has(hashKey(item));
  if (container instanceof PySet) return container.has(item);
  if (container instanceof PyDictView) {
    if (container.kind === 'keys') return container.dict.has(item);
    return scan(container, item, host);
  }
  if (container instanceof PyRange) {
    const i = asInt(item);
    if (i === null) {
      if (typeof item === 'number' && Number.isInteger(item)) return contains(container, BigInt(item), host);
      return false;
    }
    const { start, stop, step } = container;
    if (step > 0n ? i < start || i >= stop : i > start || i <= stop) return false;
    return (i - start) % step === 0n;
  }
  const hook = (container as Partial<ContainsHook> | null)?.containsValue;
  if (container instanceof PyObject && typeof hook === 'function') return hook.call(container, item, host);
  if (container instanceof PyObject) return scan(container, item, host);
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

function scan(container: Value, item: Value, host: Host): boolean {
  const it = host.iterate(container);
  for (let n = it.next(); !n.done; n = it.next()) if (equals(n.value, item, host)) return true;
  return false;
}
