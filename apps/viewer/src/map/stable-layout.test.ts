import { describe, expect, it } from "vitest";
import { type GraphLayout, type LayoutInput, layoutGraph, type NodeBox } from "./layout-graph.ts";
import { freePlace, keepPlaces, straightPath } from "./stable-layout.ts";

const W = 200;
const H = 64;

function input(nodes: string[], edges: [string, string][]): LayoutInput {
  return {
    nodes: nodes.map((id) => ({ id, width: W, height: H })),
    edges: edges.map(([from, to]) => ({ id: `${from}->${to}`, from, to })),
  };
}

function box(layout: GraphLayout, id: string): NodeBox {
  const found = layout.nodes.get(id);
  if (found === undefined) throw new Error(`no box for ${id}`);
  return found;
}

function overlap(a: NodeBox, b: NodeBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe("keepPlaces", () => {
  const before = layoutGraph(
    input(
      ["web", "orders", "db"],
      [
        ["web", "orders"],
        ["orders", "db"],
      ],
    ),
  );

  it("keeps every node already drawn where it was when services join", () => {
    const grown = input(
      ["web", "orders", "db", "users", "cache", "auth"],
      [
        ["web", "orders"],
        ["orders", "db"],
        ["web", "users"],
        ["users", "cache"],
        ["auth", "web"],
      ],
    );
    const after = keepPlaces(before, layoutGraph(grown));
    for (const id of ["web", "orders", "db"]) expect(box(after, id)).toEqual(box(before, id));
    const all = [...after.nodes.values()];
    for (const [i, a] of all.entries()) {
      for (const b of all.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    }
    expect(after.edges.size).toBe(5);
    for (const b of all) {
      expect(b.x + b.w).toBeLessThanOrEqual(after.width);
      expect(b.y + b.h).toBeLessThanOrEqual(after.height);
    }
  });

  it("is the fresh layout when nothing was drawn before", () => {
    const fresh = layoutGraph(input(["a"], []));
    expect(keepPlaces(undefined, fresh)).toBe(fresh);
  });

  it("joins a kept node and a new one with a line between their borders", () => {
    const after = keepPlaces(
      before,
      layoutGraph(
        input(
          ["web", "orders", "db", "queue"],
          [
            ["web", "orders"],
            ["orders", "db"],
            ["db", "queue"],
          ],
        ),
      ),
    );
    const path = after.edges.get("db->queue");
    const [start] = path?.points ?? [];
    const end = path?.points.at(-1);
    const db = box(after, "db");
    const queue = box(after, "queue");
    expect(start?.x).toBeGreaterThanOrEqual(db.x - 1);
    expect(start?.x).toBeLessThanOrEqual(db.x + db.w + 1);
    expect(end?.x).toBeGreaterThanOrEqual(queue.x - 1);
    expect(end?.x).toBeLessThanOrEqual(queue.x + queue.w + 1);
  });
});

describe("freePlace", () => {
  it("moves a box down past the boxes it would overlap", () => {
    const placed = [
      { x: 0, y: 0, w: 100, h: 50 },
      { x: 0, y: 80, w: 100, h: 50 },
    ];
    expect(freePlace({ x: 10, y: 10, w: 100, h: 50 }, placed, 20)).toEqual({
      x: 10,
      y: 150,
      w: 100,
      h: 50,
    });
  });

  it("leaves a box that overlaps nothing where it is", () => {
    const free = { x: 500, y: 0, w: 100, h: 50 };
    expect(freePlace(free, [{ x: 0, y: 0, w: 100, h: 50 }])).toEqual(free);
  });
});

describe("straightPath", () => {
  it("runs from the right border of a caller to the left border of a callee to its right", () => {
    const path = straightPath({ x: 0, y: 0, w: 100, h: 50 }, { x: 300, y: 0, w: 100, h: 50 });
    expect(path.points).toEqual([
      { x: 100, y: 25 },
      { x: 200, y: 25 },
      { x: 300, y: 25 },
    ]);
    expect(path.label).toEqual({ x: 200, y: 25 });
  });
});
