import { describe, expect, it } from "vitest";
import {
  codesOf,
  DOCTOR_TRACE,
  diagnose,
  segment,
  spanTrace,
  subsegment,
  T0,
  traceOf,
} from "../test-support/doctor-traces.ts";
import { otlpSpan } from "../test-support/otlp-spans.ts";
import type { SegmentId, TraceId } from "../units.ts";
import { diagnoseTrace } from "./diagnose-trace.ts";

describe("trace-id-invalid", () => {
  it("flags an X-Ray SDK trace id whose time is more than 30 days from its segment", () => {
    const old = `1-${(T0 - 40 * 86_400).toString(16)}-0123456789abcdef01234567` as TraceId;
    const diagnosis = diagnoseTrace(traceOf([segment("1", { trace_id: old })], old));
    expect(codesOf(diagnosis)).toEqual(["trace-id-invalid"]);
    expect(diagnosis.problems[0]?.message).toContain("40 days before");
    expect(diagnosis.problems[0]?.severity).toBe("error");
  });

  it("accepts a trace id made when the request started", () => {
    expect(codesOf(diagnose([segment("1")]))).toEqual([]);
  });
});

describe("OpenTelemetry ids", () => {
  it("never calls a random W3C trace id invalid; it explains what real X-Ray needs instead", () => {
    const diagnosis = diagnoseTrace(spanTrace([otlpSpan()]));
    expect(codesOf(diagnosis)).not.toContain("trace-id-invalid");
    expect(codesOf(diagnosis)).not.toContain("segment-id-invalid");
    const random = diagnosis.problems.find((problem) => problem.code === "otel-trace-id-random");
    expect(random?.severity).toBe("info");
    expect(random?.fix.otel).toContain("AWSXRayIdGenerator");
  });

  it("says nothing of a span whose trace id starts with its time (the X-Ray id generator)", () => {
    const start = 1_672_531_200;
    const traceId = `${start.toString(16)}0123456789abcdef01234567`;
    const diagnosis = diagnoseTrace(spanTrace([otlpSpan({ traceId })]));
    expect(codesOf(diagnosis)).not.toContain("otel-trace-id-random");
  });
});

describe("segment-id-invalid", () => {
  it("flags an embedded subsegment id that is not 16 hex digits, and an all-zero id", () => {
    const diagnosis = diagnose([
      segment("1", {
        subsegments: [
          subsegment("2", { id: "xyz" as SegmentId }),
          subsegment("3", { id: "0000000000000000" as SegmentId }),
        ],
      }),
    ]);
    expect(codesOf(diagnosis)).toEqual(["segment-id-invalid", "segment-id-invalid"]);
  });

  it("keeps to the documents' own trace", () => {
    expect(DOCTOR_TRACE.startsWith("1-")).toBe(true);
  });
});
