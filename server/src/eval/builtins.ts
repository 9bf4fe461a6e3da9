// The builtin functions and types of the subset (spec §2): len range
// enumerate zip sorted reversed min max sum any all abs round divmod pow chr
// ord repr str int float bool list dict tuple set isinstance callable print
// hex oct bin, and the exception classes. Each checks its arguments as
// CPython does and meters the work it does.

import { bindArguments, positionalArgs } from './arguments';
import { CHAR_BYTES, elementBytes, SLOT_BYTES } from './memory';
import { EXCEPTION_CLASSES, pyError, typeError, valueError } from './errors';
import { formatFloat, formatInt, formatString } from './format-spec';
import { makeSlice } from './items';
import { updateDict } from './methods/dict-methods';
import { sortValues } from './methods/list-methods';
import { checkInt, floatDivmod, formatFixed, INT_MAX, intFloorDiv, intMod } from './numbers';
import { binaryOp, compareOp, typeName } from './operators';
import { reprString } from './repr';
import { codePointLength } from './text';
import type { BuiltinImpl, Host, Kwargs, Value } from './values';
import { PyBuiltin, PyDict, PyDictView, PyException, PyExceptionClass, PyFunction, PyIterator, PyList, PyObject, PyRange, PySet, PyTuple, PyType } from './values';

/** Objects with a length of their own (event objects; run-time values refuse). */
export interface LengthHook {
  lengthValue(host: Host): number;
}

/** Objects that format themselves in f-strings (run-time values render as placeholders). */
export interface FormatHook {
  formatValue(spec: string, host: Host): string;
}

export function formatValue(v: Value, spec: string, host: Host): string {
  // A width or precision decides the size of the result: check it before formatting.
  const largest = spec.match(/\d+/g)?.reduce((m, d) => Math.max(m, Number(d)), 0) ?? 0;
  if (largest > 4096) host.reserve(largest * CHAR_BYTES);
  if (typeof v === 'string') return formatString(v, spec);
  if (typeof v === 'bigint') return formatInt(v, spec);
  if (typeof v === 'boolean') return spec === '' ? (v ? 'True' : 'False') : formatInt(v ? 1n : 0n, spec);
  if (typeof v === 'number') return formatFloat(v, spec);
  if (v instanceof PyObject && typeof (v as Partial<FormatHook>).formatValue === 'function') return (v as unknown as FormatHook).formatValue(spec, host);
  if (spec === '') return host.str(v);
  throw typeError(`unsupported format string passed to ${typeName(v)}.__format__`);
}

function toInt(v: Value, what = ''): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw typeError(`${what}'${typeName(v)}' object cannot be interpreted as an integer`);
}

export function length(v: Value, host: Host): number {
  if (typeof v === 'string') return codePointLength(v);
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict) return v.entries.size;
  if (v instanceof PySet) return v.entries.size;
  if (v instanceof PyDictView) return v.dict.entries.size;
  if (v instanceof PyRange) {
    if (v.length > INT_MAX) throw pyError('OverflowError', 'Python int too large to convert to C ssize_t');
    return Number(v.length);
  }
  if (v instanceof PyObject && typeof (v as Partial<LengthHook>).lengthValue === 'function') return (v as unknown as LengthHook).lengthValue(host);
  throw typeError(`object of type '${typeName(v)}' has no len()`);
}

const INT_PATTERNS: Record<number, RegExp> = {
  2: /^[01](_?[01])*$/,
  8: /^[0-7](_?[0-7])*$/,
  10: /^\d(_?\d)*$/,
  16: /^[0-9a-f](_?[0-9a-f])*$/,
};

/** Decimal digits of any script (Arabic-Indic, fullwidth ...) as ASCII, as int() and float() accept them. */
function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0) as number;
    let zero = cp;
    while (zero > cp - 64 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    return String((cp - zero) % 10);
  });
}

