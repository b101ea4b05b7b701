import { describe, expect, it } from "vitest";
import { buildRows } from "../trace/build-rows.ts";
import { segment, sub, traceBody } from "../trace/test-trace.ts";
import { alignTraces } from "./compare-align.ts";

const rowsOf = (body: ReturnType<typeof traceBody>) => buildRows(body, new Set()).rows;

const fast = rowsOf(
  traceBody([
    segment("1", 0, 0.1, {
      name: "api",
      subsegments: [
        sub("2", 0, 0.02, { name: "auth" }),
        sub("3", 0.02, 0.05, { name: "db" }),
        sub("4", 0.05, 0.06, { name: "cache" }),
      ],
    }),
  ]),
);
const slow = rowsOf(
  traceBody([
    segment("1", 0, 0.9, {
      name: "api",
      subsegments: [
        sub("2", 0, 0.02, { name: "auth" }),
        sub("5", 0.02, 0.3, { name: "retry" }),
        sub("3", 0.3, 0.8, { name: "db" }),
        sub("6", 0.8, 0.85, { name: "db" }),
      ],
    }),
  ]),
);

describe("alignTraces", () => {
  it("lines up the same nodes and marks what only one trace has, in tree order", () => {
    const alignment = alignTraces(fast, slow);
    expect(
      alignment.rows.map((row) => [row.depth, row.name, row.a ? "A" : "-", row.b ? "B" : "-"]),
    ).toEqual([
      [0, "api", "A", "B"],
      [1, "auth", "A", "B"],
      [1, "retry", "-", "B"],
      [1, "db", "A", "B"],
      [1, "cache", "A", "-"],
      [1, "db", "-", "B"],
    ]);
    expect(alignment).toMatchObject({ matched: 3, onlyA: 1, onlyB: 2 });
  });

  it("gives B's duration less A's where both have the node", () => {
    const rows = alignTraces(fast, slow).rows;
    expect(rows[0]?.delta).toBeCloseTo(0.8, 6);
    expect(rows[1]?.delta).toBeCloseTo(0, 6);
    expect(rows[3]?.delta).toBeCloseTo(0.47, 6);
    expect(rows[2]?.delta).toBeUndefined();
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });

  it("aligns a trace with itself completely", () => {
    expect(alignTraces(slow, slow)).toMatchObject({ matched: 5, onlyA: 0, onlyB: 0 });
  });
});
