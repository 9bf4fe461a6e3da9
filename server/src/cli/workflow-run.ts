// The part of `plue workflow plan` and `plue workflow lint` that is the same:
// parse flags, read inputs, run the engine once.

import type { Analysis, AnalyzeOptions } from '../engine';
import { createAnalyzer } from '../engine';
import { parseArguments, type FlagSpec, type ParsedArguments } from './arguments';
import { defaultPromptsDir, expandPaths, readEvent, readPrompts, readSources } from './inputs';

export const RUN_FLAGS: FlagSpec = { valued: ['--event', '--prompts'], switches: [] };

export interface WorkflowRun {
  readonly analysis: Analysis;
  readonly args: ParsedArguments;
}

export async function runWorkflows(argv: readonly string[], spec: FlagSpec, command: string): Promise<WorkflowRun> {
  const args = parseArguments(argv, spec, command);
  const paths = expandPaths(args.positionals);
  const event = args.values.has('--event') ? readEvent(args.values.get('--event') as string) : undefined;
  const promptsDir = args.values.get('--prompts') ?? defaultPromptsDir(paths);
  const { prompts, problems } = readPrompts(promptsDir);
  const options: AnalyzeOptions = { prompts, promptProblems: problems, ...(event !== undefined ? { event } : {}) };
  const analyzer = await createAnalyzer();
  return { analysis: analyzer.analyze(readSources(paths), options), args };
}
