// `plue workflow graph NAME [--format mermaid|dot|json] [--event FILE]
// [--prompts DIR] [PATH ...]`: one workflow's (or tool's) plan drawn as a
// graph. Finding the plan and reporting problems is here; the graph model and
// its forms are in server/src/plan/ (plan-graph.ts, graph-*.ts).

import { suggestName } from '../check/did-you-mean';
import type { PlanJson } from '../plan/json';
import { renderDot } from '../plan/graph-dot';
import { renderGraphJson } from '../plan/graph-json';
import { renderMermaid } from '../plan/graph-mermaid';
import { planGraph, type PlanGraph } from '../plan/plan-graph';
import { parseArguments, UsageError, type FlagSpec } from './arguments';
import type { CliOutput } from './main';
import { writePrints, writeProblems } from './workflow-plan';
import { RUN_FLAGS, runWorkflows } from './workflow-run';

export const GRAPH_HELP = `Usage: plue workflow graph NAME [--format mermaid|dot|json] [--event FILE] [--prompts DIR] [PATH ...]

Draws the plan of the workflow NAME (or of the tool NAME, when no workflow
has that name) as a graph on stdout: a node per step (its name, then its
type and command, prompt or action, shortened), an edge from each dependency
to its dependent, and a group around the steps of each ctx.parallel. PATHs
as for 'plue workflow plan' (default .plue/workflows).

Options:
  --format FORMAT   mermaid (default): a Mermaid 'flowchart TD', parallel
                      groups as subgraphs
                    dot: a Graphviz digraph, parallel groups as clusters
                      (render with 'dot -Tsvg')
                    json: {"kind", "name", "nodes", "edges", "groups"}:
                      nodes  [{"id", "name", "type", "label": [line, line],
                               "group": id or null}]
                      edges  [{"from": dependency, "to": dependent}]
                      groups [{"id", "label", "parent": id or null,
                               "members": [id, ...]}]
                    An edge's end or a member may be a group's id (a
                    parallel step); every list is in plan order.
  --event FILE      the event payload (JSON) the plan is built for
  --prompts DIR     where .prompt.md files are
  -h, --help        show this help

When any file has errors, no graph is drawn: the diagnostics are printed on
stderr as 'plue workflow plan' prints them, and the exit status is 1.

Exit status: 0 with a graph, 1 with any error diagnostic, 2 on usage errors
(an unknown NAME among them).
`;

const FORMATS = ['mermaid', 'dot', 'json'] as const;
type Format = (typeof FORMATS)[number];

const RENDERERS: Readonly<Record<Format, (graph: PlanGraph) => string>> = {
  mermaid: renderMermaid,
  dot: renderDot,
  json: renderGraphJson,
};

const GRAPH_FLAGS: FlagSpec = { valued: [...RUN_FLAGS.valued, '--format'], switches: [] };

const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);

function planName(plan: PlanJson): string {
  const name = plan instanceof Map ? plan.get('name') : undefined;
  return typeof name === 'string' ? name : '';
}

export async function workflowGraph(argv: readonly string[], out: CliOutput): Promise<number> {
  const args = parseArguments(argv, GRAPH_FLAGS, 'workflow graph');
  const format = args.values.get('--format') ?? 'mermaid';
  if (!isFormat(format)) {
    const hint = suggestName(format, FORMATS);
    throw new UsageError(`workflow graph: unknown --format '${format}'${hint ? `; did you mean '${hint}'?` : ''} (one of ${FORMATS.join(', ')})`);
  }
  const [name, ...paths] = args.positionals;
  if (name === undefined) throw new UsageError("workflow graph: which workflow? (usage: plue workflow graph NAME [PATH ...]; 'plue workflow list' names them)");

  // The files are read and evaluated as `plue workflow plan` does; `--` keeps PATHs that start with '-' as paths.
  const runArgs: string[] = [];
  for (const flag of RUN_FLAGS.valued) {
    const value = args.values.get(flag);
    if (value !== undefined) runArgs.push(flag, value);
  }
  const { analysis } = await runWorkflows([...runArgs, '--', ...paths], RUN_FLAGS, 'workflow graph');
  writePrints(analysis, out);
  if (analysis.envelope.diagnostics.length > 0) return writeProblems(analysis, { stdout: out.stderr, stderr: out.stderr });

  const workflows = analysis.files.flatMap((f) => f.workflows);
  const tools = analysis.files.flatMap((f) => f.tools);
  const workflow = workflows.find((p) => planName(p) === name);
  const tool = workflow === undefined ? tools.find((p) => planName(p) === name) : undefined;
  if (workflow !== undefined) out.stdout(RENDERERS[format](planGraph('workflow', workflow)));
  else if (tool !== undefined) out.stdout(RENDERERS[format](planGraph('tool', tool)));
  else {
    const workflowNames = workflows.map(planName);
    const toolNames = tools.map(planName);
    const hint = suggestName(name, [...workflowNames, ...toolNames]);
    const found = workflowNames.length > 0 ? `workflows found: ${workflowNames.join(', ')}` : 'no workflows found';
    const toolsFound = toolNames.length > 0 ? `; tools: ${toolNames.join(', ')}` : '';
    throw new UsageError(`workflow graph: no workflow named '${name}'${hint ? `; did you mean '${hint}'?` : ''} (${found}${toolsFound})`);
  }
  return 0;
}
