// Pylance coexistence: for each `.plue` folder with workflow files, writes the
// `plue` stub package into `.plue/.stubs/` (with a `.gitignore` of its own)
// and `__builtins__.pyi` beside the workflow files, regenerates
// `plue/prompts.pyi` when a prompt file changes, and appends the stub folder
// to the workspace folder's `python.analysis.extraPaths` when it is missing
// there. Only when Pylance or the Python extension is installed at
// activation; `plue.pylance.stubs: false` turns all of it off. The generator
// is the server's (server/out/stubs), loaded at run time. See docs/editors.md.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ConfigurationTarget, extensions, Uri, workspace, type Disposable, type ExtensionContext } from 'vscode';

/** What server/out/stubs/generate-stubs.js exports (server/src/stubs/generate-stubs.ts). */
interface StubsModule {
  generateStubs(
    promptsDir: string,
    outDir: string,
    workflowsDir: string,
  ): { written: string[]; builtinsFolders: string[]; prompts: number; problems: { path: string; message: string }[] };
}

const STUBS_FOLDER = '.stubs';
const WORKFLOW_FILES = '**/.plue/workflows/**/*.py';
const PROMPT_FILES = '**/.plue/prompts/*.prompt.md';
/** Extensions that read `python.analysis.*` and the stubs: without one installed, nothing is written. */
const PYTHON_EXTENSIONS = ['ms-python.vscode-pylance', 'ms-python.python'];

/** The `.plue` folder a workflow or prompt file belongs to, or null. */
export function plueFolderOf(file: string): string | null {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('.plue');
  return at < 0 ? null : parts.slice(0, at + 1).join(path.sep);
}

/** `current` plus `entry` unless it is there already (as written, or with other slashes or a trailing one). */
export function withExtraPath(current: readonly string[], entry: string): string[] | null {
  const norm = (p: string): string => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return current.some((p) => norm(p) === norm(entry)) ? null : [...current, entry];
}

export class PylanceStubs implements Disposable {
  private readonly generator: StubsModule;
  private readonly disposables: Disposable[] = [];
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    context: ExtensionContext,
    private readonly log: (line: string) => void,
  ) {
    this.generator = createRequire(__filename)(context.asAbsolutePath(path.join('server', 'out', 'stubs', 'generate-stubs.js'))) as StubsModule;
  }

  /** Sets up every `.plue` folder with workflows now, then follows new workflow files and prompt changes. */
  async start(): Promise<void> {
    if (!workspace.getConfiguration('plue').get<boolean>('pylance.stubs', true)) return;
    // Without Pylance or the Python extension, nobody reads the stubs: leave the repository alone.
    if (!PYTHON_EXTENSIONS.some((id) => extensions.getExtension(id) !== undefined)) return;
    const prompts = workspace.createFileSystemWatcher(PROMPT_FILES);
    const workflows = workspace.createFileSystemWatcher(WORKFLOW_FILES, false, true, true);
    const refresh = (uri: Uri): void => this.schedule(uri);
    this.disposables.push(prompts, workflows, prompts.onDidChange(refresh), prompts.onDidCreate(refresh), prompts.onDidDelete(refresh), workflows.onDidCreate(refresh));
    const folders = new Set<string>();
    for (const uri of await workspace.findFiles(WORKFLOW_FILES, '**/node_modules/**')) {
      const folder = plueFolderOf(uri.fsPath);
      if (folder !== null) folders.add(folder);
    }
    for (const folder of [...folders].sort()) await this.setUp(folder);
  }

  /** Coalesces a burst of file events (a save, a checkout) into one regeneration per `.plue` folder. */
  private schedule(uri: Uri): void {
    const folder = plueFolderOf(uri.fsPath);
    if (folder === null) return;
    clearTimeout(this.pending.get(folder));
    this.pending.set(
      folder,
      setTimeout(() => {
        this.pending.delete(folder);
        void this.setUp(folder);
      }, 300),
    );
  }

  private async setUp(plueFolder: string): Promise<void> {
    try {
      const stubs = path.join(plueFolder, STUBS_FOLDER);
      const result = this.generator.generateStubs(path.join(plueFolder, 'prompts'), stubs, path.join(plueFolder, 'workflows'));
      for (const problem of result.problems) this.log(`[stubs] ${problem.path}: ${problem.message} (left out of prompts.pyi)`);
      writeIfChanged(path.join(stubs, '.gitignore'), '# Written by the Plue Workflows extension (plue stubs); not for version control.\n*\n');
      for (const file of result.written) this.log(`[stubs] wrote ${file}`);
      await this.addExtraPath(stubs);
    } catch (e) {
      this.log(`[stubs] could not write the Pylance stubs of ${plueFolder}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Appends the stub folder (relative to its workspace folder) to that folder's python.analysis.extraPaths when missing. */
  private async addExtraPath(stubs: string): Promise<void> {
    const folder = workspace.getWorkspaceFolder(Uri.file(stubs));
    if (!folder) return;
    const entry = path.relative(folder.uri.fsPath, stubs).split(path.sep).join('/');
    const config = workspace.getConfiguration('python.analysis', folder.uri);
    const inspected = config.inspect<string[]>('extraPaths');
    // The value in effect for this folder, so that entries from user or workspace settings are kept.
    const current = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue ?? inspected?.defaultValue ?? [];
    const next = withExtraPath(current, entry);
    if (next === null) return;
    await config.update('extraPaths', next, ConfigurationTarget.WorkspaceFolder);
    this.log(`[stubs] added '${entry}' to python.analysis.extraPaths of ${folder.name}`);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function writeIfChanged(file: string, text: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
