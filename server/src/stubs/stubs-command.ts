// `plue stubs [--prompts DIR] [--out DIR]`: writes the `plue` stub package
// (static stubs plus plue/prompts.pyi generated from the prompt files) for
// Pyright and Pylance.

import { parseArguments, UsageError } from '../cli/arguments';
import type { CliOutput } from '../cli/main';
import { generateStubs } from './generate-stubs';

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
  const outDir = args.values.get('--out') ?? '.plue/.stubs';
  const { written, prompts, problems } = generateStubs(args.values.get('--prompts') ?? '.plue/prompts', outDir);
  for (const problem of problems) out.stderr(`${problem.path}:${problem.row + 1}:1: warning: ${problem.message} (left out of prompts.pyi)\n`);
  out.stdout(`${outDir}: ${written.length} file${written.length === 1 ? '' : 's'} written, ${prompts} prompt${prompts === 1 ? '' : 's'}\n`);
  return 0;
}
