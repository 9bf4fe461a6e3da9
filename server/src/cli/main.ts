// The `plue` command: dispatches to its subcommands, turns usage errors into
// exit status 2 and keeps engine bugs from escaping as stack traces.

import { plueStubs, STUBS_HELP } from '../stubs/stubs-command';
import { UsageError } from './arguments';
import { GRAPH_HELP, workflowGraph } from './workflow-graph';
import { LINT_HELP, workflowLint } from './workflow-lint';
import { LIST_HELP, workflowList } from './workflow-list';
import { PLAN_HELP, workflowPlan } from './workflow-plan';

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const MAIN_HELP = `Usage: plue <command> [options]

Commands:
  workflow plan [--json] [--event FILE] [--prompts DIR] [PATH ...]
                    evaluate workflow files into plans
  workflow lint [--format text|json|github|sarif] [PATH ...]
                    print diagnostics only (for CI)
  workflow list [PATH ...]
                    list the workflows and tools defined
  workflow graph NAME [--format mermaid|dot|json] [PATH ...]
                    draw one workflow's plan as a graph
  stubs [--prompts DIR] [--out DIR] [--workflows DIR]
                    write Python type stubs of plue for Pyright/Pylance
  lsp --stdio | --node-ipc | --socket=N
                    run the language server for any LSP editor

Run 'plue <command> --help' for a command's options.
`;

const WORKFLOW_HELP = `Usage: plue workflow <plan|lint|list|graph> [options] [PATH ...]

  plan    evaluate workflow files into plans (--json for the envelope)
  lint    print diagnostics only
  list    list the workflows and tools defined
  graph   draw one workflow's plan (Mermaid, Graphviz DOT or JSON)

Run 'plue workflow <subcommand> --help' for its options.
`;

// A reader that goes away (`plue ... | head`) is not an error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const processOutput: CliOutput = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');

async function dispatch(argv: readonly string[], out: CliOutput): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === undefined || ((command === '--help' || command === '-h') && argv.length === 1)) {
    out.stdout(MAIN_HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === 'lsp') {
    if (wantsHelp(argv)) return out.stdout('Usage: plue lsp --stdio | --node-ipc | --socket=N\n'), 0;
    if (!argv.slice(1).some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket='))) {
      throw new UsageError('lsp: choose a transport: --stdio, --node-ipc or --socket=N');
    }
    const { startServer } = await import('../lsp/server.js');
    await startServer();
    // The server runs until its client ends the process; the CLI never returns a status here.
    return new Promise<number>(() => undefined);
  }
  if (command === 'stubs') {
    if (wantsHelp(argv)) return out.stdout(STUBS_HELP), 0;
    return plueStubs(argv.slice(1), out);
  }
  if (command !== 'workflow') throw new UsageError(`unknown command '${command}' (commands: workflow, stubs, lsp)`);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    out.stdout(WORKFLOW_HELP);
    return sub === undefined ? 2 : 0;
  }
  switch (sub) {
    case 'plan':
      if (wantsHelp(rest)) return out.stdout(PLAN_HELP), 0;
      return workflowPlan(rest, out);
    case 'lint':
      if (wantsHelp(rest)) return out.stdout(LINT_HELP), 0;
      return workflowLint(rest, out);
    case 'list':
      if (wantsHelp(rest)) return out.stdout(LIST_HELP), 0;
      return workflowList(rest, out);
    case 'graph':
      if (wantsHelp(rest)) return out.stdout(GRAPH_HELP), 0;
      return workflowGraph(rest, out);
    default:
      throw new UsageError(`unknown subcommand 'workflow ${sub}' (subcommands: plan, lint, list, graph)`);
  }
}

/** Runs `plue` with `argv` (without the node and script paths); resolves to the exit status. */
export async function runCli(argv: readonly string[], out: CliOutput = processOutput): Promise<number> {
  try {
    return await dispatch(argv, out);
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`plue: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
