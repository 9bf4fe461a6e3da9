// The CLI as a child process, for the CLI test suites: run bin/plue in a
// directory, read its JSON envelope, and build temporary file trees.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PLUE = path.join(__dirname, '..', '..', 'bin', 'plue');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
}

export function plue(args: readonly string[], cwd: string): Run {
  const result = spawnSync(process.execPath, [PLUE, ...args], { cwd, encoding: 'buffer', timeout: 20000 });
  if (result.error) throw result.error;
  return {
    status: result.status,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
    stdoutBytes: result.stdout,
  };
}

export interface EnvelopeDiagnostic {
  kind: string;
  message: string;
  file: string;
  line: number;
  column: number;
}
export interface EnvelopeFile {
  path: string;
  content_hash: string;
  workflows: unknown[];
  tools: unknown[];
}
export interface Envelope {
  files: EnvelopeFile[];
  diagnostics: EnvelopeDiagnostic[];
}

export function envelopeOf(run: Run): Envelope {
  assert.ok(run.stdout.endsWith('\n'), 'stdout ends with a newline');
  return JSON.parse(run.stdout) as Envelope;
}

export const tempRoots: string[] = [];

/** A fresh temporary directory holding `files` (relative path -> content). */
export function makeTree(files: Readonly<Record<string, string | Uint8Array>>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plue-cli-'));
  tempRoots.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}
