import { FIXTURE_RUNS } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import {
  codesOf,
  diagnose,
  fixtureTraces,
  segment,
  streamed,
  subsegment,
} from "../test-support/doctor-traces.ts";
import { TraceStore } from "../trace-store.ts";
import { epochSeconds } from "../units.ts";
import { diagnoseTrace, MAX_LISTED_PROBLEMS } from "./diagnose-trace.ts";
import { explanationOf, PROBLEM_CODES } from "./explanations.ts";
import { SDK_NAMES } from "./problem.ts";

describe("diagnoseTrace", () => {
  it("lists the most severe problems first and counts them by severity", () => {
    const diagnosis = diagnose([
      segment("1", {
        subsegments: [
          subsegment("2", { error: true }),
          subsegment("3", { end_time: epochSeconds(0.5) }),
        ],
      }),
      streamed("4", "99"),
    ]);
    expect(diagnosis.problems.map((problem) => problem.severity)).toEqual([
      "error",
      "error",
      "warning",
      "info",
    ]);
    expect(diagnosis.counts).toMatchObject({ total: 4, error: 2, warning: 1, info: 1 });
    expect(diagnosis.counts.codes[0]).toMatch(/ends-before-start|time-not-epoch-seconds/);
  });

  it("lists at most MAX_LISTED_PROBLEMS and counts the rest", () => {
    const many = Array.from({ length: MAX_LISTED_PROBLEMS + 7 }, (_, i) =>
      subsegment((i + 10).toString(16), { error: true }),
    );
    const diagnosis = diagnose([segment("1", { subsegments: many })]);
    expect(diagnosis.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(diagnosis.leftOut).toBe(7);
    expect(diagnosis.counts.total).toBe(MAX_LISTED_PROBLEMS + 7);
  });

  it("gives every problem its why and a fix for the SDK that sent it, listed first", () => {
    const diagnosis = diagnose([segment("1", { subsegments: [subsegment("2", { error: true })] })]);
    const [problem] = diagnosis.problems;
    expect(problem?.sdk).toBe("node");
    expect(Object.keys(problem?.fix ?? {})).toEqual(SDK_NAMES);
    expect(problem?.why.length).toBeGreaterThan(40);
  });

  it("has a title, a why and at least one fix for every code", () => {
    for (const code of PROBLEM_CODES) {
      const explanation = explanationOf(code);
      expect(explanation.title.length, code).toBeGreaterThan(5);
      expect(explanation.why.length, code).toBeGreaterThan(60);
      expect(Object.keys(explanation.fix).length, code).toBeGreaterThan(0);
    }
  });

  it("is what a stored trace's summary counts, once asked for", () => {
    const trace = fixtureTraces("py-095-flask").get("/boom");
    if (trace === undefined) throw new Error("no /boom");
    const store = new TraceStore({ maxTraces: 10, maxBytes: 1 << 20 });
    for (const stored of trace.documents) {
      store.ingest(stored.index, stored.raw, stored.bytes, stored.receivedAt, stored.origin);
    }
    const counts = diagnoseTrace(trace).counts;
    expect(counts.total).toBeGreaterThan(0);
    // Read without the doctor (as the live stream reads changed traces): no counts yet.
    expect(store.peekSummary(trace.id)?.problems).toBeUndefined();
    expect(store.getSummary(trace.id)?.problems).toEqual(counts);
    // Kept until the trace changes.
    expect(store.peekSummary(trace.id)?.problems).toEqual(counts);
  });
});

describe("the real SDKs' captured traces", () => {
  /** Every code found per trace of every captured run: what a user of each SDK would see. */
  const found = new Map<string, string[]>();
  for (const run of FIXTURE_RUNS) {
    for (const [key, trace] of fixtureTraces(run)) {
      const codes = codesOf(diagnoseTrace(trace));
      if (codes.length > 0) found.set(`${run} ${key}`, codes);
    }
  }

  // The captures continue an upstream trace whose id was written by hand (`1-5759e988-…`,
  // a 2016 time): the SDKs accept it from the header, and real X-Ray would reject it.
  it("find only the problems the captures really have", () => {
    expect(Object.fromEntries(found)).toMatchInlineSnapshot(`
      {
        "py-095-flask /boom": [
          "fault-without-cause",
        ],
        "py-095-flask /user (3)": [
          "trace-id-invalid",
          "parent-not-in-trace",
        ],
        "run1-basic / (11)": [
          "trace-id-invalid",
        ],
        "run1-basic /user (10)": [
          "trace-id-invalid",
          "parent-not-in-trace",
        ],
        "run6-manual manual-svc": [
          "metadata-not-serialisable",
        ],
        "run7-outgoing-header /outgoing": [
          "trace-id-invalid",
          "parent-not-in-trace",
        ],
      }
    `);
  });
});
