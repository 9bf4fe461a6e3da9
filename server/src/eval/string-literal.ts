// Decoding of Python string literal bodies: backslash escapes (\n, \x41,
// \u00e9, \U0001F600, octal, line continuations) and, in f-strings, the
// doubled braces. Raw strings keep every backslash. Unknown escapes are kept
// as written, as CPython does.

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Thrown for an escape CPython would refuse at compile time (it is a SyntaxError there too). */
export class EscapeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Decodes one literal segment. `offset` values in errors are UTF-16 offsets into `body`. */
export function decodeStringBody(body: string, raw: boolean, fstring: boolean): string {
  if (!fstring && (raw || !body.includes('\\'))) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (fstring && (c === '{' || c === '}') && body[i + 1] === c) {
      out += c;
      i += 2;
      continue;
    }
    if (c !== '\\' || raw) {
      out += c;
      i += 1;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      out += c;
      i += 1;
      continue;
    }
    if (next === '\n') {
      i += 2;
      continue;
    }
    if (next === '\r') {
      i += body[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (next >= '0' && next <= '7') {
      let j = i + 1;
      let digits = '';
      while (j < body.length && digits.length < 3 && body[j] >= '0' && body[j] <= '7') digits += body[j++];
      out += String.fromCodePoint(parseInt(digits, 8));
      i = j;
      continue;
    }
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      if (hex.length !== hexLength || !/^[0-9a-fA-F]+$/.test(hex)) {
        throw new EscapeError(`(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\${next}${'X'.repeat(hexLength)} escape`, i);
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new EscapeError("(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character", i);
      out += String.fromCodePoint(code);
      i += 2 + hexLength;
      continue;
    }
    if (next === 'N') {
      throw new EscapeError('\\N{...} escapes are not supported in workflow files; write the character itself', i);
    }
    out += c;
    i += 1;
  }
  return out;
}
