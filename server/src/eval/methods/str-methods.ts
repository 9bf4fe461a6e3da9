// The methods of str, with CPython's results: whitespace is Python's
// definition (not JavaScript's \s), lengths and offsets are in code points,
// and sizes are checked before building large results.

import { STRING_PIECE_STEPS } from '../step-costs';
import { bindArguments, positionalArgs } from '../arguments';
import { CHAR_BYTES } from '../memory';
import { pyError, typeError, valueError } from '../errors';
import { typeName } from '../operators';
import { codePointIndex, codePointLength, codePoints, hasSurrogates, utf16Offset } from '../text';
import type { Host, Kwargs, Value } from '../values';
import { PyList, PyTuple } from '../values';

/** Python's str.isspace() characters (JavaScript's \s differs: it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const WS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RUN = new RegExp(`[${WS}]+`, 'u');
const IS_WS = new RegExp(`^[${WS}]+$`, 'u');
const LEADING_WS = new RegExp(`^[${WS}]+`, 'u');
const TRAILING_WS = new RegExp(`[${WS}]+$`, 'u');
// eslint-disable-next-line no-control-regex -- Python's line boundaries include the separators U+001C-U+001E
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/u;

/** What methods that work character by character in JavaScript hold per character while they run. */
const PER_CHARACTER_BYTES = 16;

type StrMethod = (s: string, args: Value[], kwargs: Kwargs, host: Host) => Value;

function str(v: Value | undefined, what: string): string {
  if (typeof v !== 'string') throw typeError(`${what} must be str, not ${typeName(v ?? null)}`);
  return v;
}

function optStr(v: Value | undefined, what: string): string | null {
  return v === undefined || v === null ? null : str(v, what);
}

function int(v: Value | undefined, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** Resolves start/end code-point bounds (slice semantics) to UTF-16 offsets in s. */
function bounds(s: string, start: Value | undefined, end: Value | undefined): [number, number] {
  const length = codePointLength(s);
  const clamp = (v: Value | undefined, dflt: number): number => {
    if (v === undefined || v === null) return dflt;
    let n = int(v, dflt);
    if (n < 0) n = Math.max(0, n + length);
    return Math.min(n, length);
  };
  return [utf16Offset(s, clamp(start, 0)), utf16Offset(s, clamp(end, length))];
}

function split(s: string, sep: string | null, maxsplit: number, host: Host): PyList {
  const out: string[] = [];
  if (sep === null) {
    let rest = s.replace(LEADING_WS, '');
    while (rest.length > 0) {
      host.tick(STRING_PIECE_STEPS);
      if (maxsplit >= 0 && out.length >= maxsplit) {
        out.push(rest);
        break;
      }
      const m = WS_RUN.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return new PyList(out);
  }
  if (sep === '') throw valueError('empty separator');
  let from = 0;
  for (;;) {
    host.tick(STRING_PIECE_STEPS);
    const at = maxsplit >= 0 && out.length >= maxsplit ? -1 : s.indexOf(sep, from);
    if (at < 0) break;
    out.push(s.slice(from, at));
    from = at + sep.length;
  }
  out.push(s.slice(from));
  return new PyList(out);
}

function rsplit(s: string, sep: string | null, maxsplit: number, host: Host): PyList {
  const out: string[] = [];
  if (sep === null) {
    if (maxsplit < 0) return split(s, null, -1, host);
    let rest = s.replace(TRAILING_WS, '');
    while (rest.length > 0) {
      host.tick(STRING_PIECE_STEPS);
      if (out.length >= maxsplit) {
        out.push(rest);
        break;
      }
      const m = new RegExp(`[${WS}]+(?=[^${WS}]*$)`, 'u').exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(m.index + m[0].length));
      rest = rest.slice(0, m.index);
    }
    return new PyList(out.reverse());
  }
  if (sep === '') throw valueError('empty separator');
  let end = s.length;
  while ((maxsplit < 0 || out.length < maxsplit) && end - sep.length >= 0) {
    host.tick(STRING_PIECE_STEPS);
    const at = s.lastIndexOf(sep, end - sep.length);
    if (at < 0) break;
    out.push(s.slice(at + sep.length, end));
    end = at;
  }
  out.push(s.slice(0, end));
  return new PyList(out.reverse());
}

function stripChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  if (chars === null) {
    let r = s;
    if (left) r = r.replace(LEADING_WS, '');
    if (right) r = r.replace(TRAILING_WS, '');
    return r;
  }
  if (!hasSurrogates(s) && !hasSurrogates(chars)) {
    let a = 0;
    let b = s.length;
    if (left) while (a < b && chars.includes(s[a])) a++;
    if (right) while (b > a && chars.includes(s[b - 1])) b--;
    return s.slice(a, b);
  }
  const set = new Set(codePoints(chars));
  const cps = codePoints(s);
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && set.has(cps[a])) a++;
  if (right) while (b > a && set.has(cps[b - 1])) b--;
  return cps.slice(a, b).join('');
}

