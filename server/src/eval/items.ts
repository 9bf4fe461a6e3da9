// Subscripts: x[i], x[a:b:c], x[k] = v and del x[k] on str, list, tuple,
// range and dict with Python's index rules (negative indices, clamped
// slices, IndexError/KeyError), plus objects that define their own items.

import { indexError, keyError, pyError, typeError, valueError } from './errors';
import { CHAR_BYTES, ENTRY_BYTES } from './memory';
import { typeName } from './operators';
import { codePoints, hasSurrogates } from './text';
import type { Host, Value } from './values';
import { type DictKey, hashKey, PyDict, PyList, PyObject, PyRange, PyTuple, PyType, UnhashableError } from './values';

export class PySlice extends PyObject {
  readonly typeName = 'slice';
  constructor(
    readonly lower: Value,
    readonly upper: Value,
    readonly step: Value,
  ) {
    super();
  }
  reprString(_host: Host, inner: (v: Value) => string): string {
    return `slice(${inner(this.lower)}, ${inner(this.upper)}, ${inner(this.step)})`;
  }
}

const GENERIC_TYPES = new Set(['dict', 'tuple', 'set']);

/** `dict[str, int]`: a type hint, kept only to be printed. */
export class PyGenericAlias extends PyObject {
  readonly typeName = 'types.GenericAlias';
  constructor(
    readonly origin: PyType,
    readonly args: Value,
  ) {
    super();
  }
  reprString(_host: Host, inner: (v: Value) => string): string {
    const args = this.args instanceof PyTuple ? this.args.items : [this.args];
    return `${this.origin.name}[${args.map((a) => (a instanceof PyType ? a.name : inner(a))).join(', ')}]`;
  }
}

/** Objects with their own subscripts (event objects, run-time values, namespaces). */
export interface ItemHook {
  getItemValue(key: Value, host: Host): Value;
}

export function makeSlice(lower: Value, upper: Value, step: Value): PySlice {
  return new PySlice(lower, upper, step);
}

function sliceBound(v: Value): bigint | null {
  if (v === null) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw typeError('slice indices must be integers or None or have an __index__ method');
}

/** CPython's PySlice_AdjustIndices: [start, stop, step, count]. */
export function sliceIndices(s: PySlice, length: number): [number, number, number, number] {
  const stepBig = sliceBound(s.step);
  const step = stepBig === null ? 1 : Number(stepBig);
  if (step === 0) throw valueError('slice step cannot be zero');
  const lo = sliceBound(s.lower);
  const hi = sliceBound(s.upper);
  const clamp = (v: bigint | null, dflt: number): number => {
    if (v === null) return dflt;
    let n = Number(v);
    if (n < 0) {
      n += length;
      if (n < 0) n = step < 0 ? -1 : 0;
    } else if (n >= length) n = step < 0 ? length - 1 : length;
    return n;
  };
  const start = clamp(lo, step < 0 ? length - 1 : 0);
  const stop = clamp(hi, step < 0 ? -1 : length);
  let count = 0;
  if (step < 0) {
    if (stop < start) count = Math.floor((start - stop - 1) / -step) + 1;
  } else if (start < stop) count = Math.floor((stop - start - 1) / step) + 1;
  return [start, stop, step, count];
}

/** sliceIndices with exact bigints, for ranges longer than 2**53. */
function bigSliceIndices(s: PySlice, length: bigint): [bigint, bigint, bigint] {
  const step = sliceBound(s.step) ?? 1n;
  if (step === 0n) throw valueError('slice step cannot be zero');
  const clamp = (v: bigint | null, dflt: bigint): bigint => {
    if (v === null) return dflt;
    let n = v;
    if (n < 0n) {
      n += length;
      if (n < 0n) n = step < 0n ? -1n : 0n;
    } else if (n >= length) n = step < 0n ? length - 1n : length;
    return n;
  };
  return [clamp(sliceBound(s.lower), step < 0n ? length - 1n : 0n), clamp(sliceBound(s.upper), step < 0n ? -1n : length), step];
}

function sliceArray<T>(items: readonly T[], s: PySlice, host: Host): T[] {
  const [start, , step, count] = sliceIndices(s, items.length);
  if (step === 1) return items.slice(start, start + count);
  host.tick(count);
  const out: T[] = [];
  for (let i = 0, j = start; i < count; i++, j += step) out.push(items[j]);
  return out;
}

function index(key: Value, length: number, what: string): number {
  let i: number;
  if (typeof key === 'bigint') i = Number(key);
  else if (typeof key === 'boolean') i = key ? 1 : 0;
  else throw typeError(`${what} indices must be integers or slices, not ${typeName(key)}`);
  if (i < 0) i += length;
  if (i < 0 || i >= length) throw indexError(`${what} index out of range`);
  return i;
}

function dictKey(key: Value): DictKey {
  try {
    return hashKey(key);
  } catch (e) {
    if (e instanceof UnhashableError) throw typeError(e.message);
    throw e;
  }
}

