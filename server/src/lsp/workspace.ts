// The workspace as the server sees it: its folders, which paths are workflow
// and prompt files, the envelope path of a file (relative to its folder, as
// the CLI run at the folder's root names it), the scan for `.plue/workflows`
// in every folder, and the prompt files of a `.plue` directory (open prompt
// documents win over the disk). Reads files; never executes anything.

import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { byteOrder } from '../cli/inputs';

const WORKFLOW_FILE = /(^|[\\/])\.plue[\\/]workflows[\\/](.*[\\/])?[^\\/]+\.py$/;
const PROMPT_FILE = /(^|[\\/])\.plue[\\/]prompts[\\/][^\\/]+\.prompt\.md$/;
/** Directories never entered when scanning for `.plue`. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', 'dist', 'build', 'out', 'target']);
/** Scan bounds: a huge or hostile tree cannot keep the server walking. */
const MAX_SCAN_DEPTH = 6;
const MAX_SCAN_DIRS = 20_000;
const MAX_WORKFLOW_FILES = 2_000;
/** A prompt file larger than this is not read (the engine's source limit applies to workflows). */
const MAX_PROMPT_BYTES = 1 << 20;

export function isWorkflowPath(fsPath: string): boolean {
  return WORKFLOW_FILE.test(fsPath);
}

export function isPromptPath(fsPath: string): boolean {
  return PROMPT_FILE.test(fsPath);
}

export function uriToPath(uri: string): string {
  return URI.parse(uri).fsPath;
}

export function pathToUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

/** The `.plue` directory a workflow or prompt file belongs to. */
export function plueDirOf(fsPath: string): string | null {
  const parts = fsPath.split(sep);
  const at = parts.lastIndexOf('.plue');
  return at >= 0 ? parts.slice(0, at + 1).join(sep) || sep : null;
}

export class Workspace {
  private folders: string[] = [];
  private readonly promptCache = new Map<string, Map<string, string>>();
  /** Prompt documents open in the editor: fsPath -> text. */
  private readonly openPrompts = new Map<string, string>();
  private promptGeneration = 0;

  setFolders(paths: readonly string[]): void {
    // Longest first, so nested folders claim their own files.
    this.folders = [...new Set(paths)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  }

  get folderPaths(): readonly string[] {
    return this.folders;
  }

  /** The folder that contains a file, else the directory holding its `.plue`. */
  rootOf(fsPath: string): string {
    for (const folder of this.folders) {
      const rel = relative(folder, fsPath);
      if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel)) return folder;
    }
    const plue = plueDirOf(fsPath);
    return plue ? dirname(plue) : dirname(fsPath);
  }

  /** The path the envelope names a file by: relative to its root, '/'-separated. */
  envelopePath(fsPath: string): string {
    return relative(this.rootOf(fsPath), fsPath).split(sep).join('/');
  }

  /** The prompts directory of a workflow file (absolute), and as diagnostics name it. */
  promptsDirOf(fsPath: string): { readonly abs: string; readonly shown: string } {
    const plue = plueDirOf(fsPath);
    const abs = join(plue ?? join(this.rootOf(fsPath), '.plue'), 'prompts');
    return { abs, shown: relative(this.rootOf(fsPath), abs).split(sep).join('/') };
  }

  /** Prompt file name -> text for a prompts directory: open documents, else the disk (cached until invalidated). */
  promptFiles(dirAbs: string): Map<string, string> {
    let files = this.promptCache.get(dirAbs);
    if (!files) {
      files = new Map();
      try {
        if (existsSync(dirAbs) && statSync(dirAbs).isDirectory()) {
          for (const name of readdirSync(dirAbs).sort()) {
            if (!name.endsWith('.prompt.md')) continue;
            const path = join(dirAbs, name);
            const stat = statSync(path);
            if (stat.isFile() && stat.size <= MAX_PROMPT_BYTES) files.set(name, readFileSync(path, 'utf8'));
          }
        }
      } catch {
        // An unreadable directory has no prompts.
      }
      this.promptCache.set(dirAbs, files);
    }
    const merged = new Map(files);
    for (const [path, text] of this.openPrompts) {
      if (dirname(path) === dirAbs) merged.set(path.slice(dirAbs.length + 1), text);
    }
    return new Map([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  setOpenPrompt(fsPath: string, text: string | null): void {
    if (text === null) this.openPrompts.delete(fsPath);
    else this.openPrompts.set(fsPath, text);
    this.promptGeneration++;
  }

  invalidatePrompts(): void {
    this.promptCache.clear();
    this.promptGeneration++;
  }

  /** Changes whenever any prompt text may have changed (for caches derived from promptFiles). */
  get promptsVersion(): number {
    return this.promptGeneration;
  }

  /** Every workflow file under the folders' `.plue/workflows` directories, in byte order of path. */
  scanWorkflows(): string[] {
    const found: string[] = [];
    let visited = 0;
    const walk = (dir: string, depth: number, inWorkflows: boolean): void => {
      if (visited++ > MAX_SCAN_DIRS || found.length >= MAX_WORKFLOW_FILES) return;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (inWorkflows) walk(path, depth + 1, true);
          else if (entry.name === '.plue') {
            const workflows = join(path, 'workflows');
            if (existsSync(workflows)) walk(workflows, depth + 1, true);
          } else if (depth < MAX_SCAN_DEPTH && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path, depth + 1, false);
        } else if (inWorkflows && entry.isFile() && entry.name.endsWith('.py') && found.length < MAX_WORKFLOW_FILES) {
          found.push(path);
        }
      }
    };
    for (const folder of this.folders) walk(folder, 0, false);
    return [...new Set(found)].sort(byteOrder);
  }
}
