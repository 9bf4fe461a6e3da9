// plue's version, as package.json (at the repository or extension root, beside
// server/out) gives it: the language server's serverInfo and the SARIF log's
// tool version.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function plueVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
