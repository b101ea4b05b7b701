import type { Point } from "./layout-graph.ts";

export const NODE_WIDTH = 236;
export const NODE_HEIGHT = 64;
export const RING_RADIUS = 20;
export const RING_WIDTH = 6;
export const EDGE_LABEL_WIDTH = 132;
export const EDGE_LABEL_HEIGHT = 18;

/** An SVG path through the points, the corners between segments rounded off. */
export function edgePathData(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (first === undefined) return "";
  const last = rest.pop();
  if (last === undefined) return `M${first.x},${first.y}`;
  let path = `M${first.x},${first.y}`;
  let previous = first;
  for (const [index, corner] of rest.entries()) {
    const next = rest[index + 1] ?? last;
    const end = midpoint(corner, next);
    path += ` Q${corner.x},${corner.y} ${end.x},${end.y}`;
    previous = end;
  }
  if (previous !== last) path += ` L${last.x},${last.y}`;
  return path;
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/** `text` cut to `max` characters with an ellipsis; the full text goes in a tooltip. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
