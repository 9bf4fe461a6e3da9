// `plue stubs [--prompts DIR] [--out DIR]`: writes the `plue` stub package
// (static stubs plus plue/prompts.pyi generated from the prompt files) for
// Pyright and Pylance.

import { parseArguments, UsageError } from '../cli/arguments';
import { readPrompts } from '../cli/inputs';
import type { CliOutput } from '../cli/main';
import { stubPackageFiles, writeStubFiles } from './stub-package';

export const STUBS_HELP = `Usage: plue stubs [--prompts DIR] [--out DIR]

Writes Python type stubs for Pyright and Pylance: the \`plue\` package
(DIR/plue/__init__.pyi, tools.pyi, and prompts.pyi generated from the prompt
files) and DIR/__builtins__.pyi, the names workflow files use without an
import. Point stubPath or extraPaths at DIR and copy __builtins__.pyi beside
the workflow files (see docs/editors.md).

Options:
  --prompts DIR   where .prompt.md files are (default: .plue/prompts)
  --out DIR       where to write the stubs (default: .plue/.stubs)
`;

export function plueStubs(argv: readonly string[], out: CliOutput): number {
  const args = parseArguments(argv, { valued: ['--prompts', '--out'], switches: [] }, 'stubs');
  if (args.positionals.length > 0) throw new UsageError(`stubs: unexpected argument '${args.positionals[0]}' (see 'plue stubs --help')`);
  const loaded = readPrompts(args.values.get('--prompts') ?? '.plue/prompts');
  for (const problem of loaded.problems) out.stderr(`${problem.path}:${problem.row + 1}:1: warning: ${problem.message} (left out of prompts.pyi)\n`);
  const outDir = args.values.get('--out') ?? '.plue/.stubs';
  const written = writeStubFiles(outDir, stubPackageFiles(loaded.prompts));
  out.stdout(`${outDir}: ${written.length} file${written.length === 1 ? '' : 's'} written, ${loaded.prompts.size} prompt${loaded.prompts.size === 1 ? '' : 's'}\n`);
  return 0;
}
