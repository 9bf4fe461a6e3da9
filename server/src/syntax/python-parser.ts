// Loads tree-sitter and the Python grammar from the wasm/ folder of this
// package (copied there by the build), once per process, and hands out parsers.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

/** The folder holding web-tree-sitter.wasm and tree-sitter-python.wasm. */
export function wasmDirectory(): string {
  // server/out/syntax -> package root /wasm
  const fromBuild = join(__dirname, '..', '..', '..', 'wasm');
  if (existsSync(join(fromBuild, 'tree-sitter-python.wasm'))) return fromBuild;
  throw new Error(`tree-sitter wasm files not found in ${fromBuild}; run \`npm run build\``);
}

let loading: Promise<Language> | null = null;

/** The Python language, loaded once. */
export function loadPythonLanguage(): Promise<Language> {
  if (!loading) {
    const dir = wasmDirectory();
    loading = Parser.init({ locateFile: (file: string) => join(dir, file) }).then(() =>
      Language.load(join(dir, 'tree-sitter-python.wasm')),
    );
  }
  return loading;
}

/** A fresh parser for Python; callers keep one per document store. */
export async function createPythonParser(): Promise<Parser> {
  const language = await loadPythonLanguage();
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
