// Fuzz inputs for the pipeline and language-server fuzzers: a seeded PRNG, the
// corpora (shared/conformance, test/fixtures, examples, plus the sources
// embedded in the JSON case tables) and the generators and mutators.
//
// Every input is a pure function of (seed, index, corpus): inputAt(seed, i)
// gives the same bytes on every run, so a finding is reproduced from its seed
// and index alone (`--emit SEED:INDEX FILE` in pipeline-fuzz.mjs).

import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = join(REPO, '..', 'shared');

// ------------------------------------------------------------------ PRNG

/** cyrb128: a 128-bit hash of a string, to seed sfc32. */
function cyrb128(str) {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export class Rng {
  constructor(key) {
    [this.a, this.b, this.c, this.d] = cyrb128(String(key));
    for (let i = 0; i < 12; i++) this.next();
  }

  /** sfc32: a uniform 32-bit unsigned integer. */
  next() {
    let { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    Object.assign(this, { a, b, c, d });
    return t >>> 0;
  }

  /** An integer in [0, n). */
  int(n) {
    return n <= 0 ? 0 : Math.floor((this.next() / 4294967296) * n);
  }

  /** An integer in [lo, hi]. */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }

  chance(p) {
    return this.next() / 4294967296 < p;
  }

  pick(items) {
    return items[this.int(items.length)];
  }

  /** An index into weights, with probability proportional to the weight. */
  weighted(weights) {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.int(total);
    for (let i = 0; i < weights.length; i++) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.length - 1;
  }

  /** Mostly small numbers, sometimes large: 2^range(0, bits) scaled. */
  small(bits = 8) {
    return this.int(2 ** this.int(bits + 1));
  }
}

// ------------------------------------------------------------------ corpus

const TEXT_EXTENSIONS = ['.py', '.md', '.json', '.txt', '.yaml', '.yml', '.toml', ''];
const MAX_CORPUS_FILE = 1 << 20;

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

function extensionOf(path) {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

/** Every string value under a key named "source" in a JSON document. */
function embeddedSources(value, out) {
  if (Array.isArray(value)) for (const v of value) embeddedSources(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'source' && typeof v === 'string') out.push(v);
      else embeddedSources(v, out);
    }
  }
}

/**
 * The corpus, in a fixed order: { name, bytes }[] — the files of
 * shared/conformance, test/fixtures and examples, and each source embedded in
 * the JSON case tables of test/fixtures.
 */
export function loadCorpus() {
  const roots = [join(SHARED, 'conformance'), join(REPO, 'test', 'fixtures'), join(REPO, 'examples')];
  const files = [];
  for (const root of roots) walk(root, files);
  const corpus = [];
  for (const path of files) {
    if (!TEXT_EXTENSIONS.includes(extensionOf(path))) continue;
    let size;
    try {
      size = statSync(path).size;
    } catch {
      continue;
    }
    if (size > MAX_CORPUS_FILE) continue;
    const bytes = readFileSync(path);
    const name = relative(join(REPO, '..'), path);
    if (path.endsWith('.json') && path.includes(`${join('test', 'fixtures')}/`)) {
      try {
        const sources = [];
        embeddedSources(JSON.parse(bytes.toString('utf8')), sources);
        sources.forEach((s, i) => corpus.push({ name: `${name}#${i}`, bytes: Buffer.from(s, 'utf8') }));
        if (sources.length > 0) continue;
      } catch {
        // not JSON after all: keep the bytes
      }
    }
    corpus.push({ name, bytes });
  }
  // Python sources are what matters most: weight them by listing them again.
  const python = corpus.filter((c) => c.name.endsWith('.py') || c.name.includes('#'));
  return { all: corpus, python, lines: linesOf(python) };
}

