// One call that writes a `.plue` folder's stubs: reads the prompt files,
// writes the package (what changed) and __builtins__.pyi beside the workflow
// files. Used by `plue stubs` and, loaded at run time from server/out, by the
// VS Code extension.

import { readPrompts } from '../cli/inputs';
import type { PromptProblem } from '../plue/prompt-files';
import { BUILTINS_STUB_FILE, builtinsStub, stubPackageFiles, workflowFolders, writeStubFiles } from './stub-package';

export interface GeneratedStubs {
  /** Files written (those whose text was already there are not). */
  readonly written: string[];
  /** The folders that have __builtins__.pyi (written now or already). */
  readonly builtinsFolders: string[];
  /** How many prompts prompts.pyi has a function for (before identifier filtering). */
  readonly prompts: number;
  /** Prompt files left out because their frontmatter could not be read. */
  readonly problems: PromptProblem[];
}

/** Writes the package into `outDir`, and __builtins__.pyi into `workflowsDir` and each folder below it with *.py files (if it exists). */
export function generateStubs(promptsDir: string, outDir: string, workflowsDir: string): GeneratedStubs {
  const loaded = readPrompts(promptsDir);
  const written = writeStubFiles(outDir, stubPackageFiles(loaded.prompts));
  const builtins = new Map([[BUILTINS_STUB_FILE, builtinsStub()]]);
  const builtinsFolders = workflowFolders(workflowsDir);
  for (const folder of builtinsFolders) written.push(...writeStubFiles(folder, builtins));
  return { written, builtinsFolders, prompts: loaded.prompts.size, problems: loaded.problems };
}
