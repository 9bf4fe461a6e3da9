// The methods of set: add, discard, remove, pop, clear, copy, update, union,
// intersection, difference, symmetric_difference, issubset, issuperset,
// isdisjoint.

import { positionalArgs } from '../arguments';
import { keyError } from '../errors';
import { ENTRY_BYTES } from '../memory';
import type { Host, Kwargs, Value } from '../values';
import { hashKey, PySet } from '../values';

type SetMethod = (self: PySet, args: Value[], kwargs: Kwargs, host: Host) => Value;

function toSet(v: Value, host: Host): PySet {
  if (v instanceof PySet) return v;
  const out = new PySet();
  const it = host.iterate(v);
  for (let n = it.next(); !n.done; n = it.next()) out.add(n.value, host);
  return out;
}

function combine(self: PySet, others: Value[], host: Host, keep: (inSelf: boolean, inAll: boolean, inAny: boolean) => boolean, includeOthers: boolean): PySet {
  const sets = others.map((o) => toSet(o, host));
  const out = new PySet();
  const candidates = includeOthers ? [self, ...sets] : [self];
  for (const set of candidates) {
    for (const v of set.entries.values()) {
      host.tick();
      const inSelf = self.has(v);
      const inAll = sets.every((s) => s.has(v));
      const inAny = sets.some((s) => s.has(v));
      if (keep(inSelf, inAll, inAny)) out.add(v);
    }
  }
  host.grow(out.entries.size, ENTRY_BYTES);
  return out;
}

export const SET_METHODS: Readonly<Record<string, SetMethod>> = {
  add(self, args, kwargs, host) {
    const [v] = positionalArgs('set.add', args, kwargs, 1, 1);
    if (!self.has(v)) host.grow(1, ENTRY_BYTES);
    self.add(v);
    return null;
  },
  discard(self, args, kwargs) {
    const [v] = positionalArgs('set.discard', args, kwargs, 1, 1);
    self.entries.delete(hashKey(v));
    return null;
  },
  remove(self, args, kwargs) {
    const [v] = positionalArgs('set.remove', args, kwargs, 1, 1);
    if (!self.entries.delete(hashKey(v))) throw keyError(v);
    return null;
  },
  pop(self, args, kwargs) {
    positionalArgs('set.pop', args, kwargs, 0, 0);
    const first = self.entries.entries().next();
    if (first.done) throw keyError('pop from an empty set');
    self.entries.delete(first.value[0]);
    return first.value[1];
  },
  clear(self, args, kwargs) {
    positionalArgs('set.clear', args, kwargs, 0, 0);
    self.entries.clear();
    return null;
  },
  copy(self, args, kwargs, host) {
    positionalArgs('set.copy', args, kwargs, 0, 0);
    return combine(self, [], host, () => true, false);
  },
  update(self, args, kwargs, host) {
    positionalArgs('set.update', args, kwargs, 0, Infinity);
    for (const other of args) for (const v of toSet(other, host).entries.values()) self.add(v);
    host.grow(self.entries.size, ENTRY_BYTES);
    return null;
  },
  union: (self, args, kwargs, host) => (positionalArgs('set.union', args, kwargs, 0, Infinity), combine(self, args, host, () => true, true)),
  intersection: (self, args, kwargs, host) => (positionalArgs('set.intersection', args, kwargs, 0, Infinity), combine(self, args, host, (_s, all) => all, false)),
  difference: (self, args, kwargs, host) => (positionalArgs('set.difference', args, kwargs, 0, Infinity), combine(self, args, host, (_s, _all, any) => !any, false)),
  symmetric_difference(self, args, kwargs, host) {
    const [other] = positionalArgs('set.symmetric_difference', args, kwargs, 1, 1);
    return combine(self, [other], host, (inSelf, _all, inAny) => inSelf !== inAny, true);
  },
  issubset(self, args, kwargs, host) {
    const other = toSet(positionalArgs('set.issubset', args, kwargs, 1, 1)[0], host);
    return [...self.entries.values()].every((v) => other.has(v));
  },
  issuperset(self, args, kwargs, host) {
    const other = toSet(positionalArgs('set.issuperset', args, kwargs, 1, 1)[0], host);
    return [...other.entries.values()].every((v) => self.has(v));
  },
  isdisjoint(self, args, kwargs, host) {
    const other = toSet(positionalArgs('set.isdisjoint', args, kwargs, 1, 1)[0], host);
    return ![...other.entries.values()].some((v) => self.has(v));
  },
};
