// The Mermaid form of a plan graph: a `flowchart TD` with one node per step
// (declared inside the `subgraph` of its parallel group, nested as the groups
// are), then one `-->` edge per dependency (a group's id stands for the whole
// group), then a class per step type. Labels are quoted; the characters that
// would end the quote or start markup are written as Mermaid entity codes.

import type { GraphGroup, GraphNode, PlanGraph } from './plan-graph';

/** Words the flowchart grammar reserves: never used as a node id. */
const KEYWORDS = new Set(['end', 'subgraph', 'graph', 'flowchart', 'direction', 'style', 'classdef', 'class', 'click', 'linkstyle', 'call', 'href', 'callback', 'interpolate', 'default']);

/** A Mermaid node id for a step id: the id itself when it is a plain identifier, else `n_` and the hex of its UTF-8 bytes (distinct ids stay distinct). */
export function mermaidId(id: string): string {
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(id) && !KEYWORDS.has(id.toLowerCase()) && !id.startsWith('n_')) return id;
  return `n_${Buffer.from(id, 'utf8').toString('hex')}`;
}

/**
 * One label line for a quoted Mermaid label. Written as numeric entity codes
 * (`#34;`, which Mermaid turns into `&#34;`): `"` (ends the quote), `#` (starts
 * an entity code), `&` `<` `>` (HTML in the label), `` ` `` (a markdown
 * string) and `%` (`%%` starts a comment).
 */
export function mermaidText(s: string): string {
  return s.replace(/["#%&<>`]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** A quoted label of several lines (`<br/>` between them). */
function mermaidLabel(lines: readonly string[]): string {
  return `"${lines.map(mermaidText).join('<br/>')}"`;
}

const CLASSES: readonly (readonly [string, string])[] = [
  ['shell', 'fill:#e8f0fe,stroke:#1a73e8'],
  ['llm', 'fill:#f3e8fd,stroke:#9334e6'],
  ['agent', 'fill:#f3e8fd,stroke:#9334e6'],
  ['action', 'fill:#e6f4ea,stroke:#188038'],
  ['parallel', 'fill:#fef7e0,stroke:#b06000'],
];

export function renderMermaid(graph: PlanGraph): string {
  const nodes = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]));
  const groups = new Map<string, GraphGroup>(graph.groups.map((g) => [g.id, g]));
  const styled = new Map<string, string[]>();
  const lines = ['flowchart TD'];
  const draw = (id: string, pad: string): void => {
    const group = groups.get(id);
    if (group !== undefined) {
      lines.push(`${pad}subgraph ${mermaidId(group.id)}[${mermaidLabel([group.label])}]`);
      for (const m of group.members) draw(m, `${pad}  `);
      lines.push(`${pad}end`);
      return;
    }
    const node = nodes.get(id);
    if (node === undefined) return;
    lines.push(`${pad}${mermaidId(node.id)}[${mermaidLabel(node.label)}]`);
    const list = styled.get(node.type) ?? [];
    list.push(mermaidId(node.id));
    styled.set(node.type, list);
  };
  for (const id of graph.roots) draw(id, '  ');
  for (const { from, to } of graph.edges) lines.push(`  ${mermaidId(from)} --> ${mermaidId(to)}`);
  for (const [type, style] of CLASSES) {
    const ids = styled.get(type);
    if (ids === undefined) continue;
    lines.push(`  classDef ${type} ${style}`);
    lines.push(`  class ${ids.join(',')} ${type}`);
  }
  return `${lines.join('\n')}\n`;
}
