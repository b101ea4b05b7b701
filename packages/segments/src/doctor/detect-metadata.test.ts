import { describe, expect, it } from "vitest";
import { codesOf, diagnose, fixtureTraces, segment } from "../test-support/doctor-traces.ts";
import { diagnoseTrace } from "./diagnose-trace.ts";

describe("metadata-not-serialisable", () => {
  it("recognises the Node SDK's real BigInt-as-text in metadata", () => {
    const [trace] = fixtureTraces("run6-manual").values();
    if (trace === undefined) throw new Error("no trace in run6");
    const problems = diagnoseTrace(trace).problems.filter(
      (problem) => problem.code === "metadata-not-serialisable",
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain("default.big");
    expect(problems[0]?.sdk).toBe("node");
    expect(Object.keys(problems[0]?.fix ?? {})[0]).toBe("node");
  });

  it("recognises an object turned into [object Object]", () => {
    const diagnosis = diagnose([segment("1", { metadata: { app: { user: "[object Object]" } } })]);
    expect(codesOf(diagnosis)).toEqual(["metadata-not-serialisable"]);
  });

  it("leaves ordinary values alone", () => {
    const diagnosis = diagnose([
      segment("1", { metadata: { app: { id: "1234567890123456", n: 12, list: ["a"] } } }),
    ]);
    expect(codesOf(diagnosis)).toEqual([]);
  });
});

describe("namespace-reserved", () => {
  it("flags metadata in an AWS. namespace", () => {
    const diagnosis = diagnose([segment("1", { metadata: { "AWS.mine": { a: 1 } } })]);
    expect(codesOf(diagnosis)).toEqual(["namespace-reserved"]);
    expect(diagnosis.problems[0]?.message).toContain('"AWS.mine"');
  });
});
