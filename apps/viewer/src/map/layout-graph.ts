import { type EdgeLabel, type GraphLabel, graphlib, layout, type NodeLabel } from "@dagrejs/dagre";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LayoutNodeInput {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutEdgeInput {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** Room to keep free for the edge's label, centred on the edge. */
  readonly labelWidth?: number;
  readonly labelHeight?: number;
}

export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
}

/** `x`, `y`: the top left corner. */
export interface NodeBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface EdgePath {
  /** From the border of the calling node to the border of the called one. */
  readonly points: readonly Point[];
  /** The centre of the label. */
  readonly label: Point;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, NodeBox>;
  readonly edges: ReadonlyMap<string, EdgePath>;
  /** Which nodes each edge joins, by edge id. */
  readonly ends?: ReadonlyMap<string, { readonly from: string; readonly to: string }>;
}

export const LAYOUT_MARGIN = 24;
/** Fits within the space dagre keeps between nodes of one rank. */
const SELF_LOOP_HEIGHT = 26;

/** Places the nodes left to right in call order; edges to unknown nodes are left out. */
export function layoutGraph(input: LayoutInput): GraphLayout {
  const graph = new graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  const loops = input.edges.some((edge) => edge.from === edge.to);
  graph.setGraph({
    rankdir: "LR",
    nodesep: 36,
    ranksep: 110,
    edgesep: 24,
    marginx: LAYOUT_MARGIN,
    marginy: LAYOUT_MARGIN + (loops ? SELF_LOOP_HEIGHT : 0),
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of input.nodes) {
    graph.setNode(node.id, { width: node.width, height: node.height });
  }
  const edges = input.edges.filter((edge) => graph.hasNode(edge.from) && graph.hasNode(edge.to));
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    graph.setEdge(
      edge.from,
      edge.to,
      { width: edge.labelWidth ?? 0, height: edge.labelHeight ?? 0, labelpos: "c" },
      edge.id,
    );
  }
  layout(graph);

  const nodes = new Map<string, NodeBox>();
  for (const node of input.nodes) {
    const placed = graph.node(node.id);
    const x = placed.x ?? 0;
    const y = placed.y ?? 0;
    nodes.set(node.id, {
      x: x - node.width / 2,
      y: y - node.height / 2,
      w: node.width,
      h: node.height,
    });
  }
  const paths = new Map<string, EdgePath>();
  const ends = new Map<string, { from: string; to: string }>();
  for (const edge of edges) {
    ends.set(edge.id, { from: edge.from, to: edge.to });
    const box = nodes.get(edge.from);
    if (edge.from === edge.to && box !== undefined) {
      paths.set(edge.id, selfLoop(box));
      continue;
    }
    const placed = graph.edge(edge.from, edge.to, edge.id);
    const points = (placed.points ?? []).map(({ x, y }) => ({ x, y }));
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    const label =
      typeof placed.x === "number" && typeof placed.y === "number"
        ? { x: placed.x, y: placed.y }
        : middle;
    paths.set(edge.id, { points, label });
  }
  const size = graph.graph();
  return { width: size.width ?? 0, height: size.height ?? 0, nodes, edges: paths, ends };
}

/** A service calling itself: a loop over the node's top edge, ending in the node. */
function selfLoop(box: NodeBox): EdgePath {
  const top = box.y - SELF_LOOP_HEIGHT;
  const left = box.x + box.w * 0.35;
  const right = box.x + box.w * 0.65;
  return {
    points: [
      { x: right, y: box.y },
      { x: right + 12, y: top },
      { x: left - 12, y: top },
      { x: left, y: box.y },
    ],
    label: { x: box.x + box.w / 2, y: top },
  };
}
