import { describe, expect, it } from "vitest";
import { type GraphLayout, layoutGraph, type NodeBox, type Point } from "./layout-graph.ts";

const W = 200;
const H = 64;

function node(id: string) {
  return { id, width: W, height: H };
}

function box(layout: GraphLayout, id: string): NodeBox {
  const found = layout.nodes.get(id);
  if (found === undefined) throw new Error(`no box for ${id}`);
  return found;
}

function overlap(a: NodeBox, b: NodeBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Within a pixel of the box's border. */
function onBorder(point: Point, b: NodeBox): boolean {
  const inX = point.x >= b.x - 1 && point.x <= b.x + b.w + 1;
  const inY = point.y >= b.y - 1 && point.y <= b.y + b.h + 1;
  const nearX = Math.abs(point.x - b.x) <= 1 || Math.abs(point.x - (b.x + b.w)) <= 1;
  const nearY = Math.abs(point.y - b.y) <= 1 || Math.abs(point.y - (b.y + b.h)) <= 1;
  return inX && inY && (nearX || nearY);
}

describe("layoutGraph", () => {
  const fanOut = layoutGraph({
    nodes: ["gateway", "orders", "users", "db", "cache"].map(node),
    edges: [
      { id: "g-o", from: "gateway", to: "orders", labelWidth: 90, labelHeight: 18 },
      { id: "g-u", from: "gateway", to: "users", labelWidth: 90, labelHeight: 18 },
      { id: "o-db", from: "orders", to: "db" },
      { id: "u-db", from: "users", to: "db" },
      { id: "u-c", from: "users", to: "cache" },
    ],
  });

  it("places callers left of the services they call", () => {
    expect(box(fanOut, "gateway").x + W).toBeLessThan(box(fanOut, "orders").x);
    expect(box(fanOut, "gateway").x + W).toBeLessThan(box(fanOut, "users").x);
    expect(box(fanOut, "orders").x + W).toBeLessThan(box(fanOut, "db").x);
  });

  it("keeps every node at its size, inside the drawing, overlapping no other", () => {
    const boxes = [...fanOut.nodes.values()];
    for (const b of boxes) {
      expect([b.w, b.h]).toEqual([W, H]);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(fanOut.width);
      expect(b.y + b.h).toBeLessThanOrEqual(fanOut.height);
    }
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    }
  });

  it("runs each edge from the caller's border to the callee's border", () => {
    const edges = [
      ["g-o", "gateway", "orders"],
      ["u-db", "users", "db"],
      ["u-c", "users", "cache"],
    ] as const;
    for (const [id, from, to] of edges) {
      const path = fanOut.edges.get(id);
      const first = path?.points[0];
      const last = path?.points.at(-1);
      if (first === undefined || last === undefined) throw new Error(`edge ${id} has no points`);
      expect(onBorder(first, box(fanOut, from))).toBe(true);
      expect(onBorder(last, box(fanOut, to))).toBe(true);
    }
  });

  it("puts edge labels between the two nodes", () => {
    const label = fanOut.edges.get("g-o")?.label;
    expect(label?.x).toBeGreaterThan(box(fanOut, "gateway").x + W);
    expect(label?.x).toBeLessThan(box(fanOut, "orders").x);
  });

  it("draws a service calling itself as a loop above it, inside the drawing", () => {
    const layout = layoutGraph({
      nodes: [node("a")],
      edges: [{ id: "a-a", from: "a", to: "a" }],
    });
    const a = box(layout, "a");
    const points = layout.edges.get("a-a")?.points ?? [];
    expect(points.length).toBeGreaterThan(2);
    expect(onBorder(points[0] ?? { x: -1, y: -1 }, a)).toBe(true);
    expect(onBorder(points.at(-1) ?? { x: -1, y: -1 }, a)).toBe(true);
    for (const point of points) expect(point.y).toBeGreaterThanOrEqual(0);
  });

  it("leaves out edges to nodes it was not given", () => {
    const layout = layoutGraph({
      nodes: [node("a")],
      edges: [{ id: "a-x", from: "a", to: "x" }],
    });
    expect(layout.edges.has("a-x")).toBe(false);
    expect(layout.nodes.has("x")).toBe(false);
  });

  it("lays out an empty graph as nothing", () => {
    const layout = layoutGraph({ nodes: [], edges: [] });
    expect(layout.nodes.size).toBe(0);
    expect(layout.edges.size).toBe(0);
  });
});
