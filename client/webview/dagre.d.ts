// The part of @dagrejs/dagre's browser build (dist/dagre.min.js, which defines
// the global `dagre`) that preview.ts uses, typed without `any`.

declare namespace dagre {
  interface Point {
    x: number;
    y: number;
  }

  interface GraphOptions {
    directed?: boolean;
    multigraph?: boolean;
    compound?: boolean;
  }

  interface GraphLabel {
    rankdir?: 'TB' | 'BT' | 'LR' | 'RL';
    align?: 'UL' | 'UR' | 'DL' | 'DR';
    nodesep?: number;
    edgesep?: number;
    ranksep?: number;
    marginx?: number;
    marginy?: number;
    ranker?: 'network-simplex' | 'tight-tree' | 'longest-path';
    /** Set by layout(). */
    width?: number;
    /** Set by layout(). */
    height?: number;
  }

  interface NodeLabel {
    width?: number;
    height?: number;
    /** Centre, set by layout(). */
    x?: number;
    /** Centre, set by layout(). */
    y?: number;
  }

  interface EdgeLabel {
    minlen?: number;
    weight?: number;
    /** Set by layout(): from the source's border to the target's border. */
    points?: Point[];
  }

  interface OrderConstraint {
    left: string;
    right: string;
  }

  interface LayoutOptions {
    /** Keep `left` before `right` within their layer. */
    constraints?: OrderConstraint[];
  }

  namespace graphlib {
    class Graph {
      constructor(options?: GraphOptions);
      setGraph(label: GraphLabel): this;
      graph(): GraphLabel;
      setDefaultEdgeLabel(make: () => EdgeLabel): this;
      setNode(name: string, label?: NodeLabel): this;
      hasNode(name: string): boolean;
      node(name: string): NodeLabel | undefined;
      setParent(name: string, parent?: string): this;
      setEdge(from: string, to: string, label?: EdgeLabel): this;
      hasEdge(from: string, to: string): boolean;
      edge(from: string, to: string): EdgeLabel | undefined;
    }
  }

  function layout(graph: graphlib.Graph, options?: LayoutOptions): void;
}