export function getItem(obj: Value, key: Value, host: Host): Value {
  if (obj instanceof PyDict) {
    const e = obj.entries.get(dictKey(key));
    if (!e) throw keyError(key);
    return e.value;
  }
  if (obj instanceof PyList || obj instanceof PyTuple) {
    const what = obj instanceof PyList ? 'list' : 'tuple';
    if (key instanceof PySlice) {
      const items = sliceArray(obj.items, key, host);
      host.tick(items.length);
      host.grow(items.length);
      return obj instanceof PyList ? new PyList(items) : new PyTuple(items);
    }
    return obj.items[index(key, obj.items.length, what)];
  }
  if (typeof obj === 'string') {
    if (!hasSurrogates(obj)) {
      if (key instanceof PySlice) {
        const [start, stop, step, count] = sliceIndices(key, obj.length);
        host.tick(1 + (count >> 6));
        if (count >= 1024) host.reserve(count * CHAR_BYTES);
        if (step === 1) return obj.slice(start, stop);
        let out = '';
        for (let i = 0, j = start; i < count; i++, j += step) out += obj[j];
        return out;
      }
      return obj[index(key, obj.length, 'string')];
    }
    host.tick(1 + (obj.length >> 6));
    if (obj.length >= 1024) host.reserve(obj.length * CHAR_BYTES * 4);
    const cps = codePoints(obj);
    if (key instanceof PySlice) return sliceArray(cps, key, host).join('');
    return cps[index(key, cps.length, 'string')];
  }
  if (obj instanceof PyRange) {
    if (!(key instanceof PySlice)) {
      let i = typeof key === 'bigint' ? key : typeof key === 'boolean' ? (key ? 1n : 0n) : null;
      if (i === null) throw typeError(`range indices must be integers or slices, not ${typeName(key)}`);
      if (i < 0n) i += obj.length;
      if (i < 0n || i >= obj.length) throw indexError('range object index out of range');
      return obj.start + i * obj.step;
    }
    const [start, stop, step] = bigSliceIndices(key, obj.length);
    return new PyRange(obj.start + start * obj.step, obj.start + stop * obj.step, obj.step * step);
  }
  if (obj instanceof PyType) {
    // dict[str, int], tuple[str, ...] are type hints; list and the converters str/int/float/bool are plue's own
    // callables in the reference, where subscripting them is a TypeError.
    if (GENERIC_TYPES.has(obj.name)) return new PyGenericAlias(obj, key);
    throw typeError(`'${obj.name}' cannot be subscripted in workflow files (it is plue's ${obj.name}() callable)`);
  }
  if (obj instanceof PyObject && typeof (obj as Partial<ItemHook>).getItemValue === 'function') return (obj as unknown as ItemHook).getItemValue(key, host);
  throw typeError(`'${typeName(obj)}' object is not subscriptable`);
}

export function setItem(obj: Value, key: Value, value: Value, host: Host): void {
  if (obj instanceof PyDict) {
    const k = dictKey(key);
    const existing = obj.entries.get(k);
    if (existing) existing.value = value;
    else {
      obj.entries.set(k, { key, value });
      host.grow(1, ENTRY_BYTES);
    }
    return;
  }
  if (obj instanceof PyList) {
    if (key instanceof PySlice) {
      const replacement = [...iterateAll(value, host)];
      const [start, stop, step, count] = sliceIndices(key, obj.items.length);
      if (step === 1) {
        obj.items = obj.items.slice(0, start).concat(replacement, obj.items.slice(Math.max(start, stop)));
        host.grow(replacement.length);
        return;
      }
      if (replacement.length !== count) throw valueError(`attempt to assign sequence of size ${replacement.length} to extended slice of size ${count}`);
      for (let i = 0, j = start; i < count; i++, j += step) obj.items[j] = replacement[i];
      return;
    }
    obj.items[index(key, obj.items.length, 'list assignment')] = value;
    return;
  }
  throw typeError(`'${typeName(obj)}' object does not support item assignment`);
}

function* iterateAll(v: Value, host: Host): Generator<Value> {
  const it = host.iterate(v);
  for (let n = it.next(); !n.done; n = it.next()) yield n.value;
}

export function deleteItem(obj: Value, key: Value, host: Host): void {
  if (obj instanceof PyDict) {
    if (!obj.entries.delete(dictKey(key))) throw keyError(key);
    return;
  }
  if (obj instanceof PyList) {
    if (key instanceof PySlice) {
      const [start, , step, count] = sliceIndices(key, obj.items.length);
      const drop = new Set<number>();
      for (let i = 0, j = start; i < count; i++, j += step) drop.add(j);
      host.tick(obj.items.length);
      obj.items = obj.items.filter((_, i) => !drop.has(i));
      return;
    }
    const at = index(key, obj.items.length, 'list assignment');
    host.tick(obj.items.length - at);
    obj.items.splice(at, 1);
    return;
  }
  if (obj instanceof PyObject || typeof obj === 'string') throw typeError(`'${typeName(obj)}' object doesn't support item deletion`);
  throw pyError('TypeError', `'${typeName(obj)}' object doesn't support item deletion`);
}
