// Command-line parsing for `plue`: flags with values, positional paths, and
// usage errors that say what was wrong and what was meant.

import { suggestName } from '../check/did-you-mean';

export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags that take a value (`--event FILE` or `--event=FILE`). */
  readonly valued: readonly string[];
  /** Flags without a value. */
  readonly switches: readonly string[];
}

export interface ParsedArguments {
  readonly values: Map<string, string>;
  readonly switches: Set<string>;
  readonly positionals: string[];
}

export function parseArguments(argv: readonly string[], spec: FlagSpec, command: string): ParsedArguments {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (spec.valued.includes(flag)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${command}: ${flag} needs a value`);
      values.set(flag, value);
    } else if (spec.switches.includes(flag) && eq < 0) {
      switches.add(flag);
    } else {
      const known = [...spec.valued, ...spec.switches];
      const hint = suggestName(flag, known);
      throw new UsageError(
        `${command}: unknown option '${flag}'${hint ? `; did you mean '${hint}'?` : ''} (see 'plue ${command} --help')`,
      );
    }
  }
  return { values, switches, positionals };
}