function linesOf(files) {
  const lines = [];
  for (const f of files) {
    for (const line of f.bytes.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
  }
  return lines;
}

// ------------------------------------------------------------------ dictionaries

export const TOKENS = [
  'def', 'return', 'if', 'elif', 'else', 'for', 'in', 'while', 'break', 'continue', 'pass', 'try', 'except', 'finally',
  'raise', 'assert', 'import', 'from', 'as', 'lambda', 'not', 'and', 'or', 'is', 'None', 'True', 'False', 'del', 'global',
  'nonlocal', 'class', 'yield', 'async', 'await', 'with', 'match', 'case', 'print', 'len', 'range', 'enumerate', 'zip',
  'sorted', 'reversed', 'min', 'max', 'sum', 'any', 'all', 'abs', 'round', 'divmod', 'pow', 'chr', 'ord', 'repr', 'str',
  'int', 'float', 'bool', 'list', 'dict', 'tuple', 'isinstance', 'callable', 'eval', 'exec', 'open', 'getattr', 'type',
  '__class__', '__import__', '_', '_x', 'printed', 'gi_frame', 'workflow', 'tool', 'push', 'pull_request', 'issue_comment',
  'manual', 'schedule', 'ctx', 'ctx.run', 'ctx.parallel', 'ctx.event', 'ctx.agent', 'ctx.env', 'cache_key', 'hash_files',
  'plue', 'plue.prompts', 'plue.tools', 'depends_on', 'image', 'triggers', 'name', 'cmd', '(', ')', '[', ']', '{', '}',
  ':', ',', '.', ';', '=', '==', '!=', '<', '>', '<=', '>=', '+', '-', '*', '**', '/', '//', '%', '@', '&', '|', '^', '~',
  '<<', '>>', '+=', '-=', '*=', ':=', '->', '...', '\\', '#', '"', "'", '"""', "'''", 'f"', "f'", 'r"', 'b"', 'rb"',
  'f"{', '}"', '{x!r}', '{x:>10}', '{{', '}}', '0', '1', '-1', '0x7fffffffffffffff', '9223372036854775807',
  '9223372036854775808', '1e309', '1_000', '0b1', '0o7', '1j', '.5', '1.', 'x', 'y', 'xs', 'f', 'g', 'a', 'b',
  'ValueError', 'Exception', 'KeyError', '\n', '\n', '\n', '    ', '\t', ' ',
];

/** Numbers at and around every boundary that matters (64-bit ints, floats). */
export const HUGE_NUMBERS = [
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '18446744073709551616', '1' + '0'.repeat(30), '9'.repeat(400), '9'.repeat(5000), '0x' + 'f'.repeat(40), '0b' + '1'.repeat(70),
  '0o' + '7'.repeat(30), '1e308', '1e309', '-1e309', '2.2250738585072014e-308', '5e-324', '1e-400', '1.7976931348623157e308',
  '0.1e' + '9'.repeat(20), '1_' + '0_'.repeat(30) + '0', '2 ** 63', '2 ** 64', '2 ** 10 ** 8', '10 ** 10 ** 10',
  '(-2) ** 63', '-(2 ** 63)', '2 ** 62 * 2', '9223372036854775807 + 1', '-9223372036854775808 // -1',
  '-9223372036854775808 % -1', 'abs(-9223372036854775807 - 1)', '1 << 63', '1 << 64', '1 << 10 ** 9', '"x" * 10 ** 9',
  '[0] * 10 ** 8', 'range(10 ** 18)', 'float("inf")', 'float("nan")', 'int("9" * 5000)', '1 / 0', '1 // 0', '0 ** -1',
  'round(1e308, -400)', 'round(1.5, 400)', 'divmod(-9223372036854775808, -1)', 'pow(2, 63, 0)', 'pow(2, -1, 7)',
];

/** Letters whose NFKC form is ASCII (fullwidth, mathematical, ligatures...), for identifiers that must be normalised. */
const NFKC_VARIANTS = {
  a: ['ａ', '𝐚', '𝑎', '𝒂', 'ª'], b: ['ｂ', '𝐛'], c: ['ｃ', '𝐜', 'ⅽ'], d: ['ｄ', '𝐝', 'ⅾ'], e: ['ｅ', '𝐞', 'ℯ'],
  f: ['ｆ', '𝐟'], g: ['ｇ', 'ℊ'], h: ['ｈ', 'ℎ'], i: ['ｉ', 'ⅰ', 'ℹ'], l: ['ｌ', 'ℓ', 'ⅼ'], m: ['ｍ', 'ⅿ'],
  n: ['ｎ', 'ⁿ'], o: ['ｏ', 'ℴ', 'º'], p: ['ｐ'], r: ['ｒ'], s: ['ｓ', 'ſ'], t: ['ｔ'], u: ['ｕ'], v: ['ｖ', 'ⅴ'],
  x: ['ｘ', 'ⅹ'], _: ['＿', '︳', '︴', '﹍', '﹎', '﹏'], fi: ['ﬁ'], fl: ['ﬂ'], E: ['Ｅ', 'ℰ'], K: ['K', 'Ｋ'],
};

const WEIRD_CHARS = [
  '\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2028',
  '\u2029', '\u200b', '\u200c', '\u200d', '\u202e', '\u2066', '\ufeff', '\ufffd', '\uffff', '\u0301', '\u0338', '\u00e9',
  'e\u0301', 'ß', 'ẞ', 'İ', 'ı', 'ǅ', 'ﬀ', '名前', '値', 'ñ', 'Ω', '℮', '😀', '👩‍💻', '𝔘', '\u{10ffff}', '\u{e0041}', 'ऄ',
  '\u0660', '\u0663', '١٢٣', '²', '½', '⁰',
];

/** Byte sequences that are not valid UTF-8, including UTF-8-encoded surrogates (CESU-8, WTF-8). */
const INVALID_UTF8 = [
  [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xc2], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xe2, 0x82], [0xed, 0xa0, 0x80],
  [0xed, 0xaf, 0xbf], [0xed, 0xb0, 0x80], [0xed, 0xbf, 0xbf], [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], [0xf0, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe], [0xff], [0xff, 0xfe], [0xfe, 0xff],
  [0xf0, 0x9f, 0x98], [0xc3, 0x28],
];

