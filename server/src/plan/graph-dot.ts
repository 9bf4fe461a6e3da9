// The Graphviz (DOT) form of a plan graph: a `digraph` with one box per step,
// one `cluster_<id>` subgraph per parallel group (nested as the groups are),
// and one edge per dependency. An edge that ends at a group is drawn to (or
// from) the group's first step and clipped at the cluster's border
// (`compound=true` with `lhead`/`ltail`). Every identifier and label is a
// quoted DOT string, escaped.

import type { GraphGroup, GraphNode, PlanGraph } from './plan-graph';

/** `s` as a quoted DOT string: backslashes and double quotes escaped (a backslash would otherwise start a label escape such as `\N`). */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A label of several lines: each line escaped, joined by DOT's centred line break `\n`. */
function dotLabel(lines: readonly string[]): string {
  return `"${lines.map((l) => dotString(l).slice(1, -1)).join('\\n')}"`;
}

const FILL: Readonly<Record<string, string>> = {
  shell: '#e8f0fe',
  llm: '#f3e8fd',
  agent: '#f3e8fd',
  action: '#e6f4ea',
  parallel: '#fef7e0',
};

export function renderDot(graph: PlanGraph): string {
  const nodes = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]));
  const groups = new Map<string, GraphGroup>(graph.groups.map((g) => [g.id, g]));
  // The node an edge to or from a group is attached to: its first member, down to a step.
  const firstNode = (id: string): string => {
    let at = id;
    for (let g = groups.get(at); g !== undefined; g = groups.get(at)) at = g.members[0];
    return at;
  };

  const lines = [
    `digraph ${dotString(graph.name)} {`,
    `  graph [label=${dotString(`${graph.kind} ${graph.name}`)}, labelloc=t, rankdir=TB, compound=true, fontname="Helvetica"];`,
    '  node [shape=box, style="rounded,filled", fillcolor="#f1f3f4", fontname="Helvetica", fontsize=11];',
    '  edge [color="#5f6368"];',
  ];
  const draw = (id: string, pad: string): void => {
    const group = groups.get(id);
    if (group !== undefined) {
      lines.push(`${pad}subgraph ${dotString(`cluster_${group.id}`)} {`);
      lines.push(`${pad}  graph [label=${dotString(group.label)}, style="rounded,dashed", color="#b06000"];`);
      for (const m of group.members) draw(m, `${pad}  `);
      lines.push(`${pad}}`);
      return;
    }
    const node = nodes.get(id);
    if (node === undefined) return;
    const fill = FILL[node.type];
    lines.push(`${pad}${dotString(node.id)} [label=${dotLabel(node.label)}${fill !== undefined ? `, fillcolor=${dotString(fill)}` : ''}];`);
  };
  for (const id of graph.roots) draw(id, '  ');
  for (const { from, to } of graph.edges) {
    const attributes: string[] = [];
    if (groups.has(from)) attributes.push(`ltail=${dotString(`cluster_${from}`)}`);
    if (groups.has(to)) attributes.push(`lhead=${dotString(`cluster_${to}`)}`);
    const tail = attributes.length ? ` [${attributes.join(', ')}]` : '';
    lines.push(`  ${dotString(firstNode(from))} -> ${dotString(firstNode(to))}${tail};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
