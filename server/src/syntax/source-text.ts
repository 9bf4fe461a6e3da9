// Source bytes to checked text: UTF-8 validation, NUL bytes, the size limit,
// and the line table that maps UTF-16 offsets to rows and columns. Line breaks
// are "\n", "\r\n" and a lone "\r", as in CPython.

import type { Diagnostic, SourcePoint } from '../diag/diagnostic';
import { pointRange } from '../diag/diagnostic';

/**
 * Text as tree-sitter sees it, with the same length so every offset holds:
 * lone CRs become LFs (CPython ends a line there), and comment-only lines
 * become blank (tree-sitter-python parses a run of comment lines after a
 * statement in quadratic time — 8,000 of them took over 10 s — while blank
 * lines cost nothing; a comment-only line means nothing to the grammar).
 * Read node text from the original text when it matters.
 */
export function textForParser(text: string): string {
  const lines = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  return blankCommentLines(lines);
}

/**
 * Replaces each comment that is alone on its line (outside strings, and not
 * on a line continued by a backslash) with spaces. A light version of the
 * tokenizer: it tracks only strings, comments and line starts.
 */
function blankCommentLines(text: string): string {
  if (!text.includes('#')) return text;
  let out = '';
  let copied = 0;
  let atLineStart = true;
  let continued = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      atLineStart = !continued;
      continued = false;
      i++;
    } else if (c === 32 || c === 9 || c === 12 || c === 13) {
      i++;
    } else if (c === 35) {
      const end = lineEnd(text, i);
      if (atLineStart) {
        out += text.slice(copied, i) + ' '.repeat(end - i);
        copied = end;
      }
      i = end;
    } else if (c === 92) {
      // A backslash: a line continuation when a newline follows.
      atLineStart = false;
      continued = text.charCodeAt(i + 1) === 10 || (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10);
      i++;
    } else if (c === 34 || c === 39) {
      atLineStart = false;
      i = stringEnd(text, i);
    } else {
      atLineStart = false;
      continued = false;
      i++;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  const line = end < 0 ? text.length : end;
  // A CRLF's CR stays (the line break is the CRLF).
  return line > from && text.charCodeAt(line - 1) === 13 ? line - 1 : line;
}

/** Where the string literal opening at `start` ends: after its closing quote, or at the line end when a one-line string is left open. */
function stringEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const triple = text.charCodeAt(start + 1) === quote && text.charCodeAt(start + 2) === quote;
  let i = start + (triple ? 3 : 1);
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
      i++;
    } else if (c === 10 && !triple) return i;
    else i++;
  }
  return n;
}

/** Start offsets (UTF-16) of every line; a line ends at \n, \r\n or a lone \r. */
export class LineTable {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Row and UTF-16 column of an offset. */
  pointAt(offset: number): SourcePoint {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - starts[lo] };
  }

  /**
   * The offset of a point, clamped as LSP clients and vscode-languageserver-textdocument
   * clamp it: a row past the last is the end of the text, a negative row the start; a
   * column past the end of its line (or inside its line break) is the end of the line,
   * before the break. The language server's parsed copy of a document must follow the
   * same edits as its TextDocument.
   */
  offsetAt(point: SourcePoint): number {
    const starts = this.lineStarts;
    if (!(point.row >= 0)) return 0;
    if (point.row >= starts.length) return this.text.length;
    const row = Math.floor(point.row);
    const lineStart = starts[row];
    if (!(point.column > 0)) return lineStart;
    const next = row + 1 < starts.length ? starts[row + 1] : this.text.length;
    let offset = Math.min(lineStart + Math.floor(point.column), next);
    while (offset > lineStart && (this.text.charCodeAt(offset - 1) === 10 || this.text.charCodeAt(offset - 1) === 13)) offset--;
    return offset;
  }

  /** The text of a row without its line break. */
  lineText(row: number): string {
    const start = this.lineStarts[row] ?? this.text.length;
    let end = row + 1 < this.lineStarts.length ? this.lineStarts[row + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }

  /** 1-based column counted in code points (astral characters count once). */
  codePointColumn(point: SourcePoint): number {
    const line = this.lineText(point.row);
    let column = 1;
    for (let i = 0; i < point.column && i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) i++;
      column++;
    }
    return column;
  }
}

export interface DecodedSource {
  /** The decoded text, or null when the bytes cannot be a workflow source. */
  readonly text: string | null;
  readonly diagnostic: Diagnostic | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Counts line breaks in bytes before `end` (\n, \r\n, lone \r) and the column after the last one. */
function bytePosition(bytes: Uint8Array, end: number): { row: number; lineStart: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 10 || (b === 13 && bytes[i + 1] !== 10)) {
      row++;
      lineStart = i + 1;
    }
  }
  return { row, lineStart };
}

/** Index of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes workflow source bytes. Invalid UTF-8 (anywhere, comments included)
 * and NUL bytes are SyntaxErrors at their position; a file over the size limit
 * is a LimitError on line 1. Coding declarations are ignored: sources are UTF-8.
 */
export function decodeSource(bytes: Uint8Array, maxSourceBytes: number): DecodedSource {
  if (bytes.length > maxSourceBytes) {
    return {
      text: null,
      diagnostic: {
        kind: 'LimitError',
        message: `source is ${bytes.length} bytes, over the source size limit of ${maxSourceBytes} bytes`,
        range: pointRange(0, 0),
      },
    };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { row, lineStart } = bytePosition(bytes, bad);
    const column = utf8.decode(bytes.subarray(lineStart, bad)).length;
    const hex = bytes[bad].toString(16).padStart(2, '0');
    return {
      text: null,
      diagnostic: {
        kind: 'SyntaxError',
        message: `Non-UTF-8 code starting with '\\x${hex}' on line ${row + 1}; workflow files must be UTF-8`,
        range: pointRange(row, column),
      },
    };
  }
  const text = utf8.decode(bytes);
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const point = new LineTable(text).pointAt(nul);
    return {
      text: null,
      diagnostic: {
        kind: 'SyntaxError',
        message: 'source code cannot contain null bytes',
        range: pointRange(point.row, point.column),
      },
    };
  }
  return { text, diagnostic: null };
}