export function parseInt64(text: string, base: number): bigint {
  if (text.length > 4300 && (base === 10 || base === 0)) {
    const digits = text.replace(/[^0-9]/g, '').length;
    if (digits > 4300) throw valueError(`Exceeds the limit (4300 digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`);
  }
  const original = text;
  let s = asciiDigits(text).trim().toLowerCase();
  let negative = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  let b = base;
  const prefixed = /^0[box]/.exec(s);
  if (prefixed && (b === 0 || b === { b: 2, o: 8, x: 16 }[s[1] as 'b' | 'o' | 'x'])) {
    b = { b: 2, o: 8, x: 16 }[s[1] as 'b' | 'o' | 'x'];
    s = s.slice(2).replace(/^_/, '');
  } else if (b === 0) {
    if (/^0+(_?0)*$/.test(s)) return 0n;
    if (s.startsWith('0')) b = -1;
    else b = 10;
  }
  const bad = (): Error => valueError(`invalid literal for int() with base ${base}: ${reprString(original)}`);
  if (b < 2 || b > 36) throw bad();
  const pattern = INT_PATTERNS[b] ?? new RegExp(`^[${'0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b)}](_?[${'0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b)}])*$`);
  if (!pattern.test(s)) throw bad();
  const digits = s.replace(/_/g, '');
  let value = 0n;
  const bigBase = BigInt(b);
  for (const d of digits) value = value * bigBase + BigInt(parseInt(d, 36));
  return checkInt(negative ? -value : value);
}

