// The methods of list and tuple: append, extend, insert, pop, remove, index,
// count, sort (stable, key=, reverse=; a TypeError for unorderable items),
// reverse, copy, clear.

import { bindArguments, positionalArgs } from '../arguments';
import { SLOT_BYTES } from '../memory';
import { indexError, typeError, valueError } from '../errors';
import { typeName } from '../operators';
import type { Host, Kwargs, Value } from '../values';
import { PyList, PyRange, PyTuple } from '../values';

type ListMethod = (self: PyList, args: Value[], kwargs: Kwargs, host: Host) => Value;
type TupleMethod = (self: PyTuple, args: Value[], kwargs: Kwargs, host: Host) => Value;

function toIndex(v: Value | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

function indexOf(items: readonly Value[], args: Value[], kwargs: Kwargs, host: Host, what: string): bigint {
  const [value, start, stop] = positionalArgs(`${what}.index`, args, kwargs, 1, 3);
  const n = items.length;
  const norm = (v: number): number => (v < 0 ? Math.max(0, v + n) : Math.min(v, n));
  const from = norm(toIndex(start, 0));
  const to = norm(toIndex(stop, n));
  for (let i = from; i < to; i++) {
    host.tick();
    if (Object.is(items[i], value) || host.equals(items[i], value)) return BigInt(i);
  }
  throw valueError(what === 'list' ? `${host.repr(value)} is not in list` : 'tuple.index(x): x not in tuple');
}

function count(items: readonly Value[], args: Value[], kwargs: Kwargs, host: Host, what: string): bigint {
  const [value] = positionalArgs(`${what}.count`, args, kwargs, 1, 1);
  let n = 0n;
  for (const v of items) {
    host.tick();
    if (Object.is(v, value) || host.equals(v, value)) n++;
  }
  return n;
}

/** Stable sort with Python's ordering; key() is called once per item. */
export function sortValues(items: Value[], key: Value, reverse: boolean, host: Host): Value[] {
  const keyed = items.map((v) => ({ v, k: key === null ? v : host.call(key, [v]) }));
  host.tick(items.length * Math.max(1, Math.ceil(Math.log2(items.length + 1))));
  const cmp = (a: { k: Value }, b: { k: Value }): number => (host.lessThan(a.k, b.k) ? -1 : host.lessThan(b.k, a.k) ? 1 : 0);
  keyed.sort(reverse ? (a, b) => cmp(b, a) : cmp);
  return keyed.map((e) => e.v);
}

export const LIST_METHODS: Readonly<Record<string, ListMethod>> = {
  append(self, args, kwargs, host) {
    const [v] = positionalArgs('list.append', args, kwargs, 1, 1);
    self.items.push(v);
    host.grow(1);
    return null;
  },
  extend(self, args, kwargs, host) {
    const [iterable] = positionalArgs('list.extend', args, kwargs, 1, 1);
    extendList(self, iterable, host);
    return null;
  },
  insert(self, args, kwargs, host) {
    const [at, v] = positionalArgs('list.insert', args, kwargs, 2, 2);
    let i = toIndex(at, 0);
    const n = self.items.length;
    if (i < 0) i = Math.max(0, i + n);
    if (i > n) i = n;
    host.tick(Math.max(1, n - i));
    self.items.splice(i, 0, v);
    return null;
  },
  pop(self, args, kwargs, host) {
    const [at] = positionalArgs('list.pop', args, kwargs, 0, 1);
    if (self.items.length === 0) throw indexError('pop from empty list');
    let i = toIndex(at, -1);
    if (i < 0) i += self.items.length;
    if (i < 0 || i >= self.items.length) throw indexError('pop index out of range');
    // Removing from the front moves every later element: that is work.
    host.tick(self.items.length - 1 - i);
    return self.items.splice(i, 1)[0];
  },
  remove(self, args, kwargs, host) {
    const [v] = positionalArgs('list.remove', args, kwargs, 1, 1);
    for (let i = 0; i < self.items.length; i++) {
      host.tick();
      if (Object.is(self.items[i], v) || host.equals(self.items[i], v)) {
        self.items.splice(i, 1);
        return null;
      }
    }
    throw valueError('list.remove(x): x not in list');
  },
  index: (self, args, kwargs, host) => indexOf(self.items, args, kwargs, host, 'list'),
  count: (self, args, kwargs, host) => count(self.items, args, kwargs, host, 'list'),
  sort(self, args, kwargs, host) {
    const b = bindArguments({ name: 'list.sort', params: [], keywordOnly: ['key', 'reverse'] }, args, kwargs);
    const snapshot = self.items;
    self.items = [];
    try {
      self.items = sortValues(snapshot, b.values[0] ?? null, b.values[1] !== undefined && host.truthy(b.values[1]), host);
    } catch (e) {
      self.items = snapshot;
      throw e;
    }
    return null;
  },
  reverse(self, args, kwargs, host) {
    positionalArgs('list.reverse', args, kwargs, 0, 0);
    host.tick(self.items.length);
    self.items.reverse();
    return null;
  },
  copy(self, args, kwargs, host) {
    positionalArgs('list.copy', args, kwargs, 0, 0);
    host.reserve(self.items.length * SLOT_BYTES);
    host.grow(self.items.length);
    return new PyList([...self.items]);
  },
  clear(self, args, kwargs) {
    positionalArgs('list.clear', args, kwargs, 0, 0);
    self.items = [];
    return null;
  },
};

type RangeMethod = (self: PyRange, args: Value[], kwargs: Kwargs, host: Host) => Value;

function rangeIndex(r: PyRange, v: Value): bigint | null {
  const i = typeof v === 'bigint' ? v : typeof v === 'boolean' ? (v ? 1n : 0n) : typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : null;
  if (i === null) return null;
  if (r.step > 0n ? i < r.start || i >= r.stop : i > r.start || i <= r.stop) return null;
  return (i - r.start) % r.step === 0n ? (i - r.start) / r.step : null;
}

export const RANGE_METHODS: Readonly<Record<string, RangeMethod>> = {
  index(self, args, kwargs, host) {
    const [v] = positionalArgs('range.index', args, kwargs, 1, 1);
    const i = rangeIndex(self, v);
    if (i === null) throw valueError(`${host.repr(v)} is not in range`);
    return i;
  },
  count(self, args, kwargs) {
    const [v] = positionalArgs('range.count', args, kwargs, 1, 1);
    return rangeIndex(self, v) === null ? 0n : 1n;
  },
};

export const TUPLE_METHODS: Readonly<Record<string, TupleMethod>> = {
  index: (self, args, kwargs, host) => indexOf(self.items, args, kwargs, host, 'tuple'),
  count: (self, args, kwargs, host) => count(self.items, args, kwargs, host, 'tuple'),
};

/** list.extend and `+=`: appends every value of `iterable` (the list itself included: its length before). */
export function extendList(list: PyList, iterable: Value, host: Host): void {
  if (iterable instanceof PyList || iterable instanceof PyTuple) {
    // Copied straight from the source's items, without a temporary array.
    const source = iterable.items;
    const count = source.length;
    host.tick(count);
    host.grow(count);
    for (let i = 0; i < count; i++) list.items.push(source[i]);
    return;
  }
  const extra = host.materialize(iterable);
  host.grow(extra.length);
  for (const v of extra) list.items.push(v);
}
