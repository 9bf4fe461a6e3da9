// The graph model of one plan (a workflow's or a tool's) for
// `plue workflow graph`: nodes are steps, edges are `depends_on` (dependency
// → dependent), groups are parallel steps with their members. The renderers
// (graph-mermaid.ts, graph-dot.ts, graph-json.ts) only draw this model.
//
// Rules (the same as the plan preview's, client/webview/preview.ts):
// - a parallel step that lists at least one step of the plan is a group; the
//   first parallel step listing a step owns it, and nothing contains itself
//   or an ancestor. A parallel step without members is an ordinary node.
// - edges: one per distinct (dependency, dependent) pair of `depends_on`, in
//   plan order of the dependent, then of `depends_on`; dependencies that name
//   no step of the plan, a step itself, or a step inside (or around) the
//   dependent's group are left out. An end may be a group's id.
// - labels: the step's name, then its type with a short detail (a shell
//   step's first command line, a prompt step's prompt file, an action's
//   name, "no steps" for an empty parallel step), each shortened to
//   LABEL_WIDTH characters; a group's label is the parallel step's name and
//   how many steps it holds, nested groups' included.

import type { PlanJson } from './json';

export interface GraphNode {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** Two lines: the name, then the type and its detail (`shell: npm test`). */
  readonly label: readonly [string, string];
  /** The id of the group that holds the node, or null. */
  readonly group: string | null;
}

export interface GraphEdge {
  /** The dependency (a node's or a group's id). */
  readonly from: string;
  /** The dependent. */
  readonly to: string;
}

export interface GraphGroup {
  readonly id: string;
  readonly label: string;
  /** The id of the group around this one, or null. */
  readonly parent: string | null;
  /** Ids of the nodes and groups directly inside, in the parallel step's order. */
  readonly members: readonly string[];
}

export interface PlanGraph {
  readonly kind: 'workflow' | 'tool';
  readonly name: string;
  /** In plan order. */
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** In plan order (a nested group comes before the group that holds it). */
  readonly groups: readonly GraphGroup[];
  /** Ids of the nodes and groups outside every group, in plan order: with the groups' members, the tree a renderer walks. */
  readonly roots: readonly string[];
}

/** The longest label line, in characters (code points), an ellipsis included. */
export const LABEL_WIDTH = 48;

interface Step {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly config: PlanJson | undefined;
  readonly dependsOn: readonly string[];
}

function field(value: PlanJson | undefined, key: string): PlanJson | undefined {
  return value instanceof Map ? value.get(key) : undefined;
}

function text(value: PlanJson | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function strings(value: PlanJson | undefined): string[] {
  return Array.isArray(value) ? value.map(text) : [];
}

/** `s` cut to `width` code points, the last one an ellipsis when cut; line breaks and other control characters become spaces. */
export function shorten(s: string, width = LABEL_WIDTH): string {
  // eslint-disable-next-line no-control-regex
  const points = Array.from(s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim());
  return points.length <= width ? points.join('') : `${points.slice(0, width - 1).join('').trimEnd()}…`;
}

function detail(step: Step): string {
  const config = step.config;
  switch (step.type) {
    case 'shell': {
      const first = text(field(config, 'cmd')).split('\n')[0].trim();
      return first === step.name ? '' : first;
    }
    case 'llm':
    case 'agent':
      return text(field(config, 'prompt_path'));
    case 'action': {
      const action = text(field(config, 'action'));
      return action === step.name ? '' : action;
    }
    case 'parallel':
      return 'no steps';
    default:
      return '';
  }
}

function readSteps(plan: PlanJson): Step[] {
  const steps = field(plan, 'steps');
  if (!Array.isArray(steps)) return [];
  const seen = new Set<string>();
  const out: Step[] = [];
  for (const s of steps) {
    const id = text(field(s, 'id'));
    if (id === '' || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, name: text(field(s, 'name')), type: text(field(s, 'type')), config: field(s, 'config'), dependsOn: strings(field(s, 'depends_on')) });
  }
  return out;
}

/** The graph of `plan` (a workflow's or a tool's plan JSON). */
export function planGraph(kind: 'workflow' | 'tool', plan: PlanJson): PlanGraph {
  const steps = readSteps(plan);
  const byId = new Map(steps.map((s) => [s.id, s]));

  const parentOf = new Map<string, string>();
  const isAncestor = (candidate: string, of: string): boolean => {
    for (let p: string | undefined = of; p !== undefined; p = parentOf.get(p)) if (p === candidate) return true;
    return false;
  };
  const members = new Map<string, string[]>();
  for (const s of steps) {
    if (s.type !== 'parallel') continue;
    for (const m of strings(field(s.config, 'step_ids'))) {
      if (!byId.has(m) || parentOf.has(m) || isAncestor(m, s.id)) continue;
      parentOf.set(m, s.id);
      const list = members.get(s.id) ?? [];
      list.push(m);
      members.set(s.id, list);
    }
  }
  const related = (a: string, b: string): boolean => isAncestor(a, b) || isAncestor(b, a);
  const stepsInside = (id: string): number => (members.get(id) ?? []).reduce((n, m) => n + (members.has(m) ? stepsInside(m) : 1), 0);

  const nodes: GraphNode[] = [];
  const groups: GraphGroup[] = [];
  const roots: string[] = [];
  for (const s of steps) {
    if (!parentOf.has(s.id)) roots.push(s.id);
    const inside = members.get(s.id);
    if (inside !== undefined) {
      const count = stepsInside(s.id);
      groups.push({ id: s.id, label: shorten(`${s.name} (${count} step${count === 1 ? '' : 's'})`), parent: parentOf.get(s.id) ?? null, members: inside });
      continue;
    }
    const more = detail(s);
    nodes.push({ id: s.id, name: s.name, type: s.type, label: [shorten(s.name), shorten(more ? `${s.type}: ${more}` : s.type)], group: parentOf.get(s.id) ?? null });
  }

  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const s of steps) {
    for (const dep of s.dependsOn) {
      const key = `${dep}\u0000${s.id}`;
      if (!byId.has(dep) || dep === s.id || seen.has(key) || related(dep, s.id)) continue;
      seen.add(key);
      edges.push({ from: dep, to: s.id });
    }
  }
  return { kind, name: text(field(plan, 'name')), nodes, edges, groups, roots };
}
