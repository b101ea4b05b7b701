import {
  type EdgePath,
  type GraphLayout,
  LAYOUT_MARGIN,
  type NodeBox,
  type Point,
} from "./layout-graph.ts";

/** Space kept between a newly placed node and the nodes already drawn. */
const NEW_NODE_GAP = 36;

/**
 * `next` (a fresh layout of the grown graph) with every node that `previous` already drew
 * left where it was, so that a map updating live does not jump. A new node takes its place
 * from `next`, moved down past any node it would overlap. An edge whose two ends moved alike
 * keeps `next`'s route, shifted; others are drawn straight from border to border.
 */
export function keepPlaces(previous: GraphLayout | undefined, next: GraphLayout): GraphLayout {
  if (previous === undefined) return next;
  const nodes = new Map<string, NodeBox>();
  for (const [id, box] of next.nodes) {
    const kept = previous.nodes.get(id);
    if (kept !== undefined) nodes.set(id, { ...kept, w: box.w, h: box.h });
  }
  for (const [id, box] of next.nodes) {
    if (!nodes.has(id)) nodes.set(id, freePlace(box, [...nodes.values()]));
  }

  const edges = new Map<string, EdgePath>();
  for (const [id, path] of next.edges) {
    const ends = next.ends?.get(id);
    const fromId = ends?.from;
    const toId = ends?.to;
    const shiftFrom =
      fromId === undefined ? undefined : shift(next.nodes.get(fromId), nodes.get(fromId));
    const shiftTo = toId === undefined ? undefined : shift(next.nodes.get(toId), nodes.get(toId));
    if (shiftFrom !== undefined && shiftTo !== undefined && samePoint(shiftFrom, shiftTo)) {
      edges.set(id, movePath(path, shiftFrom));
      continue;
    }
    const from = fromId === undefined ? undefined : nodes.get(fromId);
    const to = toId === undefined ? undefined : nodes.get(toId);
    edges.set(id, from !== undefined && to !== undefined ? straightPath(from, to) : path);
  }

  let width = 0;
  let height = 0;
  for (const box of nodes.values()) {
    width = Math.max(width, box.x + box.w + LAYOUT_MARGIN);
    height = Math.max(height, box.y + box.h + LAYOUT_MARGIN);
  }
  return {
    width: Math.max(width, next.width),
    height: Math.max(height, next.height),
    nodes,
    edges,
    ...(next.ends === undefined ? {} : { ends: next.ends }),
  };
}

function shift(from: NodeBox | undefined, to: NodeBox | undefined): Point | undefined {
  if (from === undefined || to === undefined) return undefined;
  return { x: to.x - from.x, y: to.y - from.y };
}

function samePoint(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;
}

function movePath(path: EdgePath, by: Point): EdgePath {
  if (by.x === 0 && by.y === 0) return path;
  return {
    points: path.points.map((point) => ({ x: point.x + by.x, y: point.y + by.y })),
    label: { x: path.label.x + by.x, y: path.label.y + by.y },
  };
}

function overlaps(a: NodeBox, b: NodeBox, gap: number): boolean {
  return (
    a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap
  );
}

/** `box` moved down until it overlaps none of `placed` (kept `gap` apart). */
export function freePlace(box: NodeBox, placed: readonly NodeBox[], gap = NEW_NODE_GAP): NodeBox {
  let candidate = box;
  for (let tries = 0; tries <= placed.length; tries++) {
    const blocking = placed.filter((other) => overlaps(candidate, other, gap));
    if (blocking.length === 0) return candidate;
    const below = Math.max(...blocking.map((other) => other.y + other.h)) + gap;
    candidate = { ...candidate, y: below };
  }
  return candidate;
}

/** From the border of `from` to the border of `to`, on the line between their centres. */
export function straightPath(from: NodeBox, to: NodeBox): EdgePath {
  const a = centre(from);
  const b = centre(to);
  const start = borderPoint(from, b);
  const end = borderPoint(to, a);
  const middle = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  return { points: [start, middle, end], label: middle };
}

function centre(box: NodeBox): Point {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}

/** Where the ray from the box's centre towards `towards` leaves the box. */
function borderPoint(box: NodeBox, towards: Point): Point {
  const c = centre(box);
  const dx = towards.x - c.x;
  const dy = towards.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : box.w / 2 / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : box.h / 2 / Math.abs(dy),
  );
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}
