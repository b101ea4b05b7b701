import { describe, expect, it } from "vitest";
import { codesOf, diagnose, segment, sid, subsegment, T0 } from "../test-support/doctor-traces.ts";
import { epochSeconds } from "../units.ts";

describe("ends-before-start", () => {
  it("is an error naming how long before its start the node ends", () => {
    const diagnosis = diagnose([
      segment("1", { subsegments: [subsegment("2", { end_time: epochSeconds(T0 + 0.05) })] }),
    ]);
    expect(codesOf(diagnosis)).toEqual(["ends-before-start"]);
    expect(diagnosis.problems[0]).toMatchObject({ severity: "error", nodeId: sid("2") });
    expect(diagnosis.problems[0]?.message).toContain("50 ms before it starts");
  });
});

describe("time-not-epoch-seconds", () => {
  it("says a time in milliseconds looks like milliseconds", () => {
    const diagnosis = diagnose([
      segment("1", { start_time: epochSeconds(T0 * 1000), end_time: epochSeconds(T0 * 1000 + 5) }),
    ]);
    expect(codesOf(diagnosis)).toContain("time-not-epoch-seconds");
    expect(diagnosis.problems[0]?.message).toContain("milliseconds");
  });
});

describe("child-outlives-parent", () => {
  it("flags a subsegment that ends after its parent segment", () => {
    const diagnosis = diagnose([
      segment("1", { subsegments: [subsegment("2", { end_time: epochSeconds(T0 + 1.25) })] }),
    ]);
    expect(codesOf(diagnosis)).toEqual(["child-outlives-parent"]);
    expect(diagnosis.problems[0]?.message).toContain("250 ms after");
  });

  it("leaves a child within a millisecond of its parent's end alone (SDK rounding)", () => {
    const diagnosis = diagnose([
      segment("1", { subsegments: [subsegment("2", { end_time: epochSeconds(T0 + 1.001) })] }),
    ]);
    expect(codesOf(diagnosis)).toEqual([]);
  });
});

describe("clock-skew", () => {
  const caller = segment("1", {
    subsegments: [
      subsegment("2", {
        name: "downstream",
        namespace: "remote",
        http: { request: { method: "GET", url: "http://b/" }, response: { status: 200 } },
        start_time: epochSeconds(T0 + 0.1),
        end_time: epochSeconds(T0 + 0.5),
      }),
    ],
  });
  const callee = (start: number, end: number) =>
    segment("3", {
      name: "b",
      parent_id: sid("2"),
      start_time: epochSeconds(start),
      end_time: epochSeconds(end),
      http: { request: { method: "GET", url: "http://b/" }, response: { status: 200 } },
    });

  it("flags a downstream segment that starts before the call that caused it", () => {
    const diagnosis = diagnose([caller, callee(T0 - 2, T0 - 1.7)]);
    expect(codesOf(diagnosis)).toEqual(["clock-skew"]);
    expect(diagnosis.problems[0]?.message).toContain("2.1 s before the call");
  });

  it("flags a downstream segment that starts after the call that caused it returned", () => {
    const diagnosis = diagnose([caller, callee(T0 + 3, T0 + 3.2)]);
    expect(codesOf(diagnosis)).toEqual(["clock-skew"]);
    expect(diagnosis.problems[0]?.message).toContain("2.5 s after the call");
  });

  it("leaves a downstream segment inside its call alone, and one that ends just after it", () => {
    expect(codesOf(diagnose([caller, callee(T0 + 0.12, T0 + 0.45)]))).toEqual([]);
    expect(codesOf(diagnose([caller, callee(T0 + 0.12, T0 + 0.51)]))).toEqual([]);
  });

  it("takes a configurable tolerance", () => {
    const skewed = [caller, callee(T0 + 0.08, T0 + 0.45)];
    expect(codesOf(diagnose(skewed))).toEqual(["clock-skew"]);
    expect(codesOf(diagnose(skewed, { clockSkewToleranceSeconds: 0.05 }))).toEqual([]);
  });
});
