import { describe, expect, it } from "vitest";
import { assembleTrace } from "../assemble-trace.ts";
import {
  codesOf,
  diagnose,
  fixtureTraces,
  segment,
  sid,
  stored,
  streamed,
  subsegment,
  T0,
  traceOf,
} from "../test-support/doctor-traces.ts";
import { diagnoseTrace } from "./diagnose-trace.ts";

describe("orphan-subsegment", () => {
  it("names a streamed subsegment whose parent never arrived, and the parent id it waits for", () => {
    const diagnosis = diagnose([streamed("a1", "f00d")]);
    expect(codesOf(diagnosis)).toEqual(["orphan-subsegment"]);
    const [problem] = diagnosis.problems;
    expect(problem?.nodeId).toBe(sid("a1"));
    expect(problem?.message).toContain(sid("f00d"));
    expect(problem?.severity).toBe("warning");
  });

  it("is gone once the parent arrives", () => {
    const diagnosis = diagnose([streamed("a1", "1"), segment("1")]);
    expect(codesOf(diagnosis)).not.toContain("orphan-subsegment");
  });

  it("is found in the Node SDK's real streaming: subsegments sent before their segment", () => {
    const traces = fixtureTraces("run2-streaming-default");
    const [trace] = traces.values();
    if (trace === undefined) throw new Error("no trace in run2");
    const early = trace.documents.filter((document) => document.index.type === "subsegment");
    expect(early.length).toBeGreaterThan(0);
    const before = diagnoseTrace(assembleTrace(trace.id, early));
    expect(new Set(codesOf(before))).toEqual(new Set(["orphan-subsegment"]));
    expect(codesOf(diagnoseTrace(trace))).not.toContain("orphan-subsegment");
  });
});

describe("parent-not-in-trace", () => {
  it("is info on a segment whose caller sent nothing (the Node SDK's real request with a Parent= header)", () => {
    const traces = fixtureTraces("run7-outgoing-header");
    const problems = [...traces.values()].flatMap((trace) => diagnoseTrace(trace).problems);
    const unknown = problems.filter((problem) => problem.code === "parent-not-in-trace");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.severity).toBe("info");
    expect(unknown[0]?.sdk).toBe("node");
  });
});

describe("never-completed", () => {
  const inProgress = segment("1", {
    end_time: undefined,
    in_progress: true,
    subsegments: [subsegment("2", { end_time: undefined, in_progress: true })],
  });

  it("is not judged without a time now (what a trace summary counts)", () => {
    expect(codesOf(diagnose([inProgress]))).toEqual([]);
  });

  it("is not flagged while the trace is younger than the configured age", () => {
    const options = { now: T0 * 1000 + 1_000 + 29_000, neverCompletedAfterMs: 30_000 };
    expect(codesOf(diagnose([inProgress], options))).toEqual([]);
  });

  it("flags every node still in progress once nothing arrived for the configured age", () => {
    const options = { now: T0 * 1000 + 1_000 + 5_000, neverCompletedAfterMs: 5_000 };
    const diagnosis = diagnose([inProgress], options);
    expect(codesOf(diagnosis)).toEqual(["never-completed", "never-completed"]);
    expect(diagnosis.problems[0]?.message).toContain("5 s");
  });

  it("is found on the Node SDK's real in-progress flush, and gone after the complete segment", () => {
    const [trace] = fixtureTraces("run6-manual").values();
    if (trace === undefined) throw new Error("no trace in run6");
    const first = trace.documents.filter((document) => document.index.in_progress === true);
    expect(first.length).toBeGreaterThan(0);
    const later = { now: 1_000_000, neverCompletedAfterMs: 1_000 };
    expect(codesOf(diagnoseTrace(assembleTrace(trace.id, first), later))).toContain(
      "never-completed",
    );
    expect(codesOf(diagnoseTrace(trace, later))).not.toContain("never-completed");
  });

  it("counts from the trace's last document, not its first", () => {
    const old = stored(inProgress, { receivedAt: 0 });
    const fresh = stored(segment("9"), { receivedAt: 100_000 });
    const diagnosis = diagnoseTrace(traceOf([old, fresh]), {
      now: 101_000,
      neverCompletedAfterMs: 5_000,
    });
    expect(codesOf(diagnosis)).toEqual([]);
  });
});