const INTERESTING_BYTES = [0, 9, 10, 11, 12, 13, 32, 34, 35, 39, 40, 41, 58, 61, 64, 91, 92, 93, 95, 123, 125, 0x7f, 0x80, 0xc3, 0xe2, 0xef, 0xf0, 0xff];

// ------------------------------------------------------------------ helpers

const utf8 = (s) => Buffer.from(s, 'utf8');

function lineStartsOf(bytes) {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) starts.push(i + 1);
    else if (bytes[i] === 13 && bytes[i + 1] !== 10) starts.push(i + 1);
  }
  return starts;
}

function splitLines(bytes) {
  const starts = lineStartsOf(bytes);
  const lines = [];
  for (let k = 0; k < starts.length; k++) lines.push(bytes.subarray(starts[k], k + 1 < starts.length ? starts[k + 1] : bytes.length));
  return lines;
}

function insertAt(bytes, at, piece) {
  return Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]);
}

function replaceRange(bytes, from, to, piece) {
  return Buffer.concat([bytes.subarray(0, from), piece, bytes.subarray(to)]);
}

/** A position at a line start, biased to existing lines. */
function lineStartPos(rng, bytes) {
  const starts = lineStartsOf(bytes);
  return rng.pick(starts);
}

/** The indentation of the line containing `at`. */
function indentAt(bytes, at) {
  let s = at;
  while (s > 0 && bytes[s - 1] !== 10 && bytes[s - 1] !== 13) s--;
  let e = s;
  while (e < bytes.length && (bytes[e] === 32 || bytes[e] === 9)) e++;
  return bytes.subarray(s, e);
}

// ------------------------------------------------------------------ structured pieces

/** An expression nested `depth` deep in one of the shapes the nesting limit counts. */
export function nestedExpression(rng, depth) {
  const kind = rng.int(14);
  switch (kind) {
    case 0: return '('.repeat(depth) + '1' + ')'.repeat(depth);
    case 1: return '['.repeat(depth) + ']'.repeat(depth);
    case 2: return '{"k": '.repeat(depth) + '1' + '}'.repeat(depth);
    case 3: return '1' + '+1'.repeat(depth);
    case 4: return '-'.repeat(depth) + '1';
    case 5: return 'x' + '.a'.repeat(depth);
    case 6: return 'f('.repeat(depth) + ')'.repeat(depth);
    case 7: return 'not '.repeat(depth) + 'x';
    case 8: return 'lambda: '.repeat(depth) + '1';
    case 9: return '1 if x else '.repeat(depth) + '0';
    case 10: return 'x' + '[0]'.repeat(depth);
    case 11: return 'f"{'.repeat(Math.min(depth, 30)) + 'x' + '}"'.repeat(Math.min(depth, 30));
    case 12: {
      // mixed brackets
      let open = '';
      let close = '';
      for (let i = 0; i < depth; i++) {
        const [o, c] = rng.pick([['(', ')'], ['[', ']'], ['{', '}'], ['f(', ')'], ['(-', ')'], ['[x for x in ', ']']]);
        open += o;
        close = c + close;
      }
      return open + '1' + close;
    }
    default: return '[x ' + 'for x in y '.repeat(depth) + ']';
  }
}