function isCased(ch: string): boolean {
  return /\p{Cased}/u.test(ch);
}

/** Title-case digraphs, which neither toUpperCase nor toLowerCase give. */
const TITLE_DIGRAPHS: Readonly<Record<string, string>> = {
  'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǆ': 'ǅ', 'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǉ': 'ǈ', 'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǌ': 'ǋ', 'Ǳ': 'ǲ', 'ǲ': 'ǲ', 'ǳ': 'ǲ',
};

/** Unicode title case of one character: ß -> Ss, ﬁ -> Fi, ǆ -> ǅ. */
function titleChar(ch: string): string {
  const digraph = TITLE_DIGRAPHS[ch];
  if (digraph) return digraph;
  if (/\p{Lt}/u.test(ch)) return ch; // a titlecase letter (ᾼ) is its own title form
  // The upper-case mapping up to its first cased letter, the rest lower-cased (SpecialCasing's title forms).
  const upper = [...ch.toUpperCase()];
  const firstCased = upper.findIndex(isCased);
  return upper.slice(0, firstCased + 1).join('') + upper.slice(firstCased + 1).join('').toLowerCase();
}

function padTo(s: string, width: Value | undefined, fill: Value | undefined, where: 'left' | 'right' | 'center', name: string): string {
  const w = int(width, 0);
  const f = fill === undefined ? ' ' : str(fill, `${name}() argument 2`);
  if (codePointLength(f) !== 1) throw typeError('The fill character must be exactly one character long');
  const missing = w - codePointLength(s);
  if (missing <= 0) return s;
  if (where === 'left') return s + f.repeat(missing);
  if (where === 'right') return f.repeat(missing) + s;
  const left = Math.floor(missing / 2) + (missing & w & 1);
  return f.repeat(left) + s + f.repeat(missing - left);
}

/** A start past the end finds nothing, not even the empty string (CPython's rule for find/count/startswith). */
function startsPastEnd(s: string, start: Value | undefined): boolean {
  if (start === undefined || start === null) return false;
  const n = int(start, 0);
  return n >= 0 && n > codePointLength(s);
}

function find(s: string, args: Value[], kwargs: Kwargs, name: string, fromRight: boolean): number {
  const [sub, start, end] = positionalArgs(name, args, kwargs, 1, 3);
  const needle = str(sub, 'must be str, not');
  if (startsPastEnd(s, start)) return -1;
  const [a, b] = bounds(s, start, end);
  if (b - a < needle.length) return -1;
  const slice = s.slice(a, b);
  const at = fromRight ? slice.lastIndexOf(needle) : slice.indexOf(needle);
  return at < 0 ? -1 : codePointIndex(s, a + at);
}

function affix(s: string, args: Value[], kwargs: Kwargs, name: string, atEnd: boolean): boolean {
  const [prefix, start, end] = positionalArgs(name, args, kwargs, 1, 3);
  if (startsPastEnd(s, start)) return false;
  const [a, b] = bounds(s, start, end);
  const part = s.slice(a, b);
  const options = prefix instanceof PyTuple ? prefix.items : [prefix];
  for (const p of options) {
    if (typeof p !== 'string') throw typeError(`${name} first arg must be str or a tuple of str, not ${typeName(p)}`);
    if (atEnd ? part.endsWith(p) : part.startsWith(p)) return true;
  }
  return false;
}

