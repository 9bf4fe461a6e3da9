// Python's iteration protocol over the value model. Every element any
// iterator produces costs one evaluation step, so loops inside builtins
// (sum, sorted, join ...) are metered like loops in user code. Dicts and sets
// raise RuntimeError when they change size during iteration, as in CPython.

import { pyError, typeError } from './errors';
import { typeName } from './operators';
import type { Host, Value } from './values';
import { type DictKey, PyDict, PyDictView, PyIterator, PyList, PyObject, PyRange, PySet, PyTuple } from './values';

/** Objects that iterate themselves (event objects; run-time values refuse). */
export interface IterateHook {
  iterateValue(host: Host): Iterator<Value>;
}

class RangeIterator implements Iterator<Value> {
  private current: bigint;
  constructor(
    private readonly range: PyRange,
    private readonly host: Host,
  ) {
    this.current = range.start;
  }
  next(): IteratorResult<Value> {
    const { stop, step } = this.range;
    if (step > 0n ? this.current >= stop : this.current <= stop) return { done: true, value: undefined };
    this.host.tick();
    const value = this.current;
    this.current += step;
    return { done: false, value };
  }
}

class ArrayIterator implements Iterator<Value> {
  private index = 0;
  constructor(
    private readonly items: () => readonly Value[],
    private readonly host: Host,
  ) {}
  next(): IteratorResult<Value> {
    const items = this.items();
    if (this.index >= items.length) return { done: true, value: undefined };
    this.host.tick();
    return { done: false, value: items[this.index++] };
  }
}

function* mapIterator(source: Map<DictKey, unknown>, pick: (v: unknown) => Value, host: Host, what: string): Generator<Value, void, undefined> {
  const size = source.size;
  for (const entry of source.values()) {
    if (source.size !== size) throw pyError('RuntimeError', `${what} changed size during iteration`);
    host.tick();
    yield pick(entry);
  }
  if (source.size !== size) throw pyError('RuntimeError', `${what} changed size during iteration`);
}

function* stringIterator(s: string, host: Host): Generator<Value, void, undefined> {
  for (const ch of s) {
    host.tick();
    yield ch;
  }
}

export function iterate(v: Value, host: Host): Iterator<Value> {
  if (typeof v === 'string') return stringIterator(v, host);
  if (v instanceof PyList) return new ArrayIterator(() => v.items, host);
  if (v instanceof PyTuple) return new ArrayIterator(() => v.items, host);
  if (v instanceof PyRange) return new RangeIterator(v, host);
  if (v instanceof PyDict) return mapIterator(v.entries, (e) => (e as { key: Value }).key, host, 'dictionary');
  if (v instanceof PySet) return mapIterator(v.entries, (e) => e as Value, host, 'Set');
  if (v instanceof PyDictView) {
    const pick =
      v.kind === 'keys'
        ? (e: unknown) => (e as { key: Value }).key
        : v.kind === 'values'
          ? (e: unknown) => (e as { value: Value }).value
          : (e: unknown) => new PyTuple([(e as { key: Value }).key, (e as { value: Value }).value]);
    return mapIterator(v.dict.entries, pick, host, 'dictionary');
  }
  if (v instanceof PyIterator) return v.source;
  if (v instanceof PyObject && typeof (v as Partial<IterateHook>).iterateValue === 'function') return (v as unknown as IterateHook).iterateValue(host);
  throw typeError(`'${typeName(v)}' object is not iterable`);
}
