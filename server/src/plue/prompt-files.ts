// Prompt files (.plue/prompts/*.prompt.md): their frontmatter, read with the
// small YAML subset the reference uses (top-level `key: value`, `- item`
// lists, and the field names of nested `inputs`/`output` mappings). A prompt
// is imported by its frontmatter `name`, or else by its file name.

export type FrontmatterValue = string | null | string[] | Record<string, string>;

export interface PromptFile {
  /** The name `from plue.prompts import NAME` uses. */
  readonly name: string;
  /** Path as it appears in plans: `.plue/prompts/<file>`. */
  readonly promptPath: string;
  readonly meta: Readonly<Record<string, FrontmatterValue>>;
}

export interface PromptProblem {
  readonly fileName: string;
  /** The file's path as diagnostics name it (the prompts directory joined with the file name). */
  readonly path: string;
  readonly message: string;
  /** 0-based row of the problem in the prompt file. */
  readonly row: number;
}

export class FrontmatterError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
  }
}

/** Parses the frontmatter block at the top of a prompt file. */
export function parseFrontmatter(text: string): Record<string, FrontmatterValue> {
  if (!text.startsWith('---')) throw new FrontmatterError('prompt file has no frontmatter: it must start with a --- line', 0);
  const end = text.indexOf('\n---', 3);
  if (end < 0) throw new FrontmatterError('prompt frontmatter is not closed: add a --- line after it', 0);
  // Null-prototype records: a hostile key such as __proto__ stays an ordinary key.
  const meta: Record<string, FrontmatterValue> = Object.create(null) as Record<string, FrontmatterValue>;
  const nestedIndent: Record<string, number> = Object.create(null) as Record<string, number>;
  let current: string | null = null;
  const rows = text.slice(3, end).split(/\r\n|\r|\n/);
  for (const raw of rows) {
    const line = raw.split(' #', 1)[0].trimEnd();
    if (!line.trim()) continue;
    if (!(raw.startsWith(' ') || raw.startsWith('\t') || raw.startsWith('-'))) {
      const colon = line.indexOf(':');
      const key = (colon < 0 ? line : line.slice(0, colon)).trim();
      const value = colon < 0 ? '' : line.slice(colon + 1).trim();
      current = key;
      meta[key] = value ? value : null;
      continue;
    }
    const item = line.trim();
    if (current === 'inputs' || current === 'output') {
      const indent = raw.length - raw.trimStart().length;
      const existing = meta[current];
      let fields: Record<string, string>;
      if (existing && typeof existing === 'object' && !Array.isArray(existing)) fields = existing;
      else {
        fields = Object.create(null) as Record<string, string>;
        meta[current] = fields;
        nestedIndent[current] = indent;
      }
      if (indent === nestedIndent[current] && !item.startsWith('- ')) {
        const colon = item.indexOf(':');
        const key = (colon < 0 ? item : item.slice(0, colon)).trim();
        fields[key] = colon < 0 ? '' : item.slice(colon + 1).trim();
      }
    } else if (item.startsWith('- ') && current !== null) {
      const existing = meta[current];
      const list = Array.isArray(existing) ? existing : [];
      list.push(item.slice(2).trim());
      meta[current] = list;
    }
  }
  return meta;
}

/** Reads prompt files (file name -> text, any order) into prompts by name, in file-name order; `dir` prefixes problem paths. */
export function loadPrompts(files: ReadonlyMap<string, string>, dir = '.plue/prompts'): { prompts: Map<string, PromptFile>; problems: PromptProblem[] } {
  const prompts = new Map<string, PromptFile>();
  const problems: PromptProblem[] = [];
  const names = [...files.keys()].filter((f) => f.endsWith('.prompt.md')).sort();
  for (const fileName of names) {
    try {
      const meta = parseFrontmatter(files.get(fileName) ?? '');
      const declared = meta['name'];
      const name = typeof declared === 'string' && declared ? declared : fileName.slice(0, -'.prompt.md'.length);
      prompts.set(name, { name, promptPath: `.plue/prompts/${fileName}`, meta });
    } catch (e) {
      if (!(e instanceof FrontmatterError)) throw e;
      problems.push({ fileName, path: `${dir.replace(/[\\/]+$/, '')}/${fileName}`, message: e.message, row: e.row });
    }
  }
  return { prompts, problems };
}
