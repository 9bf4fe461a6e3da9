// Strings measured and indexed by code point, as Python does (JavaScript
// strings are UTF-16, where an astral character counts twice). Strings
// without surrogates take the fast path.

const SURROGATE = /[\uD800-\uDFFF]/;

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

export function codePointLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  return s.length - (s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/** The string's code points, each as a string. */
export function codePoints(s: string): string[] {
  return hasSurrogates(s) ? Array.from(s) : s.split('');
}

/** The UTF-16 offset of code point index `cp` (clamped to the string's ends). */
export function utf16Offset(s: string, cp: number): number {
  if (!hasSurrogates(s)) return Math.max(0, Math.min(cp, s.length));
  let offset = 0;
  let i = 0;
  for (const ch of s) {
    if (i === cp) return offset;
    offset += ch.length;
    i++;
  }
  return offset;
}

/** The code point index of UTF-16 offset `offset`. */
export function codePointIndex(s: string, offset: number): number {
  if (!hasSurrogates(s)) return offset;
  return codePointLength(s.slice(0, offset));
}
