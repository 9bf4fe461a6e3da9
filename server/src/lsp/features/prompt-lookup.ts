// Prompts as the editor features need them: which names a workflow file
// imports from plue.prompts, which prompt file a name refers to (frontmatter
// `name`, else the file name, as the engine binds them), and the row of a
// frontmatter key in that file.

import { join } from 'node:path';
import { parseFrontmatter, type FrontmatterValue } from '../../plue/prompt-files';

export interface PromptEntry {
  readonly name: string;
  readonly fileName: string;
  readonly path: string;
  readonly text: string;
  readonly meta: Readonly<Record<string, FrontmatterValue>>;
}

const IMPORT_PROMPTS = /^[ \t]*from[ \t]+plue\.prompts[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)/gm;

/** Local name -> prompt name for every `from plue.prompts import ...` in a text. */
export function importedPrompts(text: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of text.matchAll(IMPORT_PROMPTS)) {
    for (const part of match[1].replace(/[()\\]/g, ' ').split(',')) {
      const words = part.trim().split(/\s+/).filter(Boolean);
      if (words.length === 1) names.set(words[0], words[0]);
      else if (words.length === 3 && words[1] === 'as') names.set(words[2], words[0]);
    }
  }
  return names;
}

/** The prompts of a directory (file name -> text), by the name they are imported as. */
export function promptEntries(dirAbs: string, files: ReadonlyMap<string, string>): Map<string, PromptEntry> {
  const entries = new Map<string, PromptEntry>();
  for (const [fileName, text] of files) {
    let meta: Record<string, FrontmatterValue>;
    try {
      meta = parseFrontmatter(text);
    } catch {
      continue;
    }
    const declared = meta['name'];
    const name = typeof declared === 'string' && declared ? declared : fileName.slice(0, -'.prompt.md'.length);
    if (!entries.has(name)) entries.set(name, { name, fileName, path: join(dirAbs, fileName), text, meta });
  }
  return entries;
}

/** The 0-based row of a top-level frontmatter key, or 0 when it is absent. */
export function frontmatterKeyRow(text: string, key: string): number {
  const lines = text.split(/\r\n|\r|\n/);
  for (let row = 1; row < lines.length && lines[row].trimEnd() !== '---'; row++) {
    if (new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`).test(lines[row])) return row;
  }
  return 0;
}