const FLOAT_TEXT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?(?:\d(?:_?\d)*)?(?:e[+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/;

export function parseFloatText(text: string): number {
  if (text.length > 100_000) throw valueError(`could not convert string to float: a string of ${text.length} characters is too long for a number`);
  const s = asciiDigits(text).trim().toLowerCase();
  if (!FLOAT_TEXT.test(s) || !/\d|inf|nan/.test(s) || /^[+-]?\.?e/.test(s) || /^[+-]?\.$/.test(s)) {
    throw valueError(`could not convert string to float: ${reprString(text)}`);
  }
  if (s.endsWith('nan')) return NaN;
  if (s.endsWith('inf') || s.endsWith('infinity')) return s.startsWith('-') ? -Infinity : Infinity;
  return Number(s.replace(/_/g, ''));
}

function floatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw valueError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw pyError('OverflowError', 'cannot convert float infinity to integer');
  return checkInt(BigInt(Math.trunc(x)));
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function round(args: Value[], kwargs: Kwargs): Value {
  const b = bindArguments({ name: 'round', params: ['number', 'ndigits'], required: 1 }, args, kwargs);
  const x = b.values[0] as Value;
  const nd = b.values[1];
  if (typeof x === 'bigint' || typeof x === 'boolean') {
    const v = toInt(x);
    if (nd === undefined || nd === null) return v;
    const n = toInt(nd);
    if (n >= 0n) return v;
    if (n < -19n) return 0n;
    const p = 10n ** -n;
    const q = intFloorDiv(v, p);
    const r = v - q * p;
    const twice = 2n * r;
    const up = twice > p || (twice === p && q % 2n !== 0n);
    return checkInt((up ? q + 1n : q) * p);
  }
  if (typeof x !== 'number') throw typeError(`type ${typeName(x)} doesn't define __round__ method`);
  if (nd === undefined || nd === null) return floatToInt(roundHalfEven(x));
  const n = Number(toInt(nd));
  if (!Number.isFinite(x)) return x;
  if (n >= 0) {
    if (n > 330) return x;
    const text = formatFixed(x, n);
    const r = Number(text);
    return x < 0 || Object.is(x, -0) ? -r : r;
  }
  if (n < -330) return x < 0 ? -0 : 0;
  const scale = 10 ** -n;
  const r = roundHalfEven(x / scale) * scale;
  return r === 0 && x < 0 ? -0 : r;
}

function minMax(name: 'min' | 'max', args: Value[], kwargs: Kwargs, host: Host): Value {
  const b = bindArguments({ name, params: [], keywordOnly: ['key', 'default'], varargs: true }, args, kwargs);
  const key = b.values[0] ?? null;
  let items: Iterator<Value>;
  if (b.rest.length === 0) throw typeError(`${name} expected at least 1 argument, got 0`);
  if (b.rest.length === 1) {
    // A range's length is known: its walk is charged before it starts (as sum() does), so max(range(10**12)) stops at once.
    if (b.rest[0] instanceof PyRange) host.tick(Number(b.rest[0].length));
    items = host.iterate(b.rest[0]);
  } else {
    if (b.values[1] !== undefined) throw typeError(`Cannot specify a default for ${name}() with multiple positional arguments`);
    items = host.iterate(new PyList(b.rest));
  }
  let best: Value | undefined;
  let bestKey: Value = null;
  for (let n = items.next(); !n.done; n = items.next()) {
    const k = key === null ? n.value : host.call(key, [n.value]);
    if (best === undefined || (name === 'min' ? host.lessThan(k, bestKey) : host.truthy(compareOp('>', k, bestKey, host)))) {
      best = n.value;
      bestKey = k;
    }
  }
  if (best === undefined) {
    if (b.values[1] !== undefined) return b.values[1];
    throw valueError(`${name}() arg is an empty sequence`);
  }
  return best;
}

function isInstance(v: Value, t: Value): boolean {
  if (t instanceof PyTuple) return t.items.some((x) => isInstance(v, x));
  if (t instanceof PyExceptionClass) return v instanceof PyException && v.cls.isSubclassOf(t);
  if (t instanceof PyType) {
    switch (t.name) {
      case 'str':
        return typeof v === 'string';
      case 'int':
        return typeof v === 'bigint' || typeof v === 'boolean';
      case 'float':
        return typeof v === 'number';
      case 'bool':
        return typeof v === 'boolean';
      case 'list':
        return v instanceof PyList;
      case 'tuple':
        return v instanceof PyTuple;
      case 'dict':
        return v instanceof PyDict && v.typeName === 'dict';
      case 'set':
        return v instanceof PySet;
      case 'range':
        return v instanceof PyRange;
    }
    return false;
  }
  throw typeError('isinstance() arg 2 must be a type, a tuple of types, or a union');
}

/**
 * reversed(): a single-use iterator, as in CPython; printed as the list of what it has left, as the
 * reference prints its reversed() (CPython's own repr holds a memory address and could not be compared).
 */
class ReversedIterator extends PyIterator {
  private position = 0;
  constructor(private readonly items: readonly Value[]) {
    super('reversed', { next: () => (this.position < this.items.length ? { done: false, value: this.items[this.position++] } : { done: true, value: undefined }) });
  }
  reprString(_host: Host, inner: (v: Value) => string): string {
    return inner(new PyList(this.items.slice(this.position)));
  }
}

/** x**-1 mod m (extended Euclid), as pow(x, -e, m) needs. */
function modularInverse(x: bigint, m: bigint): bigint {
  const mod = m < 0n ? -m : m;
  let [a, b, u, v] = [intMod(x, mod), mod, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b, u, v] = [b, a - q * b, v, u - q * v];
  }
  if (a !== 1n) throw valueError('base is not invertible for the given modulus');
  return intMod(u, m);
}

function fn(name: string, impl: BuiltinImpl): [string, Value] {
  return [name, new PyBuiltin(name, impl)];
}

function one(name: string, args: Value[], kwargs: Kwargs): Value {
  return positionalArgs(name, args, kwargs, 1, 1)[0];
}

function collect(v: Value, host: Host): Value[] {
  if (v instanceof PyRange) host.reserve(Number(v.length) * SLOT_BYTES);
  const out: Value[] = [];
  const it = host.iterate(v);
  let bytes = 0;
  for (let n = it.next(); !n.done; n = it.next()) {
    out.push(n.value);
    bytes += elementBytes(n.value);
    if ((out.length & 1023) === 0) {
      host.grow(1, bytes);
      bytes = 0;
    }
  }
  return out;
}

export const TYPE_STR = new PyType('str', (args, kwargs, host) => {
  const b = bindArguments({ name: 'str', params: ['object'], required: 0 }, args, kwargs);
  return b.values[0] === undefined ? '' : host.str(b.values[0]);
}, 'string');

export const TYPE_INT = new PyType('int', (args, kwargs) => {
  const b = bindArguments({ name: 'int', params: ['x', 'base'], required: 0 }, args, kwargs);
  const x = b.values[0];
  if (x === undefined) return 0n;
  if (b.values[1] !== undefined) {
    if (typeof x !== 'string') throw typeError("int() can't convert non-string with explicit base");
    return parseInt64(x, Number(toInt(b.values[1])));
  }
  if (typeof x === 'string') return parseInt64(x, 10);
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (typeof x === 'number') return floatToInt(x);
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
}, 'integer');

export const TYPE_FLOAT = new PyType('float', (args, kwargs) => {
  const [x] = positionalArgs('float', args, kwargs, 0, 1);
  if (x === undefined) return 0;
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string') return parseFloatText(x);
  throw typeError(`float() argument must be a string or a real number, not '${typeName(x)}'`);
}, 'number');

export const TYPE_BOOL = new PyType('bool', (args, kwargs, host) => {
  const [x] = positionalArgs('bool', args, kwargs, 0, 1);
  return x === undefined ? false : host.truthy(x);
}, 'boolean');

export const TYPE_LIST = new PyType('list', (args, kwargs, host) => {
  const [x] = positionalArgs('list', args, kwargs, 0, 1);
  return new PyList(x === undefined ? [] : collect(x, host));
});

export const TYPE_TUPLE = new PyType('tuple', (args, kwargs, host) => {
  const [x] = positionalArgs('tuple', args, kwargs, 0, 1);
  if (x instanceof PyTuple) return x;
  return new PyTuple(x === undefined ? [] : collect(x, host));
});

export const TYPE_DICT = new PyType('dict', (args, kwargs, host) => {
  const b = bindArguments({ name: 'dict', params: ['mapping'], required: 0, positionalOnly: 1, varkw: true }, args, kwargs);
  const d = new PyDict();
  updateDict(d, b.values[0], b.extra, host);
  return d;
});

export const TYPE_SET = new PyType('set', (args, kwargs, host) => {
  const [x] = positionalArgs('set', args, kwargs, 0, 1);
  const s = new PySet();
  if (x !== undefined) for (const v of collect(x, host)) s.add(v);
  return s;
});

const TYPE_RANGE = new PyType('range', (args, kwargs) => {
  const [a, b, c] = positionalArgs('range', args, kwargs, 1, 3).map((v) => toInt(v));
  if (args.length === 1) return new PyRange(0n, a, 1n);
  const step = args.length === 3 ? c : 1n;
  if (step === 0n) throw valueError('range() arg 3 must not be zero');
  return new PyRange(a, b, step);
});

/**
 * Exception classes a workflow file can name: RestrictedPython's safe builtins. The engine's own LimitError,
 * PlanError and SecurityError are not among them, nor are the OS-level ones (FileNotFoundError ...).
 */
const NAMEABLE_EXCEPTIONS = new Set([
  'ArithmeticError', 'AssertionError', 'AttributeError', 'BaseException', 'BufferError', 'BytesWarning', 'DeprecationWarning', 'EOFError',
  'Exception', 'FloatingPointError', 'FutureWarning', 'GeneratorExit', 'ImportError', 'ImportWarning', 'IndexError', 'KeyError',
  'KeyboardInterrupt', 'LookupError', 'MemoryError', 'NameError', 'NotImplementedError', 'OSError', 'OverflowError',
  'PendingDeprecationWarning', 'RecursionError', 'ReferenceError', 'RuntimeError', 'RuntimeWarning', 'StopIteration', 'SyntaxError', 'SyntaxWarning',
  'SystemError', 'SystemExit', 'TypeError', 'UnboundLocalError', 'UnicodeDecodeError', 'UnicodeEncodeError', 'UnicodeError',
  'UnicodeTranslateError', 'UnicodeWarning', 'UserWarning', 'ValueError', 'Warning', 'ZeroDivisionError',
]);

/** The builtins every workflow file sees (the plue runtime adds its own names on top). */
export function createBuiltins(): Map<string, Value> {
  const builtins = new Map<string, Value>([
    ['str', TYPE_STR],
    ['int', TYPE_INT],
    ['float', TYPE_FLOAT],
    ['bool', TYPE_BOOL],
    ['list', TYPE_LIST],
    ['tuple', TYPE_TUPLE],
    ['dict', TYPE_DICT],
    ['set', TYPE_SET],
    ['range', TYPE_RANGE],
    fn('len', (args, kwargs, host) => BigInt(length(one('len', args, kwargs), host))),
    fn('repr', (args, kwargs, host) => host.repr(one('repr', args, kwargs))),
    fn('abs', (args, kwargs) => {
      const x = one('abs', args, kwargs);
      if (typeof x === 'bigint') return checkInt(x < 0n ? -x : x);
      if (typeof x === 'boolean') return x ? 1n : 0n;
      if (typeof x === 'number') return Math.abs(x);
      throw typeError(`bad operand type for abs(): '${typeName(x)}'`);
    }),
    fn('round', (args, kwargs) => round(args, kwargs)),
    fn('divmod', (args, kwargs) => {
      const [a, b] = positionalArgs('divmod', args, kwargs, 2, 2);
      if ((typeof a === 'bigint' || typeof a === 'boolean') && (typeof b === 'bigint' || typeof b === 'boolean')) {
        const x = toInt(a);
        const y = toInt(b);
        return new PyTuple([intFloorDiv(x, y), intMod(x, y)]);
      }
      const x = typeof a === 'number' ? a : typeof a === 'bigint' || typeof a === 'boolean' ? Number(toInt(a)) : null;
      const y = typeof b === 'number' ? b : typeof b === 'bigint' || typeof b === 'boolean' ? Number(toInt(b)) : null;
      if (x === null || y === null) throw typeError(`unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`);
      return new PyTuple(floatDivmod(x, y, 'float divmod()'));
    }),
    fn('pow', (args, kwargs, host) => {
      const b = bindArguments({ name: 'pow', params: ['base', 'exp', 'mod'], required: 2 }, args, kwargs);
      const [base, exp, mod] = b.values;
      if (mod === undefined || mod === null) return binaryOp('**', base as Value, exp as Value, host);
      const m = toInt(mod);
      if (m === 0n) throw valueError('pow() 3rd argument cannot be 0');
      let e = toInt(exp as Value);
      let x = intMod(toInt(base as Value), m);
      if (e < 0n) {
        x = modularInverse(x, m);
        e = -e;
      }
      let r = 1n % m;
      while (e > 0n) {
        host.tick();
        if (e & 1n) r = intMod(r * x, m);
        x = intMod(x * x, m);
        e >>= 1n;
      }
      return r;
    }),
    fn('chr', (args, kwargs) => {
      const i = toInt(one('chr', args, kwargs));
      if (i < 0n || i > 0x10ffffn) throw valueError('chr() arg not in range(0x110000)');
      return String.fromCodePoint(Number(i));
    }),
    fn('ord', (args, kwargs) => {
      const s = one('ord', args, kwargs);
      if (typeof s !== 'string') throw typeError(`ord() expected string of length 1, but ${typeName(s)} found`);
      if (codePointLength(s) !== 1) throw typeError(`ord() expected a character, but string of length ${codePointLength(s)} found`);
      return BigInt(s.codePointAt(0) as number);
    }),
    fn('hex', (args, kwargs) => formatInt(toInt(one('hex', args, kwargs)), '#x')),
    fn('oct', (args, kwargs) => formatInt(toInt(one('oct', args, kwargs)), '#o')),
    fn('bin', (args, kwargs) => formatInt(toInt(one('bin', args, kwargs)), '#b')),
    fn('format', (args, kwargs, host) => {
      const [v, spec] = positionalArgs('format', args, kwargs, 1, 2);
      if (spec !== undefined && typeof spec !== 'string') throw typeError(`format() argument 2 must be str, not ${typeName(spec)}`);
      return formatValue(v, spec ?? '', host);
    }),
    fn('slice', (args, kwargs) => {
      const [a, b, c] = positionalArgs('slice', args, kwargs, 1, 3);
      return args.length === 1 ? makeSlice(null, a, null) : makeSlice(a, b ?? null, c ?? null);
    }),
    fn('callable', (args, kwargs) => {
      const v = one('callable', args, kwargs);
      return v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyType || v instanceof PyExceptionClass || (v instanceof PyObject && typeof (v as { callValue?: unknown }).callValue === 'function');
    }),
    fn('isinstance', (args, kwargs) => {
      const [v, t] = positionalArgs('isinstance', args, kwargs, 2, 2);
      return isInstance(v, t);
    }),
    fn('issubclass', (args, kwargs) => {
      const [a, t] = positionalArgs('issubclass', args, kwargs, 2, 2);
      if (!(a instanceof PyExceptionClass) && !(a instanceof PyType)) throw typeError('issubclass() arg 1 must be a class');
      const targets = t instanceof PyTuple ? t.items : [t];
      return targets.some((x) => (a instanceof PyExceptionClass && x instanceof PyExceptionClass ? a.isSubclassOf(x) : a === x || (a instanceof PyType && a.name === 'bool' && x === TYPE_INT)));
    }),
    fn('print', (args, kwargs, host) => {
      // print() never changes a plan and, as in the reference, never fails: file=, flush= ... are accepted and ignored.
      const sepValue = kwargs.get('sep');
      const endValue = kwargs.get('end');
      const sep = sepValue === undefined || sepValue === null ? ' ' : host.str(sepValue);
      const end = endValue === undefined || endValue === null ? '\n' : host.str(endValue);
      const text = args.map((v) => host.str(v)).join(sep) + end;
      // Printed lines are kept until the CLI writes them: they count against the memory limit.
      host.grow(1, 64 + text.length * CHAR_BYTES);
      (host as Host & { print(text: string): void }).print(text.replace(/\n$/, ''));
      return null;
    }),
    fn('sorted', (args, kwargs, host) => {
      const b = bindArguments({ name: 'sorted', params: ['iterable'], positionalOnly: 1, keywordOnly: ['key', 'reverse'] }, args, kwargs);
      const items = collect(b.values[0] as Value, host);
      return new PyList(sortValues(items, b.values[1] ?? null, b.values[2] !== undefined && host.truthy(b.values[2]), host));
    }),
    fn('reversed', (args, kwargs, host) => {
      const v = one('reversed', args, kwargs);
      if (v instanceof PySet || v instanceof PyIterator || !(typeof v === 'string' || v instanceof PyObject)) throw typeError(`'${typeName(v)}' object is not reversible`);
      return new ReversedIterator(collect(v instanceof PyDict ? new PyDictView(v, 'keys') : v, host).reverse());
    }),
    fn('enumerate', (args, kwargs, host) => {
      const b = bindArguments({ name: 'enumerate', params: ['iterable', 'start'], required: 1 }, args, kwargs);
      const it = host.iterate(b.values[0] as Value);
      let i = b.values[1] === undefined ? 0n : toInt(b.values[1]);
      return new PyIterator('enumerate', {
        next(): IteratorResult<Value> {
          const n = it.next();
          if (n.done) return { done: true, value: undefined };
          host.tick();
          return { done: false, value: new PyTuple([i++, n.value]) };
        },
      });
    }),
    fn('zip', (args, kwargs, host) => {
      const b = bindArguments({ name: 'zip', params: [], keywordOnly: ['strict'], varargs: true }, args, kwargs);
      const its = b.rest.map((v) => host.iterate(v));
      const strict = b.values[0] !== undefined && host.truthy(b.values[0]);
      return new PyIterator('zip', {
        next(): IteratorResult<Value> {
          if (its.length === 0) return { done: true, value: undefined };
          host.tick();
          const row: Value[] = [];
          for (let i = 0; i < its.length; i++) {
            const n = its[i].next();
            if (n.done) {
              if (strict && (i > 0 || its.slice(1).some((o) => !o.next().done))) throw valueError(`zip() argument ${i + 1} is shorter than argument${i > 1 ? 's' : ''} 1${i > 1 ? `-${i}` : ''}`);
              return { done: true, value: undefined };
            }
            row.push(n.value);
          }
          return { done: false, value: new PyTuple(row) };
        },
      });
    }),
    fn('sum', (args, kwargs, host) => {
      const b = bindArguments({ name: 'sum', params: ['iterable', 'start'], required: 1, positionalOnly: 1 }, args, kwargs);
      let total: Value = b.values[1] ?? 0n;
      if (typeof total === 'string') throw typeError("sum() can't sum strings [use ''.join(seq) instead]");
      const r = b.values[0];
      if (r instanceof PyRange && r.step === 1n && typeof total === 'bigint') {
        host.tick(Number(r.length));
      }
      const it = host.iterate(b.values[0] as Value);
      for (let n = it.next(); !n.done; n = it.next()) total = binaryOp('+', total, n.value, host);
      return total;
    }),
    fn('any', (args, kwargs, host) => {
      const it = host.iterate(one('any', args, kwargs));
      for (let n = it.next(); !n.done; n = it.next()) if (host.truthy(n.value)) return true;
      return false;
    }),
    fn('all', (args, kwargs, host) => {
      const it = host.iterate(one('all', args, kwargs));
      for (let n = it.next(); !n.done; n = it.next()) if (!host.truthy(n.value)) return false;
      return true;
    }),
    fn('min', (args, kwargs, host) => minMax('min', args, kwargs, host)),
    fn('max', (args, kwargs, host) => minMax('max', args, kwargs, host)),
  ]);
  for (const [name, cls] of EXCEPTION_CLASSES) {
    if (NAMEABLE_EXCEPTIONS.has(name)) builtins.set(name, cls);
  }
  builtins.set('EnvironmentError', EXCEPTION_CLASSES.get('OSError') as PyExceptionClass);
  builtins.set('IOError', EXCEPTION_CLASSES.get('OSError') as PyExceptionClass);
  return builtins;
}

