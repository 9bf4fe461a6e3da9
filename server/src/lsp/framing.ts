// A guard on the language server's input stream (--stdio): every message must
// be framed as the base protocol says (header lines `Name: value` ended by
// CRLF, a Content-Length of digits, an empty line, then exactly that many
// bytes). vscode-jsonrpc's reader, given a header it cannot read, reports an
// error and then stalls on it for good (every request after it goes
// unanswered while the process lives on), and it buffers whatever follows a
// huge Content-Length. A broken frame cannot be resynchronised reliably, so the
// server ends instead: one line on stderr, exit code 1, no stack trace; the
// client sees the exit (VS Code restarts the server). What a valid frame
// carries (invalid JSON, JSON that is not JSON-RPC) is the reader's business:
// it is logged and skipped, and the server goes on.

import { Transform, type TransformCallback } from 'node:stream';

/** The longest header block accepted. */
const MAX_HEADER_BYTES = 8 * 1024;
/** The largest message body accepted (a 1 MiB document as JSON with every character escaped stays well below). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const EMPTY = Buffer.alloc(0);

/** The body length a header block announces, or a description of what is wrong with it. */
export function checkHeader(block: string): number | string {
  let length: number | null = null;
  for (const line of block.split('\r\n')) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) return `a malformed message header line ${JSON.stringify(line.slice(0, 80))}`;
    if (m[1].toLowerCase() !== 'content-length') continue;
    if (!/^\d{1,12}$/.test(m[2])) return `a Content-Length that is not a length: ${JSON.stringify(m[2].slice(0, 40))}`;
    length = Number(m[2]);
    if (length > MAX_MESSAGE_BYTES) return `a Content-Length of ${length} bytes (the limit is ${MAX_MESSAGE_BYTES})`;
  }
  return length ?? 'a message header without Content-Length';
}

/** Passes well-framed input through unchanged; calls `onViolation` once, and passes nothing more, at the first broken frame. */
export class FramingGuard extends Transform {
  private header: Buffer = EMPTY;
  /** Body bytes still to pass through; -1 while a header is being read. */
  private bodyLeft = -1;
  private broken = false;

  constructor(private readonly onViolation: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0 && !this.broken) {
      if (this.bodyLeft >= 0) {
        const n = Math.min(this.bodyLeft, data.length);
        this.push(data.subarray(0, n));
        this.bodyLeft -= n;
        data = data.subarray(n);
        if (this.bodyLeft === 0) this.bodyLeft = -1;
        continue;
      }
      const joined = this.header.length > 0 ? Buffer.concat([this.header, data]) : data;
      const end = joined.indexOf('\r\n\r\n');
      if (end < 0) {
        if (joined.length > MAX_HEADER_BYTES) this.fail(`a message header longer than ${MAX_HEADER_BYTES} bytes`);
        this.header = joined;
        break;
      }
      const checked = checkHeader(joined.subarray(0, end).toString('latin1'));
      if (typeof checked === 'string') {
        this.fail(checked);
        break;
      }
      this.push(joined.subarray(0, end + 4));
      this.header = EMPTY;
      this.bodyLeft = checked === 0 ? -1 : checked;
      data = joined.subarray(end + 4);
    }
    done();
  }

  private fail(problem: string): void {
    this.broken = true;
    this.header = EMPTY;
    this.onViolation(problem);
  }
}
