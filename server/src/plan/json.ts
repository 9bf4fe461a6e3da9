// JSON as the plans need it: ints and floats kept apart (bigint is an int,
// number a float, written as Python's json module writes them: `1.0`,
// `1e+16`), keys in insertion order, and the layout of Python's
// json.dumps(indent=2, ensure_ascii=False), so outputs are byte-identical.

import { floatRepr } from '../eval/numbers';

/** A JSON object: a Map, because JavaScript objects put integer-like keys first and plans keep insertion order. */
export type PlanObject = Map<string, PlanJson>;
export type PlanJson = null | boolean | string | bigint | number | PlanJson[] | PlanObject;

/** Builds a PlanObject from entries in order. */
export function planObject(entries: Iterable<[string, PlanJson]>): PlanObject {
  return new Map(entries);
}

function writeString(s: string): string {
  return JSON.stringify(s);
}

function writeNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return floatRepr(n);
}

/** About how many characters `value` takes as JSON (strings by length, other scalars 8), without writing it. */
export function jsonSizeEstimate(value: PlanJson): number {
  if (typeof value === 'string') return value.length + 2;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + jsonSizeEstimate(v) + 2, 2);
  if (value instanceof Map) {
    let n = 2;
    for (const [k, v] of value) n += k.length + 4 + jsonSizeEstimate(v);
    return n;
  }
  return 8;
}

/** Serialises `value`; `indent` 0 gives the compact form with Python's default separators (", " and ": "). */
export function writeJson(value: PlanJson, indent: number): string {
  const parts: string[] = [];
  write(value, '', indent, parts);
  return parts.join('');
}

function write(value: PlanJson, pad: string, indent: number, out: string[]): void {
  if (value === null) out.push('null');
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (typeof value === 'string') out.push(writeString(value));
  else if (typeof value === 'bigint') out.push(value.toString());
  else if (typeof value === 'number') out.push(writeNumber(value));
  else if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    const inner = indent ? `${pad}${' '.repeat(indent)}` : '';
    out.push(indent ? '[\n' : '[');
    value.forEach((v, i) => {
      if (i > 0) out.push(indent ? ',\n' : ', ');
      out.push(inner);
      write(v, inner, indent, out);
    });
    out.push(indent ? `\n${pad}]` : ']');
  } else {
    const keys = [...value.keys()];
    if (keys.length === 0) {
      out.push('{}');
      return;
    }
    const inner = indent ? `${pad}${' '.repeat(indent)}` : '';
    out.push(indent ? '{\n' : '{');
    keys.forEach((k, i) => {
      if (i > 0) out.push(indent ? ',\n' : ', ');
      out.push(inner, writeString(k), ': ');
      write(value.get(k) as PlanJson, inner, indent, out);
    });
    out.push(indent ? `\n${pad}}` : '}');
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Thrown for text that is not JSON. */
export class JsonSyntaxError extends Error {}

/** Parses JSON keeping integers exact (bigint) and apart from floats, as Python's json.loads does. */
export function parseJson(text: string): PlanJson {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at offset ${i}`);
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const value = (depth: number): PlanJson => {
    if (depth > 512) fail('nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: PlanObject = new Map();
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a string key');
        const key = string();
        ws();
        if (text[i++] !== ':') fail("expected ':'");
        obj.set(key, value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr: PlanJson[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return m[1] === undefined && m[2] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const string = (): string => {
    STRING.lastIndex = i;
    const m = STRING.exec(text);
    if (!m) return fail('bad string');
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const result = value(0);
  ws();
  if (i !== text.length) fail('trailing characters');
  return result;
}
