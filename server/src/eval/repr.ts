// str() and repr() of every value, as CPython prints them. Containers that
// share structure (a = [a, a] ...) can expand exponentially, so the printed
// size is computed first, over the shared graph, and checked against the
// memory budget before a single character is built. Recursive containers
// print as [...] / {...}.

import { LimitError } from './errors';
import { floatRepr } from './numbers';
import { typeName } from './operators';
import type { Host, Value } from './values';
import {
  PyBuiltin,
  PyDict,
  PyDictView,
  PyException,
  PyExceptionClass,
  PyFunction,
  PyIterator,
  PyList,
  PyObject,
  PyRange,
  PySet,
  PyTuple,
  PyType,
} from './values';

/** Objects that print themselves (plue values). `inner` prints nested values. */
export interface ReprHook {
  reprString(host: Host, inner: (v: Value) => string): string;
  strString?(host: Host, inner: (v: Value) => string): string;
}

function hook(v: PyObject): ReprHook | null {
  return typeof (v as Partial<ReprHook>).reprString === 'function' ? (v as unknown as ReprHook) : null;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\\]/u;

/** ascii(): a repr with every non-ASCII character escaped. */
export function asciiRepr(repr: string): string {
  return repr.replace(/[^\0-\x7f]/gu, (ch) => {
    const code = ch.codePointAt(0) as number;
    if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
    if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
    return `\\U${code.toString(16).padStart(8, '0')}`;
  });
}

/** The non-printable characters a repr escapes (all of NON_PRINTABLE but the backslash and the space). */
const ESCAPED_NON_PRINTABLE = /(?! )[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/gu;

function escapeChar(ch: string): string {
  switch (ch) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
  }
  const code = ch.codePointAt(0) as number;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (!NON_PRINTABLE.test(s) && !s.includes(quote)) return quote + s + quote;
  // Whole-string passes build flat strings (appending character by character
  // made a rope of millions of pieces); backslashes first, so that the
  // escapes added after them are not doubled.
  // (split and join: several times faster than replaceAll when matches are many.)
  let body = s.includes('\\') ? s.split('\\').join('\\\\') : s;
  if (body.includes(quote)) body = body.split(quote).join(`\\${quote}`);
  ESCAPED_NON_PRINTABLE.lastIndex = 0;
  if (ESCAPED_NON_PRINTABLE.test(body)) body = body.replace(ESCAPED_NON_PRINTABLE, escapeChar);
  return quote + body + quote;
}

function children(v: Value): readonly Value[] | null {
  if (v instanceof PyList || v instanceof PyTuple) return v.items;
  if (v instanceof PyDict) {
    const out: Value[] = [];
    for (const e of v.entries.values()) out.push(e.key, e.value);
    return out;
  }
  if (v instanceof PySet) return [...v.entries.values()];
  if (v instanceof PyDictView) return children(v.dict);
  return null;
}

/** A lower bound of the printed length of `v`, computed over the shared graph (capped at `cap`). */
function printedSize(v: Value, cap: number, memo: Map<object, number>, active: Set<object>): number {
  const kids = children(v);
  if (kids === null) return typeof v === 'string' ? v.length + 2 : 1;
  const obj = v as object;
  const known = memo.get(obj);
  if (known !== undefined) return known;
  if (active.has(obj)) return 5;
  active.add(obj);
  let total = 2;
  for (const k of kids) {
    total += printedSize(k, cap, memo, active) + 2;
    if (total > cap) break;
  }
  active.delete(obj);
  const size = Math.min(total, cap + 1);
  memo.set(obj, size);
  return size;
}

export class Printer {
  private readonly active = new Set<object>();
  /** Reprs already built during one top-level repr (shared structure prints once); not for parts of a cycle. */
  private readonly built = new Map<object, string>();
  private cycles = 0;

  constructor(
    private readonly host: Host,
    private readonly maxChars: number,
  ) {}

  str(v: Value): string {
    if (typeof v === 'string') return v;
    if (v instanceof PyException) return this.exceptionStr(v);
    if (v instanceof PyObject) {
      const h = hook(v);
      if (h?.strString) return h.strString(this.host, (x) => this.repr(x));
    }
    return this.repr(v);
  }

