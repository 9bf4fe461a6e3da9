// What a CLI run reads from disk: workflow files from PATH arguments
// (directories walked recursively, in byte order of path), the event JSON and
// the prompts directory.

import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { SourceFile } from '../engine';
import { parseJson, type PlanJson } from '../plan/json';
import { loadPrompts, type PromptFile, type PromptProblem } from '../plue/prompt-files';
import { NotARegularFile, readRegularFile, readRegularText } from '../regular-file';
import { UsageError } from './arguments';

export const DEFAULT_WORKFLOWS_DIR = join('.plue', 'workflows');

/** Byte order of UTF-8 paths: the order the files of a directory are analysed in. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Every `*.py` below `dir`, recursively (directory symlinks are not followed). */
function walkPython(dir: string): string[] {
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.name.endsWith('.py') && isRegularFile(entry, full)) found.push(full);
    }
  }
  return found.sort(byteOrder);
}

/** Expands PATH arguments into workflow file paths, in the order the spec gives. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths.length > 0 ? paths : [DEFAULT_WORKFLOWS_DIR]) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
    if (isDir) out.push(...walkPython(path));
    else out.push(path);
  }
  return out;
}

/** A directory entry that is a regular file, or a symlink to one (FIFOs, devices and sockets are left out: reading them would block or never end). */
function isRegularFile(entry: Dirent, full: string): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(full).isFile();
  } catch {
    return false;
  }
}

export function readSources(paths: readonly string[]): SourceFile[] {
  return paths.map((path) => {
    try {
      return { path, bytes: readRegularFile(path) };
    } catch (e) {
      if (e instanceof NotARegularFile) throw new UsageError(`not a regular file: ${path}`);
      throw e;
    }
  });
}

export function readEvent(path: string): PlanJson {
  let text: string;
  try {
    text = readRegularFile(path).toString('utf8');
  } catch {
    throw new UsageError(`cannot read event file: ${path}`);
  }
  try {
    return parseJson(text);
  } catch (e) {
    throw new UsageError(`event file ${path} is not JSON: ${(e as Error).message}`);
  }
}

/** The `.plue/prompts` beside the workflows: next to the `.plue` folder that holds the first file, else under the current directory. */
export function defaultPromptsDir(files: readonly string[]): string {
  for (const file of files) {
    const parts = resolve(file).split(sep);
    const at = parts.lastIndexOf('.plue');
    if (at >= 0) return join(parts.slice(0, at + 1).join(sep) || sep, 'prompts');
  }
  return join('.plue', 'prompts');
}

export interface LoadedPrompts {
  readonly prompts: Map<string, PromptFile>;
  readonly problems: PromptProblem[];
  readonly dir: string;
}

export function readPrompts(dir: string): LoadedPrompts {
  const files = new Map<string, string>();
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.prompt.md')) continue;
      const text = readRegularText(join(dir, name));
      if (text !== null) files.set(name, text);
    }
  }
  const shown = isAbsolute(dir) && !relative(process.cwd(), dir).startsWith('..') ? relative(process.cwd(), dir) : dir;
  return { ...loadPrompts(files, shown), dir };
}

