// One call that writes a `.plue` folder's stub package: reads the prompt
// files, generates the package and writes what changed. Used by `plue stubs`
// and, loaded at run time from server/out, by the VS Code extension.

import { readPrompts } from '../cli/inputs';
import type { PromptProblem } from '../plue/prompt-files';
import { stubPackageFiles, writeStubFiles } from './stub-package';

export interface GeneratedStubs {
  /** Files written (those whose text was already there are not). */
  readonly written: string[];
  /** How many prompts prompts.pyi has a function for (before identifier filtering). */
  readonly prompts: number;
  /** Prompt files left out because their frontmatter could not be read. */
  readonly problems: PromptProblem[];
}

export function generateStubs(promptsDir: string, outDir: string): GeneratedStubs {
  const loaded = readPrompts(promptsDir);
  const written = writeStubFiles(outDir, stubPackageFiles(loaded.prompts));
  return { written, prompts: loaded.prompts.size, problems: loaded.problems };
}
