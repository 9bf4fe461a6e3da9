// Attribute access and method calls: the methods of str, list, tuple, dict
// and numbers come from their method tables; every other object answers for
// itself (PyObject.getAttr). Unknown attributes raise AttributeError with a
// "did you mean" when a close name exists.

import { BUILTIN_CALL_STEPS } from './step-costs';
import { suggestName } from '../check/did-you-mean';
import { attributeError, typeError, withHint } from './errors';
import { CHAR_BYTES } from './memory';
import { DICT_METHODS } from './methods/dict-methods';
import { LIST_METHODS, RANGE_METHODS, TUPLE_METHODS } from './methods/list-methods';
import { FLOAT_METHODS, INT_METHODS } from './methods/number-methods';
import { SET_METHODS } from './methods/set-methods';
import { STR_METHODS } from './methods/str-methods';
import { typeName } from './operators';
import type { Host, Kwargs, Value } from './values';
import { PyBuiltin, PyDict, PyList, PyObject, PyRange, PySet, PyTuple, PyType } from './values';

/** A method: receives its object and the call's arguments. */
export type Method = (self: never, args: Value[], kwargs: Kwargs, host: Host) => Value;
export type MethodTable = Readonly<Record<string, Method>>;

function tableFor(obj: Value): MethodTable | null {
  switch (typeof obj) {
    case 'string':
      return STR_METHODS;
    case 'bigint':
    case 'boolean':
      return INT_METHODS;
    case 'number':
      return FLOAT_METHODS;
  }
  if (obj instanceof PyList) return LIST_METHODS;
  if (obj instanceof PyDict && obj.typeName === 'dict') return DICT_METHODS;
  if (obj instanceof PyTuple) return TUPLE_METHODS;
  if (obj instanceof PyRange) return RANGE_METHODS;
  if (obj instanceof PySet) return SET_METHODS;
  return null;
}

/** The methods a builtin type offers unbound (`str.lower`, `dict.get`): called with the object first. */
const TYPE_METHODS: Readonly<Record<string, MethodTable>> = {
  str: STR_METHODS,
  int: INT_METHODS,
  bool: INT_METHODS,
  float: FLOAT_METHODS,
  list: LIST_METHODS,
  tuple: TUPLE_METHODS,
  dict: DICT_METHODS,
  range: RANGE_METHODS,
  set: SET_METHODS,
};

function unboundMethod(type: PyType, name: string): Value | undefined {
  if (type.name === 'dict' && name === 'fromkeys') {
    return new PyBuiltin('dict.fromkeys', (args, kwargs, host) => DICT_METHODS.fromkeys(new PyDict(), args, kwargs, host));
  }
  const table = Object.prototype.hasOwnProperty.call(TYPE_METHODS, type.name) ? TYPE_METHODS[type.name] : undefined;
  const method = table && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (!method) return undefined;
  return new PyBuiltin(`${type.name}.${name}`, (args, kwargs, host) => {
    const [self, ...rest] = args;
    if (self === undefined || !isInstanceOfType(self, type)) {
      throw typeError(`descriptor '${name}' for '${type.name}' objects doesn't apply to a '${typeName(self ?? null)}' object`);
    }
    return (method as (s: Value, a: Value[], k: Kwargs, h: Host) => Value)(self, rest, kwargs, host);
  });
}

function isInstanceOfType(v: Value, type: PyType): boolean {
  return tableFor(v) === TYPE_METHODS[type.name];
}

function missing(obj: Value, name: string): Error {
  const table = tableFor(obj);
  const names = table ? Object.keys(table) : obj instanceof PyObject ? obj.attrNames() : [];
  const suggestion = suggestName(name, names);
  const owner = typeName(obj);
  return withHint(attributeError(`'${owner}' object has no attribute '${name}'`), suggestion, ':');
}

/** String methods that only look at the string; every other one builds a result about as large as it. */
const STRING_QUERIES = new Set([
  'find', 'rfind', 'index', 'rindex', 'count', 'startswith', 'endswith', 'isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum',
  'isspace', 'isupper', 'islower', 'istitle', 'isidentifier', 'isascii', 'isprintable', 'join', 'encode',
]);

/** A string method's work is proportional to the string: one step per 64 characters, and its result is charged to memory. */
function chargeStringMethod(s: string, name: string, host: Host): void {
  host.tick(BUILTIN_CALL_STEPS + (s.length >> 4));
  if (s.length >= 1024 && !STRING_QUERIES.has(name)) host.reserve(s.length * CHAR_BYTES);
}

export function getAttribute(obj: Value, name: string, host: Host): Value {
  const table = tableFor(obj);
  if (table) {
    const method = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
    if (!method) throw missing(obj, name);
    return new PyBuiltin(`${typeName(obj)}.${name}`, (args, kwargs, h) => (method as (s: Value, a: Value[], k: Kwargs, h: Host) => Value)(obj, args, kwargs, h));
  }
  if (obj instanceof PyType) {
    const m = unboundMethod(obj, name);
    if (m !== undefined) return m;
    const names = Object.prototype.hasOwnProperty.call(TYPE_METHODS, obj.name) ? Object.keys(TYPE_METHODS[obj.name]) : [];
    const suggestion = suggestName(name, names);
    throw withHint(attributeError(`type object '${obj.name}' has no attribute '${name}'`), suggestion, ':');
  }
  if (obj instanceof PyObject) {
    const v = obj.getAttr(name, host);
    if (v !== undefined) return v;
  }
  throw missing(obj, name);
}

export function callMethod(obj: Value, name: string, args: Value[], kwargs: Kwargs, host: Host): Value {
  const table = tableFor(obj);
  if (table) {
    const method = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
    if (!method) throw missing(obj, name);
    if (typeof obj === 'string') chargeStringMethod(obj, name, host);
    else host.tick(BUILTIN_CALL_STEPS);
    return (method as (s: Value, a: Value[], k: Kwargs, h: Host) => Value)(obj, args, kwargs, host);
  }
  return host.call(getAttribute(obj, name, host), args, kwargs);
}