/** Statements nested `depth` blocks deep. */
function nestedBlocks(rng, depth) {
  const heads = ['if x:', 'for i in y:', 'while x:', 'def f():', 'try:', 'else:', 'with x:'];
  const tab = rng.pick(['    ', ' ', '\t', '  ']);
  let out = '';
  for (let i = 0; i < depth; i++) out += tab.repeat(i) + rng.pick(heads) + '\n';
  out += tab.repeat(depth) + 'pass\n';
  if (rng.chance(0.3)) out += tab.repeat(Math.max(0, depth - 1)) + 'except Exception:\n' + tab.repeat(depth) + 'pass\n';
  return out;
}

function longLine(rng) {
  const n = rng.pick([1000, 10_000, 65_535, 65_536, 100_000, 300_000]);
  const shapes = [
    () => `x = "${'a'.repeat(n)}"`,
    () => `x = ${'1 + '.repeat(n / 4)}1`,
    () => `x = [${'1, '.repeat(n / 3)}]`,
    () => `# ${'#'.repeat(n)}`,
    () => `x = ${'x'.repeat(n)}`,
    () => `${'    '.repeat(n / 4)}pass`,
    () => `x = "${'\\x41'.repeat(n / 4)}"`,
    () => `x = f"${'{1}'.repeat(n / 3)}"`,
    () => `x = ${'"a" '.repeat(n / 4)}`,
    () => `x = {${Array.from({ length: Math.min(n / 8, 20_000) }, (_, i) => `"k${i}": ${i}`).join(', ')}}`,
    () => `${'😀'.repeat(n / 4)}`,
  ];
  return rng.pick(shapes)();
}

function unicodeIdentifier(rng, base) {
  let out = '';
  for (const ch of base) {
    const variants = NFKC_VARIANTS[ch];
    out += variants && rng.chance(0.6) ? rng.pick(variants) : ch;
  }
  if (rng.chance(0.2)) out += rng.pick(WEIRD_CHARS);
  return out;
}

function stringLiteral(rng) {
  const bodies = [
    '\\N{LATIN SMALL LETTER A}', '\\N{NOT A NAME}', '\\N{', '\\x4', '\\xzz', '\\u12', '\\U0010ffff', '\\U00110000', '\\ud800',
    '\\udc00', '\\ud83d\\ude00', '\\777', '\\0', '\\', '{', '}', '{{', '}}', '{x!z}', '{x:{y:{z}}}', '{x=}', '{"a"}', '{x!r:>{w}}',
    '\n', '\r', '\u2028', 'é', '😀', '\\\n',
  ];
  const prefix = rng.pick(['', 'r', 'b', 'f', 'rf', 'fr', 'u', 'br', 'F', 'R', 'Rb', 'bf', 'ur']);
  const quote = rng.pick(['"', "'", '"""', "'''"]);
  let body = '';
  for (let i = rng.range(1, 4); i > 0; i--) body += rng.pick(bodies);
  return prefix + quote + body + (rng.chance(0.85) ? quote : '');
}

// ------------------------------------------------------------------ mutators

