// A Python 3.11 tokenizer pass that makes the lexical checks tree-sitter does
// not: indentation (TabError, unexpected indent, unindent mismatch, missing
// indented block), string literals (unterminated, bytes with non-ASCII),
// number literals, line continuations, invalid characters, bracket matching
// and the bracket nesting limit. Messages are CPython's. One linear pass, no
// recursion; it stops at the first error, as CPython's tokenizer does.

import type { Diagnostic, DiagnosticKind, SourceRange } from '../diag/diagnostic';

export interface LexicalResult {
  /** The first lexical error, or null. */
  readonly error: Diagnostic | null;
}

interface OpenBracket {
  readonly char: string;
  readonly row: number;
  readonly column: number;
}

const STRING_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf']);
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const THREE_CHAR_OPS = new Set(['**=', '//=', '>>=', '<<=', '...']);
const TWO_CHAR_OPS = new Set([
  '!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<', '<=', '==', '>=', '>>', '@=', '^=', '|=',
]);
const ONE_CHAR_OPS = new Set(['%', '&', '*', '+', ',', '-', '.', '/', ':', ';', '<', '=', '>', '@', '^', '|', '~']);
const BLOCK_HEADER_NAMES: Record<string, string> = {
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  for: "'for' statement",
  while: "'while' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  with: "'with' statement",
  def: 'function definition',
  class: 'class definition',
  match: "'match' statement",
  case: "'case' statement",
};

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}]/u;
/** Unicode's Other_ID_Start and Other_ID_Continue code points, which Python identifiers also accept. */
const OTHER_ID_START = new Set([0x1885, 0x1886, 0x2118, 0x212e, 0x309b, 0x309c]);
const OTHER_ID_CONTINUE = new Set([0xb7, 0x387, 0x1369, 0x136a, 0x136b, 0x136c, 0x136d, 0x136e, 0x136f, 0x1370, 0x1371, 0x19da, 0x200c, 0x200d]);

function isIdStart(ch: string): boolean {
  return ID_START.test(ch) || OTHER_ID_START.has(ch.codePointAt(0) ?? 0);
}

function isIdContinue(ch: string): boolean {
  return isIdStart(ch) || ID_CONTINUE.test(ch) || OTHER_ID_CONTINUE.has(ch.codePointAt(0) ?? 0);
}

/** A character that may start an identifier (CPython 3.11 refuses a fullwidth "＿" here). */
function isIdentifierStart(ch: string): boolean {
  return isIdStart(ch);
}

function isIdentifierContinue(ch: string): boolean {
  return isIdContinue(ch) || isIdContinue(ch.normalize('NFKC').charAt(0));
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isAsciiIdentChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';
}

class LexicalError extends Error {
  constructor(
    readonly kind: DiagnosticKind,
    message: string,
    readonly range: SourceRange,
  ) {
    super(message);
  }
}

/** Scans `text` as CPython's tokenizer would and reports its first error. */
export function scanLexical(text: string, maxBracketDepth: number): LexicalResult {
  try {
    new Scanner(text, maxBracketDepth).run();
    return { error: null };
  } catch (e) {
    if (e instanceof LexicalError) return { error: { kind: e.kind, message: e.message, range: e.range } };
    throw e;
  }
}

class Scanner {
  private pos = 0;
  private row = 0;
  private lineStart = 0;
  private readonly indents = [0];
  private readonly altIndents = [0];
  private readonly brackets: OpenBracket[] = [];
  /** Set when the last logical line ended with ':' (a block must follow). */
  private pendingBlock: { header: string; row: number } | null = null;
  /** First name of the current logical line and the last token seen in it. */
  private lineHeader: string | null = null;
  private lineHeaderRow = 0;
  private lastToken: string | null = null;
  /** Where the last token of the last logical line ended (CPython's position for a block missing at end of file). */
  private headerEnd = { row: 0, column: 0 };

  constructor(
    private readonly text: string,
    private readonly maxBracketDepth: number,
  ) {}

  private col(offset = this.pos): number {
    return offset - this.lineStart;
  }

  private fail(message: string, row: number, column: number, endColumn = column + 1, kind: DiagnosticKind = 'SyntaxError'): never {
    throw new LexicalError(kind, message, { start: { row, column }, end: { row, column: endColumn } });
  }

  private failHere(message: string, offset = this.pos): never {
    return this.fail(message, this.row, this.col(offset));
  }

  /** Consumes a line break at pos if there is one; returns whether it did. */
  private newline(): boolean {
    const c = this.text.charCodeAt(this.pos);
    if (c === 10 || c === 13) {
      this.pos += c === 13 && this.text.charCodeAt(this.pos + 1) === 10 ? 2 : 1;
      this.row++;
      this.lineStart = this.pos;
      return true;
    }
    return false;
  }

