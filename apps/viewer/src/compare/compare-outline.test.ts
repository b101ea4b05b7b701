import { describe, expect, it } from "vitest";
import { segment, streamed, sub, traceBody } from "../trace/test-trace.ts";
import { traceOutline } from "./compare-outline.ts";

describe("traceOutline", () => {
  it("lists every node in tree order with what a comparison needs", () => {
    const body = traceBody([
      segment("1", 0, 0.2, {
        name: "sample-backend",
        annotations: { user: "u-1", cached: false },
        metadata: { default: { a: 1 } },
        http: { response: { status: 200 } },
        subsegments: [
          sub("2", 0.01, 0.05, { name: "UserData", metadata: { UserData: { username: "ann" } } }),
          sub("3", 0.06, 0.15, { name: "db", namespace: "remote", fault: true }),
        ],
      }),
      streamed("4", "3", 0.07, 0.08, { name: "query" }),
    ]);
    const outline = traceOutline(body);
    expect(
      outline.rows.map((row) => [row.depth, row.name, row.kind, row.namespace, row.status]),
    ).toEqual([
      [0, "sample-backend", "segment", undefined, "ok"],
      [1, "UserData", "subsegment", undefined, "ok"],
      [1, "db", "subsegment", "remote", "fault"],
      [2, "query", "subsegment", undefined, "ok"],
    ]);
    expect(outline.rows[0]).toMatchObject({
      annotations: ['user = "u-1"', "cached = false"],
      metadata: ["default"],
      httpStatus: 200,
    });
    expect(outline.rows[0]?.durationMs).toBeCloseTo(200, 3);
    expect(outline.rows[1]?.metadata).toEqual(["UserData"]);
    expect(outline).toMatchObject({ segments: 1, subsegments: 3, annotations: 2 });
  });

  it("reports a node still in progress without a duration", () => {
    const outline = traceOutline(traceBody([segment("1", 0, undefined)]));
    expect(outline.rows[0]?.durationMs).toBeUndefined();
  });
});
