// `plue stubs [--prompts DIR] [--out DIR] [--workflows DIR]`: writes the
// `plue` stub package (static stubs plus plue/prompts.pyi generated from the
// prompt files) and __builtins__.pyi beside the workflow files, for Pyright
// and Pylance.

import { parseArguments, UsageError } from '../cli/arguments';
import type { CliOutput } from '../cli/main';
import { generateStubs } from './generate-stubs';

export const STUBS_HELP = `Usage: plue stubs [--prompts DIR] [--out DIR] [--workflows DIR]

Writes Python type stubs for Pyright and Pylance: the \`plue\` package
(plue/__init__.pyi, tools.pyi, and prompts.pyi generated from the prompt
files) into the --out folder, for extraPaths or stubPath, and
__builtins__.pyi (the names workflow files use without an import) into the
workflows folder and each folder below it with workflow files: Pyright
applies it to the files beside it only. Files already up to date are left
alone. See docs/editors.md.

Options:
  --prompts DIR     where .prompt.md files are (default: .plue/prompts)
  --out DIR         where to write the package (default: .plue/.stubs)
  --workflows DIR   where the workflow files are (default: .plue/workflows)
`;

export function plueStubs(argv: readonly string[], out: CliOutput): number {
  const args = parseArguments(argv, { valued: ['--prompts', '--out', '--workflows'], switches: [] }, 'stubs');
  if (args.positionals.length > 0) throw new UsageError(`stubs: unexpected argument '${args.positionals[0]}' (see 'plue stubs --help')`);
  const outDir = args.values.get('--out') ?? '.plue/.stubs';
  const workflowsDir = args.values.get('--workflows') ?? '.plue/workflows';
  const result = generateStubs(args.values.get('--prompts') ?? '.plue/prompts', outDir, workflowsDir);
  for (const problem of result.problems) out.stderr(`${problem.path}:${problem.row + 1}:1: warning: ${problem.message} (left out of prompts.pyi)\n`);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.stdout(`${outDir}: ${plural(result.prompts, 'prompt')}; __builtins__.pyi in ${plural(result.builtinsFolders.length, 'folder')} of ${workflowsDir}; ${plural(result.written.length, 'file')} written\n`);
  return 0;
}