function titleCase(s: string): string {
  let out = '';
  let previousCased = false;
  for (const ch of s) {
    out += previousCased ? ch.toLowerCase() : titleChar(ch);
    previousCased = isCased(ch);
  }
  return out;
}

const noArgs = (name: string, args: Value[], kwargs: Kwargs): void => {
  positionalArgs(name, args, kwargs, 0, 0);
};

export const STR_METHODS: Readonly<Record<string, StrMethod>> = {
  join(s, args, kwargs, host) {
    const [iterable] = positionalArgs('str.join', args, kwargs, 1, 1);
    const parts: string[] = [];
    let size = 0;
    const it = host.iterate(iterable);
    for (let n = it.next(); !n.done; n = it.next()) {
      if (typeof n.value !== 'string') throw typeError(`sequence item ${parts.length}: expected str instance, ${typeName(n.value)} found`);
      size += n.value.length + s.length;
      if (size > 4096) host.checkSize(size * CHAR_BYTES);
      parts.push(n.value);
    }
    if (size > 4096) host.reserve(size * CHAR_BYTES);
    return parts.join(s);
  },
  split(s, args, kwargs, host) {
    const b = bindArguments({ name: 'str.split', params: ['sep', 'maxsplit'], required: 0 }, args, kwargs);
    return split(s, optStr(b.values[0], 'sep'), int(b.values[1], -1), host);
  },
  rsplit(s, args, kwargs, host) {
    const b = bindArguments({ name: 'str.rsplit', params: ['sep', 'maxsplit'], required: 0 }, args, kwargs);
    return rsplit(s, optStr(b.values[0], 'sep'), int(b.values[1], -1), host);
  },
  splitlines(s, args, kwargs, host) {
    const b = bindArguments({ name: 'str.splitlines', params: ['keepends'], required: 0 }, args, kwargs);
    const keep = b.values[0] !== undefined && host.truthy(b.values[0]);
    const out: string[] = [];
    let rest = s;
    while (rest.length > 0) {
      host.tick();
      const m = LINE_BREAK.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index + (keep ? m[0].length : 0)));
      rest = rest.slice(m.index + m[0].length);
    }
    return new PyList(out);
  },
  strip: (s, args, kwargs) => stripChars(s, optStr(positionalArgs('str.strip', args, kwargs, 0, 1)[0], 'strip arg'), true, true),
  lstrip: (s, args, kwargs) => stripChars(s, optStr(positionalArgs('str.lstrip', args, kwargs, 0, 1)[0], 'lstrip arg'), true, false),
  rstrip: (s, args, kwargs) => stripChars(s, optStr(positionalArgs('str.rstrip', args, kwargs, 0, 1)[0], 'rstrip arg'), false, true),
  startswith: (s, args, kwargs) => affix(s, args, kwargs, 'startswith', false),
  endswith: (s, args, kwargs) => affix(s, args, kwargs, 'endswith', true),
  replace(s, args, kwargs, host) {
    const [oldV, newV, countV] = positionalArgs('str.replace', args, kwargs, 2, 3);
    const from = str(oldV, 'replace() argument 1');
    const to = str(newV, 'replace() argument 2');
    let count = int(countV, -1);
    if (from === '') {
      const cps = codePoints(s);
      const limit = count < 0 ? cps.length + 1 : Math.min(count, cps.length + 1);
      host.reserve((s.length + to.length * limit) * 2);
      let out = '';
      for (let i = 0; i < cps.length; i++) out += (i < limit ? to : '') + cps[i];
      return out + (cps.length < limit ? to : '');
    }
    if (count < 0) {
      // The result can be no longer than with every position a match; only when that bound is too big are the matches counted first.
      const most = s.length + Math.max(0, to.length - from.length) * Math.floor(s.length / from.length);
      if (most * 2 > host.maxValueBytes) host.checkSize((s.length + (to.length - from.length) * countOccurrences(s, from)) * 2);
      // split and join: several times faster than replaceAll for many matches; the pieces are metered as a list.
      const parts = s.split(from);
      host.grow(parts.length);
      host.reserve((s.length + (to.length - from.length) * (parts.length - 1)) * 2);
      return parts.join(to);
    }
    const n = Math.min(count, countOccurrences(s, from));
    host.reserve((s.length + (to.length - from.length) * n) * 2);
    let out = '';
    let rest = s;
    while (count-- > 0) {
      const at = rest.indexOf(from);
      if (at < 0) break;
      out += rest.slice(0, at) + to;
      rest = rest.slice(at + from.length);
    }
    return out + rest;
  },
  lower: (s, args, kwargs) => (noArgs('str.lower', args, kwargs), s.toLowerCase()),
  upper: (s, args, kwargs) => (noArgs('str.upper', args, kwargs), s.toUpperCase()),
  casefold: (s, args, kwargs) => (noArgs('str.casefold', args, kwargs), s.toUpperCase().toLowerCase().replace(/ς/g, 'σ')),
  swapcase: (s, args, kwargs, host) => {
    noArgs('str.swapcase', args, kwargs);
    host.reserve(s.length * PER_CHARACTER_BYTES);
    host.tick(s.length >> 3);
    // CPython: an Uppercase character is lowered, a Lowercase one raised, anything else (titlecase ǅ, ª) is kept.
    return s.replace(/[\p{Uppercase}\p{Lowercase}]/gu, (c) => (/\p{Uppercase}/u.test(c) ? c.toLowerCase() : c.toUpperCase()));
  },
  title: (s, args, kwargs, host) => {
    noArgs('str.title', args, kwargs);
    host.reserve(s.length * PER_CHARACTER_BYTES);
    host.tick(s.length >> 3);
    return titleCase(s);
  },
  capitalize(s, args, kwargs) {
    noArgs('str.capitalize', args, kwargs);
    const cps = codePoints(s);
    if (cps.length === 0) return s;
    return titleChar(cps[0]) + cps.slice(1).join('').toLowerCase();
  },
  find: (s, args, kwargs) => BigInt(find(s, args, kwargs, 'find', false)),
  rfind: (s, args, kwargs) => BigInt(find(s, args, kwargs, 'rfind', true)),
  index(s, args, kwargs) {
    const at = find(s, args, kwargs, 'index', false);
    if (at < 0) throw valueError('substring not found');
    return BigInt(at);
  },
  rindex(s, args, kwargs) {
    const at = find(s, args, kwargs, 'rindex', true);
    if (at < 0) throw valueError('substring not found');
    return BigInt(at);
  },
  count(s, args, kwargs) {
    const [sub, start, end] = positionalArgs('str.count', args, kwargs, 1, 3);
    const needle = str(sub, 'must be str, not');
    if (startsPastEnd(s, start)) return 0n;
    const [a, b] = bounds(s, start, end);
    const part = s.slice(a, b);
    if (needle === '') return BigInt(codePointLength(part) + 1);
    return BigInt(part.split(needle).length - 1);
  },
  partition(s, args, kwargs) {
    const sep = str(positionalArgs('str.partition', args, kwargs, 1, 1)[0], 'partition() argument');
    if (sep === '') throw valueError('empty separator');
    const at = s.indexOf(sep);
    return at < 0 ? new PyTuple([s, '', '']) : new PyTuple([s.slice(0, at), sep, s.slice(at + sep.length)]);
  },
  rpartition(s, args, kwargs) {
    const sep = str(positionalArgs('str.rpartition', args, kwargs, 1, 1)[0], 'rpartition() argument');
    if (sep === '') throw valueError('empty separator');
    const at = s.lastIndexOf(sep);
    return at < 0 ? new PyTuple(['', '', s]) : new PyTuple([s.slice(0, at), sep, s.slice(at + sep.length)]);
  },
  isdigit: (s, args, kwargs) => (noArgs('str.isdigit', args, kwargs), s.length > 0 && /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490]+$/u.test(s)),
  isdecimal: (s, args, kwargs) => (noArgs('str.isdecimal', args, kwargs), s.length > 0 && /^\p{Nd}+$/u.test(s)),
  isnumeric: (s, args, kwargs) => (noArgs('str.isnumeric', args, kwargs), s.length > 0 && /^\p{N}+$/u.test(s)),
  isalpha: (s, args, kwargs) => (noArgs('str.isalpha', args, kwargs), s.length > 0 && /^\p{L}+$/u.test(s)),
  isalnum: (s, args, kwargs) => (noArgs('str.isalnum', args, kwargs), s.length > 0 && /^[\p{L}\p{N}]+$/u.test(s)),
  isspace: (s, args, kwargs) => (noArgs('str.isspace', args, kwargs), IS_WS.test(s)),
  isupper(s, args, kwargs) {
    noArgs('str.isupper', args, kwargs);
    return /\p{Uppercase}/u.test(s) && !/\p{Lowercase}|\p{Lt}/u.test(s);
  },
  islower(s, args, kwargs) {
    noArgs('str.islower', args, kwargs);
    return /\p{Lowercase}/u.test(s) && !/\p{Uppercase}|\p{Lt}/u.test(s);
  },
  istitle: (s, args, kwargs) => (noArgs('str.istitle', args, kwargs), [...s].some(isCased) && titleCase(s) === s),
  isidentifier: (s, args, kwargs) => (noArgs('str.isidentifier', args, kwargs), /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(s)),
  isprintable: (s, args, kwargs) => (noArgs('str.isprintable', args, kwargs), !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u.test(s)),
  isascii: (s, args, kwargs) => (noArgs('str.isascii', args, kwargs), [...s].every((c) => (c.codePointAt(0) as number) < 0x80)),
  zfill(s, args, kwargs, host) {
    const width = int(positionalArgs('str.zfill', args, kwargs, 1, 1)[0], 0);
    const missing = width - codePointLength(s);
    if (missing <= 0) return s;
    host.reserve(width * 2);
    if (s[0] === '+' || s[0] === '-') return s[0] + '0'.repeat(missing) + s.slice(1);
    return '0'.repeat(missing) + s;
  },
  ljust(s, args, kwargs, host) {
    const [w, fill] = positionalArgs('str.ljust', args, kwargs, 1, 2);
    host.reserve(int(w, 0) * 2);
    return padTo(s, w, fill, 'left', 'ljust');
  },
  rjust(s, args, kwargs, host) {
    const [w, fill] = positionalArgs('str.rjust', args, kwargs, 1, 2);
    host.reserve(int(w, 0) * 2);
    return padTo(s, w, fill, 'right', 'rjust');
  },
  center(s, args, kwargs, host) {
    const [w, fill] = positionalArgs('str.center', args, kwargs, 1, 2);
    host.reserve(int(w, 0) * 2);
    return padTo(s, w, fill, 'center', 'center');
  },
  removeprefix(s, args, kwargs) {
    const p = str(positionalArgs('str.removeprefix', args, kwargs, 1, 1)[0], 'removeprefix() argument');
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix(s, args, kwargs) {
    const p = str(positionalArgs('str.removesuffix', args, kwargs, 1, 1)[0], 'removesuffix() argument');
    return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  expandtabs(s, args, kwargs, host) {
    const size = int(bindArguments({ name: 'str.expandtabs', params: ['tabsize'], required: 0 }, args, kwargs).values[0], 8);
    host.reserve((s.length + (s.split('\t').length - 1) * Math.max(0, size)) * CHAR_BYTES);
    let out = '';
    let column = 0;
    for (const ch of s) {
      if (ch === '\t') {
        const n = size > 0 ? size - (column % size) : 0;
        out += ' '.repeat(n);
        column += n;
      } else {
        out += ch;
        column = ch === '\n' || ch === '\r' ? 0 : column + 1;
      }
    }
    return out;
  },
  encode() {
    throw pyError('TypeError', 'bytes are not supported in workflow files');
  },
};

/** How many times `sub` (not empty) occurs in `s` without overlapping, as str.count counts. */
function countOccurrences(s: string, sub: string): number {
  let n = 0;
  for (let at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length)) n++;
  return n;
}