  private atLineBreak(): boolean {
    const c = this.text.charCodeAt(this.pos);
    return c === 10 || c === 13;
  }

  run(): void {
    const text = this.text;
    if (text.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.lineStart = 1;
    }
    let atLineStart = true;
    while (true) {
      if (atLineStart) {
        atLineStart = false;
        if (!this.indentation()) {
          if (this.pos >= text.length) break;
          atLineStart = true;
          continue;
        }
      }
      this.skipBlanks();
      if (this.pos >= text.length) break;
      const c = text[this.pos];
      if (c === '#') {
        this.skipComment();
        continue;
      }
      if (this.atLineBreak()) {
        if (this.brackets.length === 0) this.endLogicalLine();
        this.newline();
        if (this.brackets.length === 0) atLineStart = true;
        continue;
      }
      if (c === '\\') {
        this.pos++;
        if (this.pos >= text.length) this.failHere('unexpected EOF while parsing');
        if (!this.newline()) this.failHere('unexpected character after line continuation character');
        if (this.pos >= text.length) this.failHere('unexpected EOF while parsing');
        continue;
      }
      this.token();
    }
    this.endOfInput();
  }

  /** Handles indentation at the start of a physical line. Returns false for a blank line (consumed). */
  private indentation(): boolean {
    const text = this.text;
    let col = 0;
    let altcol = 0;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === ' ') {
        col++;
        altcol++;
      } else if (c === '\t') {
        col = (Math.floor(col / 8) + 1) * 8;
        altcol++;
      } else if (c === '\f') {
        col = 0;
        altcol = 0;
      } else break;
      this.pos++;
    }
    if (this.pos >= text.length) return false;
    const c = text[this.pos];
    if (c === '#') {
      this.skipComment();
      this.newline();
      return false;
    }
    if (this.atLineBreak()) {
      this.newline();
      return false;
    }
    if (c === '\\') {
      // A continuation line at the start: CPython treats it as part of the logical line; keep it simple.
      return true;
    }
    const row = this.row;
    const column = this.col();
    const top = this.indents[this.indents.length - 1];
    const altTop = this.altIndents[this.altIndents.length - 1];
    const lineEnd = this.lineLength();
    if (col === top) {
      if (altcol !== altTop) this.fail('inconsistent use of tabs and spaces in indentation', row, 0);
      if (this.pendingBlock) this.missingBlock(row, column);
    } else if (col > top) {
      if (altcol <= altTop) this.fail('inconsistent use of tabs and spaces in indentation', row, 0);
      // CPython points at the last character of the indentation.
      if (!this.pendingBlock) this.fail('unexpected indent', row, Math.max(0, column - 1));
      this.indents.push(col);
      this.altIndents.push(altcol);
    } else {
      while (this.indents.length > 1 && col < this.indents[this.indents.length - 1]) {
        this.indents.pop();
        this.altIndents.pop();
      }
      if (col !== this.indents[this.indents.length - 1]) {
        // CPython points just past the end of the offending line.
        this.fail('unindent does not match any outer indentation level', row, lineEnd);
      }
      if (altcol !== this.altIndents[this.altIndents.length - 1]) {
        this.fail('inconsistent use of tabs and spaces in indentation', row, 0);
      }
      if (this.pendingBlock) this.missingBlock(row, column);
    }
    this.pendingBlock = null;
    this.lineHeader = null;
    this.lastToken = null;
    return true;
  }

  /** Length of the current physical line, in UTF-16 units, without its line break. */
  private lineLength(): number {
    let end = this.lineStart;
    while (end < this.text.length && this.text.charCodeAt(end) !== 10 && this.text.charCodeAt(end) !== 13) end++;
    return end - this.lineStart;
  }

  private missingBlock(row: number, column: number): never {
    const pending = this.pendingBlock;
    const what = pending ? BLOCK_HEADER_NAMES[pending.header] ?? 'statement' : 'statement';
    return this.fail(`expected an indented block after ${what} on line ${(pending?.row ?? row) + 1}`, row, column);
  }

  private endLogicalLine(): void {
    if (this.lastToken === ':' && this.lineHeader !== null && this.lineHeader in BLOCK_HEADER_NAMES) {
      this.pendingBlock = { header: this.lineHeader, row: this.lineHeaderRow };
      this.headerEnd = { row: this.row, column: this.col() };
    }
    this.lineHeader = null;
    this.lastToken = null;
  }

  private endOfInput(): void {
    if (this.brackets.length > 0) {
      const open = this.brackets[this.brackets.length - 1];
      this.fail(`'${open.char}' was never closed`, open.row, open.column);
    }
    this.endLogicalLine();
    if (this.pendingBlock) this.missingBlock(this.headerEnd.row, this.headerEnd.column);
  }

  private skipBlanks(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === ' ' || c === '\t' || c === '\f') this.pos++;
      else break;
    }
  }

  private skipComment(): void {
    const text = this.text;
    while (this.pos < text.length && !this.atLineBreak()) this.pos++;
  }

  private noteToken(token: string, isName = false): void {
    if (this.lastToken === null && this.lineHeader === null) {
      this.lineHeader = isName ? token : '';
      this.lineHeaderRow = this.row;
    } else if (isName && this.lastToken === 'async' && this.lineHeader === 'async') {
      // `async def` / `async for` / `async with` open the same blocks as without async.
      this.lineHeader = token;
    }
    this.lastToken = token;
  }

  private token(): void {
    const text = this.text;
    const start = this.pos;
    const c = text[start];
    const code = text.codePointAt(start) ?? 0;
    const ch = String.fromCodePoint(code);

    if (isAsciiIdentChar(c) && !isDigit(c)) {
      this.name();
      return;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[start + 1] ?? ''))) {
      this.number();
      this.noteToken('number');
      return;
    }
    if (c === '"' || c === "'") {
      this.string(start, '');
      this.noteToken('string');
      return;
    }
    if (c === '(' || c === '[' || c === '{') {
      if (this.brackets.length >= this.maxBracketDepth) {
        this.fail(
          `too many nested parentheses: more than ${this.maxBracketDepth} open brackets (parser nesting depth limit)`,
          this.row,
          this.col(),
          this.col() + 1,
          'LimitError',
        );
      }
      this.brackets.push({ char: c, row: this.row, column: this.col() });
      this.pos++;
      this.noteToken(c);
      return;
    }
    if (c === ')' || c === ']' || c === '}') {
      const open = this.brackets.pop();
      if (!open) this.failHere(`unmatched '${c}'`);
      if (open.char !== CLOSING[c]) {
        const where = open.row === this.row ? '' : ` on line ${open.row + 1}`;
        this.failHere(`closing parenthesis '${c}' does not match opening parenthesis '${open.char}'${where}`);
      }
      this.pos++;
      this.noteToken(c);
      return;
    }
    if (code > 0x7f) {
      if (isIdentifierStart(ch)) {
        this.name();
        return;
      }
      this.invalidCharacter(code);
    }
    const three = text.slice(start, start + 3);
    const two = text.slice(start, start + 2);
    if (THREE_CHAR_OPS.has(three) && three.length === 3) {
      this.pos += 3;
      this.noteToken(three);
      return;
    }
    if (two === '<>') this.failHere('invalid syntax');
    if (TWO_CHAR_OPS.has(two)) {
      this.pos += 2;
      this.noteToken(two);
      return;
    }
    if (ONE_CHAR_OPS.has(c)) {
      this.pos++;
      this.noteToken(c);
      return;
    }
    if (code < 0x20 || code === 0x7f) this.failHere(`invalid non-printable character U+${hex4(code)}`);
    // '$', '?', '!' and other ASCII punctuation CPython's tokenizer does not know.
    this.failHere('invalid syntax');
  }

  private invalidCharacter(code: number): never {
    const ch = String.fromCodePoint(code);
    const printable = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch) || code === 0x20;
    if (printable) this.failHere(`invalid character '${ch}' (U+${hex4(code)})`);
    return this.failHere(`invalid non-printable character U+${hex4(code)}`);
  }

  private name(): void {
    const text = this.text;
    const start = this.pos;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (isAsciiIdentChar(c)) {
        this.pos++;
        continue;
      }
      const code = text.codePointAt(this.pos) ?? 0;
      if (code > 0x7f) {
        const ch = String.fromCodePoint(code);
        // Format characters (zero-width joiners ...) are in newer Unicode's ID_Continue, not in CPython 3.11's.
        if (/\p{Cf}/u.test(ch)) this.invalidCharacter(code);
        if (isIdentifierContinue(ch)) {
          this.pos += ch.length;
          continue;
        }
        if (!/[\s]/u.test(ch) && !/[\p{P}\p{S}]/u.test(ch)) this.invalidCharacter(code);
      }
      break;
    }
    const word = text.slice(start, this.pos);
    const next = text[this.pos];
    if ((next === '"' || next === "'") && STRING_PREFIXES.has(word.toLowerCase())) {
      this.string(start, word.toLowerCase());
      this.noteToken('string');
      return;
    }
    this.noteToken(word, true);
  }

  private number(): void {
    const text = this.text;
    const start = this.pos;
    const c = text[start];
    const next = (text[start + 1] ?? '').toLowerCase();
    if (c === '0' && (next === 'x' || next === 'o' || next === 'b')) {
      this.pos += 2;
      const label = next === 'x' ? 'hexadecimal' : next === 'o' ? 'octal' : 'binary';
      const valid = next === 'x' ? /[0-9a-fA-F]/ : next === 'o' ? /[0-7]/ : /[01]/;
      let digits = 0;
      while (this.pos < text.length) {
        const d = text[this.pos];
        if (d === '_') {
          this.pos++;
          if (!valid.test(text[this.pos] ?? '')) this.failHere(`invalid ${label} literal`, this.pos - 1);
          continue;
        }
        if (valid.test(d)) {
          this.pos++;
          digits++;
          continue;
        }
        break;
      }
      const d = text[this.pos] ?? '';
      if (isDigit(d) && next !== 'x') this.failHere(`invalid digit '${d}' in ${label} literal`);
      if (digits === 0) this.failHere(`invalid ${label} literal`, this.pos - 1);
      this.verifyEndOfNumber(label);
      return;
    }
    const leadingZeros = c === '0';
    let nonZero = false;
    const digitsRun = (): void => {
      while (this.pos < text.length) {
        const d = text[this.pos];
        if (isDigit(d)) {
          if (d !== '0') nonZero = true;
          this.pos++;
        } else if (d === '_') {
          this.pos++;
          if (!isDigit(text[this.pos] ?? '')) this.failHere('invalid decimal literal', this.pos - 1);
        } else break;
      }
    };
    let isFloat = false;
    if (c !== '.') digitsRun();
    if (text[this.pos] === '.') {
      isFloat = true;
      this.pos++;
      if (isDigit(text[this.pos] ?? '')) digitsRun();
    }
    const e = text[this.pos];
    if (e === 'e' || e === 'E') {
      const save = this.pos;
      this.pos++;
      const signed = text[this.pos] === '+' || text[this.pos] === '-';
      if (signed) this.pos++;
      if (!isDigit(text[this.pos] ?? '')) {
        if (signed) this.failHere('invalid decimal literal', this.pos - 1);
        this.pos = save;
        this.failHere('invalid decimal literal', Math.max(start, save - 1));
      }
      isFloat = true;
      digitsRun();
    }
    if (text[this.pos] === 'j' || text[this.pos] === 'J') {
      this.pos++;
      isFloat = true;
    }
    if (!isFloat && leadingZeros && nonZero) {
      this.fail(
        'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
        this.row,
        this.col(start),
      );
    }
    this.verifyEndOfNumber('decimal', start);
  }

  /** CPython 3.11: a number directly followed by a name is an error unless it is a keyword. */
  private verifyEndOfNumber(label: string, start?: number): void {
    const text = this.text;
    const c = text[this.pos] ?? '';
    const code = text.codePointAt(this.pos) ?? 0;
    const startsName = isAsciiIdentChar(c) || (code > 0x7f && isIdentifierStart(String.fromCodePoint(code)));
    if (!startsName) return;
    for (const keyword of ['and', 'else', 'for', 'if', 'in', 'is', 'not', 'or']) {
      if (text.startsWith(keyword, this.pos)) return;
    }
    // CPython points at the number's last character (for decimals) or the first bad one.
    const at = label === 'decimal' && start !== undefined ? Math.max(start, this.pos - 1) : this.pos;
    this.failHere(`invalid ${label} literal`, at);
  }

  private string(start: number, prefix: string): void {
    const text = this.text;
    const startRow = this.row;
    const startCol = this.col(start);
    const quote = text[this.pos];
    const triple = text.startsWith(quote.repeat(3), this.pos);
    const isBytes = prefix.includes('b');
    this.pos += triple ? 3 : 1;
    while (true) {
      if (this.pos >= text.length) {
        const kind = triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal';
        // CPython's line counter does not move past a final line break.
        const detected = this.row > 0 && this.lineStart === this.pos ? this.row : this.row + 1;
        this.fail(`${kind} (detected at line ${detected})`, startRow, startCol);
      }
      const c = text[this.pos];
      if (c === '\\') {
        this.pos++;
        if (!this.newline() && this.pos < text.length) this.pos++;
        continue;
      }
      if (this.atLineBreak()) {
        if (!triple) {
          this.fail(`unterminated string literal (detected at line ${this.row + 1})`, startRow, startCol);
        }
        this.newline();
        continue;
      }
      if (c === quote && (!triple || text.startsWith(quote.repeat(3), this.pos))) {
        this.pos += triple ? 3 : 1;
        return;
      }
      if (isBytes && text.charCodeAt(this.pos) > 0x7f) {
        this.fail('bytes can only contain ASCII literal characters', startRow, startCol);
      }
      this.pos++;
    }
  }
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
