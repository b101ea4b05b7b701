import { describe, expect, it } from "vitest";
import type { AnnotationValue } from "../document.ts";
import {
  codesOf,
  diagnose,
  segment,
  spanTrace,
  subsegment,
} from "../test-support/doctor-traces.ts";
import { otlpSpan } from "../test-support/otlp-spans.ts";
import { diagnoseTrace } from "./diagnose-trace.ts";

describe("annotation-dropped", () => {
  it("flags a key with characters X-Ray does not index, and says what it would have to be", () => {
    const diagnosis = diagnose([segment("1", { annotations: { "user.id": "u1", ok_key: 1 } })]);
    expect(codesOf(diagnosis)).toEqual(["annotation-dropped"]);
    expect(diagnosis.problems[0]?.message).toContain('"user.id"');
    expect(diagnosis.problems[0]?.message).toContain('"user_id"');
  });

  it("flags a value that is not a string, number or boolean", () => {
    const annotations = { order: { id: 1 } } as unknown as Record<string, AnnotationValue>;
    const diagnosis = diagnose([segment("1", { subsegments: [subsegment("2", { annotations })] })]);
    expect(codesOf(diagnosis)).toEqual(["annotation-dropped"]);
    expect(diagnosis.problems[0]?.message).toContain("only strings, numbers and booleans");
  });

  it("flags the 51st distinct key of a trace", () => {
    const many: Record<string, AnnotationValue> = {};
    for (let i = 0; i < 51; i++) many[`k${i}`] = i;
    const diagnosis = diagnose([segment("1", { annotations: many })]);
    expect(codesOf(diagnosis)).toEqual(["annotation-dropped"]);
    expect(diagnosis.problems[0]?.message).toContain("51 distinct annotation keys");
  });

  it("leaves valid annotations alone", () => {
    expect(codesOf(diagnose([segment("1", { annotations: { a: "x", b: 2, c: true } })]))).toEqual(
      [],
    );
  });
});

describe("annotation-key-rewritten", () => {
  it("names the span attribute the OTel translation rewrote into an annotation key", () => {
    const trace = spanTrace([
      otlpSpan({
        attributes: { "user.id": "u1", "aws.xray.annotations": ["user.id"] },
      }),
    ]);
    const problems = diagnoseTrace(trace).problems.filter(
      (problem) => problem.code === "annotation-key-rewritten",
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('"user.id"');
    expect(problems[0]?.message).toContain("annotation.user_id");
    expect(problems[0]?.sdk).toBe("otel");
    expect(Object.keys(problems[0]?.fix ?? {})[0]).toBe("otel");
  });
});