const MUTATORS = [
  // bit flip
  [6, (rng, b) => {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    const n = rng.range(1, 4);
    for (let k = 0; k < n; k++) {
      const i = rng.int(out.length);
      out[i] ^= 1 << rng.int(8);
    }
    return out;
  }],
  // byte insertion
  [6, (rng, b) => insertAt(b, rng.int(b.length + 1), Buffer.from(Array.from({ length: rng.range(1, 4) }, () => (rng.chance(0.6) ? rng.pick(INTERESTING_BYTES) : rng.int(256)))))],
  // byte deletion
  [6, (rng, b) => {
    if (b.length === 0) return b;
    const at = rng.int(b.length);
    return replaceRange(b, at, Math.min(b.length, at + rng.range(1, rng.chance(0.8) ? 4 : 200)), Buffer.alloc(0));
  }],
  // truncation at a boundary of some kind
  [6, (rng, b) => {
    if (b.length === 0) return b;
    const kind = rng.int(6);
    let at = rng.int(b.length + 1);
    if (kind === 1) at = lineStartPos(rng, b);
    else if (kind === 2) {
      // just after an opening bracket, a colon, a quote or a backslash
      const opens = [];
      for (let i = 0; i < b.length; i++) if ([40, 91, 123, 58, 34, 39, 92, 44, 61].includes(b[i])) opens.push(i + 1);
      if (opens.length) at = rng.pick(opens);
    } else if (kind === 3) {
      // inside a multi-byte UTF-8 sequence
      const mid = [];
      for (let i = 0; i < b.length; i++) if (b[i] >= 0x80 && b[i] < 0xc0) mid.push(i);
      if (mid.length) at = rng.pick(mid);
    } else if (kind === 4) at = Math.max(0, b.length - rng.range(1, 3));
    else if (kind === 5) {
      // just before a line end (drops the final newline)
      const ends = [];
      for (let i = 0; i < b.length; i++) if (b[i] === 10 || b[i] === 13) ends.push(i);
      if (ends.length) at = rng.pick(ends);
    }
    return b.subarray(0, at);
  }],
  // duplicate / delete / swap lines
  [6, (rng, b) => {
    const lines = splitLines(b);
    if (lines.length === 0) return b;
    const i = rng.int(lines.length);
    const op = rng.int(4);
    if (op === 0) lines.splice(i, 0, ...Array(rng.range(1, rng.chance(0.1) ? 2000 : 3)).fill(lines[i]));
    else if (op === 1) lines.splice(i, rng.range(1, 3));
    else if (op === 2) {
      const j = rng.int(lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    } else {
      const j = Math.min(lines.length, i + rng.range(1, 10));
      lines.splice(j, 0, ...lines.slice(i, j));
    }
    return Buffer.concat(lines);
  }],
  // invalid UTF-8 and UTF-8-encoded surrogates
  [4, (rng, b) => insertAt(b, rng.int(b.length + 1), Buffer.from(rng.pick(INVALID_UTF8)))],
  // BOMs (at the start, twice, in the middle)
  [2, (rng, b) => {
    const bom = Buffer.from(rng.pick([[0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]]));
    return insertAt(b, rng.chance(0.7) ? 0 : rng.int(b.length + 1), bom);
  }],
  // NUL bytes
  [2, (rng, b) => insertAt(b, rng.int(b.length + 1), Buffer.from([0]))],
  // mixed line endings
  [4, (rng, b) => {
    const text = b.toString('latin1');
    const mode = rng.int(4);
    const replaced = text.replace(/\r\n|\r|\n/g, () => (mode === 0 ? '\r\n' : mode === 1 ? '\r' : rng.pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n'])));
    return Buffer.from(replaced, 'latin1');
  }],
  // tabs and spaces in indentation
  [4, (rng, b) => {
    const text = b.toString('latin1');
    const mode = rng.int(4);
    return Buffer.from(
      text.replace(/^[ \t]+/gm, (ws) => {
        if (!rng.chance(mode === 0 ? 1 : 0.2)) return ws;
        if (mode === 1) return ws.replace(/ {8}/g, '\t');
        if (mode === 2) return ws.replace(/\t/g, '    ');
        return ws.replace(/ {4}/, rng.pick(['\t', '   ', '     ', ' \t', '\t ', '\f', '\u000c    ']));
      }),
      'latin1',
    );
  }],
  // very long line
  [2, (rng, b) => insertAt(b, lineStartPos(rng, b), utf8(`${longLine(rng)}\n`))],
  // nesting near the limit
  [4, (rng, b) => {
    const depth = rng.chance(0.8) ? rng.range(190, 210) : rng.pick([1, 50, 99, 100, 101, 199, 200, 201, 202, 400, 1000, 5000, 50_000]);
    const at = lineStartPos(rng, b);
    const piece = rng.chance(0.75) ? `${indentAt(b, at).toString('latin1')}x = ${nestedExpression(rng, depth)}\n` : nestedBlocks(rng, Math.min(depth, 300));
    return insertAt(b, at, utf8(piece));
  }],
  // huge numbers: replace a number or insert an assignment
  [4, (rng, b) => {
    const text = b.toString('utf8');
    const numbers = [...text.matchAll(/\b\d+(\.\d+)?\b/g)];
    const huge = rng.pick(HUGE_NUMBERS);
    if (numbers.length && rng.chance(0.6)) {
      const m = rng.pick(numbers);
      return utf8(text.slice(0, m.index) + huge + text.slice(m.index + m[0].length));
    }
    const at = lineStartPos(rng, b);
    return insertAt(b, at, utf8(`${indentAt(b, at).toString('latin1')}${rng.pick(['x', 'n', 'print(', 'y = str('])} = ${huge}\n`.replace('( =', '(').replace('( = ', '(')));
  }],
  // unicode identifiers (NFKC variants of names, weird characters inside names)
  [4, (rng, b) => {
    const text = b.toString('utf8');
    const names = [...text.matchAll(/\b[A-Za-z_][A-Za-z0-9_]*\b/g)];
    if (names.length && rng.chance(0.7)) {
      const m = rng.pick(names);
      return utf8(text.slice(0, m.index) + unicodeIdentifier(rng, m[0]) + text.slice(m.index + m[0].length));
    }
    const at = lineStartPos(rng, b);
    const name = unicodeIdentifier(rng, rng.pick(['eval', 'exec', '_x', '__class__', 'print', 'printed', 'x', 'workflow', 'fi', 'open']));
    return insertAt(b, at, utf8(`${indentAt(b, at).toString('latin1')}${name} = ${rng.chance(0.5) ? name : '1'}\n`));
  }],
  // a weird character anywhere
  [3, (rng, b) => insertAt(b, rng.int(b.length + 1), utf8(rng.pick(WEIRD_CHARS)))],
  // a token from the dictionary
  [8, (rng, b) => {
    let at = rng.int(b.length + 1);
    // prefer a position that is not inside a UTF-8 sequence
    while (at < b.length && b[at] >= 0x80 && b[at] < 0xc0) at++;
    const tok = rng.pick(TOKENS);
    return insertAt(b, at, utf8(rng.chance(0.5) ? ` ${tok} ` : tok));
  }],
  // a line from another corpus file
  [6, (rng, b, corpus) => {
    const at = lineStartPos(rng, b);
    return insertAt(b, at, utf8(`${rng.pick(corpus.lines)}\n`));
  }],
  // a string literal with odd escapes, prefixes, f-string fields
  [4, (rng, b) => {
    const text = b.toString('utf8');
    const strings = [...text.matchAll(/"[^"\n]*"|'[^'\n]*'/g)];
    const lit = stringLiteral(rng);
    if (strings.length && rng.chance(0.6)) {
      const m = rng.pick(strings);
      return utf8(text.slice(0, m.index) + lit + text.slice(m.index + m[0].length));
    }
    const at = lineStartPos(rng, b);
    return insertAt(b, at, utf8(`${indentAt(b, at).toString('latin1')}x = ${lit}\n`));
  }],
  // splice with another file at a random point
  [3, (rng, b, corpus) => {
    const other = rng.pick(corpus.python).bytes;
    const cut = rng.chance(0.5) ? lineStartPos(rng, b) : rng.int(b.length + 1);
    const from = rng.chance(0.5) ? lineStartPos(rng, other) : rng.int(other.length + 1);
    return Buffer.concat([b.subarray(0, cut), other.subarray(from)]);
  }],
  // indent or dedent a block of lines
  [3, (rng, b) => {
    const lines = splitLines(b);
    if (!lines.length) return b;
    const i = rng.int(lines.length);
    const j = Math.min(lines.length, i + rng.range(1, 8));
    const pad = utf8(rng.pick(['    ', ' ', '\t', '        ']));
    for (let k = i; k < j; k++) {
      if (rng.chance(0.5)) lines[k] = Buffer.concat([pad, lines[k]]);
      else {
        let s = 0;
        while (s < Math.min(4, lines[k].length) && (lines[k][s] === 32 || lines[k][s] === 9)) s++;
        lines[k] = lines[k].subarray(s);
      }
    }
    return Buffer.concat(lines);
  }],
  // repeat a chunk many times (grows toward the size limit)
  [1, (rng, b) => {
    if (b.length === 0) return b;
    const at = rng.int(b.length);
    const chunk = b.subarray(at, Math.min(b.length, at + rng.range(1, 64)));
    const times = rng.pick([2, 10, 100, 1000, 20_000]);
    const piece = Buffer.alloc(Math.min(chunk.length * times, 1_100_000));
    for (let o = 0; o < piece.length; o += chunk.length) chunk.copy(piece, o);
    return insertAt(b, at, piece);
  }],
];

const MUTATOR_WEIGHTS = MUTATORS.map(([w]) => w);

export function mutate(rng, bytes, corpus) {
  return Buffer.from(MUTATORS[rng.weighted(MUTATOR_WEIGHTS)][1](rng, Buffer.from(bytes), corpus));
}

// ------------------------------------------------------------------ generators

function randomBytes(rng) {
  const n = rng.small(12);
  const out = Buffer.alloc(n);
  const printable = rng.chance(0.6);
  for (let i = 0; i < n; i++) out[i] = printable && rng.chance(0.95) ? rng.pick([9, 10, 10, 13, ...Array.from({ length: 95 }, (_, k) => 32 + k)]) : rng.int(256);
  return out;
}

function tokenSoup(rng, corpus) {
  const parts = [];
  const n = rng.range(1, 200);
  for (let i = 0; i < n; i++) {
    const r = rng.int(10);
    if (r < 6) parts.push(rng.pick(TOKENS));
    else if (r < 8) parts.push(`\n${rng.pick(corpus.lines)}\n`);
    else if (r < 9) parts.push(rng.pick(HUGE_NUMBERS));
    else parts.push(stringLiteral(rng));
    if (rng.chance(0.7)) parts.push(' ');
  }
  return utf8(parts.join(''));
}

function bomb(rng, corpus) {
  const base = rng.pick(corpus.python).bytes;
  let out = Buffer.from(base);
  const k = rng.range(1, 3);
  for (let i = 0; i < k; i++) {
    const at = lineStartPos(rng, out);
    const depth = rng.range(185, 215);
    const choice = rng.int(4);
    const piece =
      choice === 0 ? `x = ${nestedExpression(rng, depth)}\n` :
        choice === 1 ? nestedBlocks(rng, rng.range(90, 210)) :
          choice === 2 ? `${longLine(rng)}\n` :
            `x = ${rng.pick(HUGE_NUMBERS)}\n`;
    out = insertAt(out, at, utf8(piece));
  }
  return out;
}

/** The fuzz input number `index` of `seed`: { bytes, how } (how: a short description of the generator). */
export function inputAt(corpus, seed, index) {
  const rng = new Rng(`pipeline:${seed}:${index}`);
  const kind = rng.weighted([5, 10, 58, 12, 15]);
  let bytes;
  let how;
  if (kind === 0) {
    bytes = randomBytes(rng);
    how = 'random-bytes';
  } else if (kind === 1) {
    bytes = tokenSoup(rng, corpus);
    how = 'token-soup';
  } else if (kind === 2) {
    const base = rng.chance(0.85) ? rng.pick(corpus.python) : rng.pick(corpus.all);
    bytes = base.bytes;
    how = `mutate ${base.name}`;
  } else if (kind === 3) {
    const a = rng.pick(corpus.python).bytes;
    const b = rng.pick(corpus.python).bytes;
    const ca = rng.chance(0.5) ? lineStartPos(rng, a) : rng.int(a.length + 1);
    const cb = rng.chance(0.5) ? lineStartPos(rng, b) : rng.int(b.length + 1);
    bytes = Buffer.concat([a.subarray(0, ca), b.subarray(cb)]);
    how = 'splice';
  } else {
    bytes = bomb(rng, corpus);
    how = 'bomb';
  }
  const rounds = kind === 2 ? 1 + rng.small(4) : rng.small(2);
  for (let r = 0; r < rounds; r++) bytes = mutate(rng, bytes, corpus);
  if (bytes.length > 1_200_000) bytes = bytes.subarray(0, rng.range(1_000_000, 1_200_000));
  return { bytes, how: `${how} +${rounds}` };
}

/** Limits for input `index`: mostly the defaults, sometimes small ones so every limit gets hit. */
export function limitsAt(seed, index) {
  const rng = new Rng(`limits:${seed}:${index}`);
  if (!rng.chance(0.15)) return undefined;
  const limits = {};
  if (rng.chance(0.5)) limits.maxEvalSteps = rng.pick([1, 10, 100, 1000, 100_000]);
  if (rng.chance(0.3)) limits.maxMemoryBytes = rng.pick([1, 100, 10_000, 1_000_000]);
  if (rng.chance(0.3)) limits.maxCallDepth = rng.pick([1, 2, 5, 50]);
  if (rng.chance(0.3)) limits.maxStepsPerWorkflow = rng.pick([0, 1, 2, 10]);
  if (rng.chance(0.3)) limits.maxOutputBytes = rng.pick([1, 10, 100, 10_000]);
  if (rng.chance(0.3)) limits.maxSourceBytes = rng.pick([0, 1, 10, 100, 1000]);
  if (rng.chance(0.3)) limits.maxNestingDepth = rng.pick([1, 2, 5, 20]);
  return limits;
}