  repr(v: Value): string {
    switch (typeof v) {
      case 'string':
        if (v.length > 1024) {
          this.host.tick(v.length >> 6);
          // Escapes can make the repr up to 10 characters per character.
          if (v.length * 10 > this.maxChars && NON_PRINTABLE.test(v)) this.host.reserve(v.length * 20);
          else this.host.reserve(v.length * 2);
        }
        return reprString(v);
      case 'bigint':
        return v.toString();
      case 'number':
        return floatRepr(v);
      case 'boolean':
        return v ? 'True' : 'False';
    }
    if (v === null) return 'None';
    if (children(v) !== null && !this.active.size) {
      const size = printedSize(v, this.maxChars, new Map(), new Set());
      if (size > this.maxChars) {
        throw new LimitError(`output size limit exceeded: str()/repr() would build more than ${this.maxChars} characters (limit ${this.maxChars * 2} bytes per value)`);
      }
      // Building the text is work proportional to its size.
      this.host.tick(Math.ceil(size / 16));
      this.host.reserve(size * 2);
    }
    return this.objectRepr(v);
  }

  private nested(obj: object, open: string, close: string, build: () => string): string {
    if (this.active.has(obj)) {
      this.cycles++;
      return `${open}...${close}`;
    }
    const known = this.built.get(obj);
    if (known !== undefined) return known;
    const cyclesBefore = this.cycles;
    this.active.add(obj);
    try {
      const text = build();
      if (this.cycles === cyclesBefore) this.built.set(obj, text);
      return text;
    } finally {
      this.active.delete(obj);
      if (this.active.size === 0) {
        this.built.clear();
        this.cycles = 0;
      }
    }
  }

  private objectRepr(v: PyObject): string {
    this.host.tick();
    if (v instanceof PyList) return this.nested(v, '[', ']', () => `[${v.items.map((x) => this.repr(x)).join(', ')}]`);
    if (v instanceof PyTuple) {
      return this.nested(v, '(', ')', () => (v.items.length === 1 ? `(${this.repr(v.items[0])},)` : `(${v.items.map((x) => this.repr(x)).join(', ')})`));
    }
    if (v instanceof PyDict) {
      return this.nested(v, '{', '}', () => `{${[...v.entries.values()].map((e) => `${this.repr(e.key)}: ${this.repr(e.value)}`).join(', ')}}`);
    }
    if (v instanceof PySet) return v.entries.size === 0 ? 'set()' : this.nested(v, '{', '}', () => `{${[...v.entries.values()].map((x) => this.repr(x)).join(', ')}}`);
    if (v instanceof PyDictView) {
      const items =
        v.kind === 'keys'
          ? v.dict.keys()
          : v.kind === 'values'
            ? [...v.dict.entries.values()].map((e) => e.value)
            : [...v.dict.entries.values()].map((e) => new PyTuple([e.key, e.value]));
      return `${v.typeName}(${this.repr(new PyList(items))})`;
    }
    if (v instanceof PyRange) return v.step === 1n ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
    if (v instanceof PyFunction) return `<function ${v.name}>`;
    if (v instanceof PyBuiltin) return `<built-in function ${v.name}>`;
    if (v instanceof PyType) return `<class '${v.name}'>`;
    if (v instanceof PyExceptionClass) return `<class '${v.name}'>`;
    if (v instanceof PyException) {
      const args = v.args.map((a) => this.repr(a)).join(', ');
      return `${v.cls.name}(${args})`;
    }
    const h = hook(v);
    if (h) return h.reprString(this.host, (x) => this.repr(x));
    if (v instanceof PyIterator) return `<${v.typeName} object>`;
    return `<${typeName(v)} object>`;
  }

  private exceptionStr(e: PyException): string {
    if (e.args.length === 0) return '';
    if (e.args.length === 1) return e.cls.name === 'KeyError' ? this.repr(e.args[0]) : this.str(e.args[0]);
    return this.repr(new PyTuple(e.args));
  }
}
