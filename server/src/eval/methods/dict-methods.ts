// The methods of dict: get, items, keys, values (live views), pop,
// setdefault, update, copy, clear, popitem.

import { bindArguments, positionalArgs } from '../arguments';
import { ENTRY_BYTES } from '../memory';
import { keyError, typeError, valueError } from '../errors';
import { getItem } from '../items';
import type { Host, Kwargs, Value } from '../values';
import { type DictKey, hashKey, PyDict, PyDictView, PyObject, PyTuple, UnhashableError } from '../values';

type DictMethod = (self: PyDict, args: Value[], kwargs: Kwargs, host: Host) => Value;

function key(v: Value): DictKey {
  try {
    return hashKey(v);
  } catch (e) {
    if (e instanceof UnhashableError) throw typeError(e.message);
    throw e;
  }
}

/** dict.update / dict(...) semantics: a mapping or an iterable of pairs, then keyword arguments. */
export function updateDict(target: PyDict, source: Value | undefined, kwargs: Kwargs, host: Host): void {
  if (source instanceof PyDict) {
    for (const e of source.entries.values()) target.set(e.key, e.value);
  } else if (source instanceof PyObject && source.getAttr('keys', host) !== undefined) {
    const keys = host.iterate(host.call(source.getAttr('keys', host) as Value, []));
    for (let n = keys.next(); !n.done; n = keys.next()) target.set(n.value, getItem(source, n.value, host));
  } else if (source !== undefined) {
    const it = host.iterate(source);
    for (let n = it.next(), i = 0; !n.done; n = it.next(), i++) {
      const pair: Value[] = [];
      const inner = host.iterate(n.value);
      for (let m = inner.next(); !m.done; m = inner.next()) pair.push(m.value);
      if (pair.length !== 2) throw valueError(`dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
      key(pair[0]);
      if (!target.has(pair[0])) host.grow(1, ENTRY_BYTES);
      target.set(pair[0], pair[1]);
    }
  }
  for (const [k, v] of kwargs) target.set(k, v);
  if (source instanceof PyDict || kwargs.size > 0) host.grow(target.entries.size, ENTRY_BYTES);
}

export const DICT_METHODS: Readonly<Record<string, DictMethod>> = {
  get(self, args, kwargs) {
    const [k, dflt] = positionalArgs('dict.get', args, kwargs, 1, 2);
    const e = self.entries.get(key(k));
    return e ? e.value : (dflt ?? null);
  },
  keys: (self, args, kwargs) => (positionalArgs('dict.keys', args, kwargs, 0, 0), new PyDictView(self, 'keys')),
  values: (self, args, kwargs) => (positionalArgs('dict.values', args, kwargs, 0, 0), new PyDictView(self, 'values')),
  items: (self, args, kwargs) => (positionalArgs('dict.items', args, kwargs, 0, 0), new PyDictView(self, 'items')),
  pop(self, args, kwargs) {
    const [k, dflt] = positionalArgs('dict.pop', args, kwargs, 1, 2);
    const hk = key(k);
    const e = self.entries.get(hk);
    if (!e) {
      if (args.length > 1) return dflt;
      throw keyError(k);
    }
    self.entries.delete(hk);
    return e.value;
  },
  setdefault(self, args, kwargs, host) {
    const [k, dflt] = positionalArgs('dict.setdefault', args, kwargs, 1, 2);
    const e = self.entries.get(key(k));
    if (e) return e.value;
    host.grow(1, ENTRY_BYTES);
    self.set(k, dflt ?? null);
    return dflt ?? null;
  },
  update(self, args, kwargs, host) {
    const b = bindArguments({ name: 'dict.update', params: ['other'], required: 0, positionalOnly: 1, varkw: true }, args, kwargs);
    updateDict(self, b.values[0], b.extra, host);
    return null;
  },
  copy(self, args, kwargs, host) {
    positionalArgs('dict.copy', args, kwargs, 0, 0);
    host.reserve(self.entries.size * ENTRY_BYTES);
    host.grow(self.entries.size, ENTRY_BYTES);
    const out = new PyDict();
    for (const e of self.entries.values()) out.set(e.key, e.value);
    return out;
  },
  clear(self, args, kwargs) {
    positionalArgs('dict.clear', args, kwargs, 0, 0);
    self.entries.clear();
    return null;
  },
  fromkeys(_self, args, kwargs, host) {
    const [iterable, value] = positionalArgs('dict.fromkeys', args, kwargs, 1, 2);
    const d = new PyDict();
    const it = host.iterate(iterable);
    for (let n = it.next(); !n.done; n = it.next()) {
      if (!d.has(n.value)) host.grow(1, ENTRY_BYTES);
      d.set(n.value, value ?? null);
    }
    return d;
  },
  popitem(self, args, kwargs) {
    positionalArgs('dict.popitem', args, kwargs, 0, 0);
    const last = [...self.entries.keys()].pop();
    if (last === undefined) throw keyError('popitem(): dictionary is empty');
    const e = self.entries.get(last) as { key: Value; value: Value };
    self.entries.delete(last);
    return new PyTuple([e.key, e.value]);
  },
};
