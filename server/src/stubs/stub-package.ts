// The `plue` stub package as files: the static stubs shipped in the
// repository's stubs/ folder (plue/__init__.pyi, plue/tools.pyi and
// placeholder .py sources, so Pyright does not warn about stubs without a
// source) plus the generated plue/prompts.pyi; the __builtins__.pyi that goes
// beside workflow files (never at the package root, where Pyright would apply
// it to every file of the project); writing them.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PromptFile } from '../plue/prompt-files';
import { promptsStub } from './prompt-stubs';

/** The repository's stubs/ folder (this file runs from server/out/stubs/). */
export const STATIC_STUBS_DIR = join(__dirname, '..', '..', '..', 'stubs');

/** The static files, as paths relative to the output folder ('/'-separated). */
export const STATIC_STUB_FILES: readonly string[] = [
  'plue/__init__.py',
  'plue/__init__.pyi',
  'plue/prompts.py',
  'plue/tools.py',
  'plue/tools.pyi',
];
export const PROMPTS_STUB_FILE = 'plue/prompts.pyi';
export const BUILTINS_STUB_FILE = '__builtins__.pyi';

/** Every file of the package (relative path -> text), in a fixed order. */
export function stubPackageFiles(prompts: ReadonlyMap<string, PromptFile>, staticDir = STATIC_STUBS_DIR): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of STATIC_STUB_FILES) files.set(rel, readFileSync(join(staticDir, ...rel.split('/')), 'utf8'));
  files.set(PROMPTS_STUB_FILE, promptsStub(prompts));
  return files;
}

/** The text of __builtins__.pyi: the names workflow files use without an import. */
export function builtinsStub(staticDir = STATIC_STUBS_DIR): string {
  return readFileSync(join(staticDir, BUILTINS_STUB_FILE), 'utf8');
}

/** `dir` and the folders below it that hold *.py files, sorted (Pyright reads a __builtins__.pyi beside a file only); none when `dir` is missing. */
export function workflowFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const folders = new Set<string>([dir]);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.py')) folders.add(entry.parentPath);
  }
  return [...folders].sort();
}

/** Writes the files under `outDir` (created as needed); a file whose text is already there is left untouched. Returns the paths written. */
export function writeStubFiles(outDir: string, files: ReadonlyMap<string, string>): string[] {
  const written: string[] = [];
  for (const [rel, text] of files) {
    const target = join(outDir, ...rel.split('/'));
    if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    written.push(target);
  }
  return written;
}
