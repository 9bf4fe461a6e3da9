// Reading a file a workspace names (a workflow, a prompt, an event payload)
// without trusting what it is: a FIFO would block the reader forever and a
// device such as /dev/zero (directly or through a symlink) would be read until
// memory runs out. Only regular files are read, opened without blocking, and
// only up to a size bound.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export class NotARegularFile extends Error {
  constructor(readonly path: string) {
    super(`not a regular file: ${path}`);
  }
}

export class FileTooLarge extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`${path} is ${size} bytes, over ${maxBytes}`);
  }
}

/** The bytes of a regular file of at most `maxBytes`; throws NotARegularFile, FileTooLarge or the fs error. */
export function readRegularFile(path: string, maxBytes = Number.MAX_SAFE_INTEGER): Buffer {
  // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new NotARegularFile(path);
    if (stat.size > maxBytes) throw new FileTooLarge(path, stat.size, maxBytes);
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === bytes.length ? bytes : bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The UTF-8 text of a regular file, or null when it is not one, is too large or cannot be read. */
export function readRegularText(path: string, maxBytes?: number): string | null {
  try {
    return readRegularFile(path, maxBytes).toString('utf8');
  } catch {
    return null;
  }
}
