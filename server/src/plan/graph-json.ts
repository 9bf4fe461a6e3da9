// The JSON form of a plan graph, for scripts (documented in `plue workflow
// graph --help`):
//
//   {"kind": "workflow" | "tool", "name": NAME,
//    "nodes":  [{"id", "name", "type", "label": [LINE, LINE], "group": ID | null}],
//    "edges":  [{"from": DEPENDENCY, "to": DEPENDENT}],
//    "groups": [{"id", "label", "parent": ID | null, "members": [ID, ...]}]}
//
// Keys in this order, two-space indentation, lists in plan order (see
// plan-graph.ts), so the same plan gives the same bytes.

import type { PlanGraph } from './plan-graph';

export function renderGraphJson(graph: PlanGraph): string {
  const shape = {
    kind: graph.kind,
    name: graph.name,
    nodes: graph.nodes.map((n) => ({ id: n.id, name: n.name, type: n.type, label: n.label, group: n.group })),
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to })),
    groups: graph.groups.map((g) => ({ id: g.id, label: g.label, parent: g.parent, members: g.members })),
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}
