import { describe, expect, it } from "vitest";
import { isUnsampledOrigin, otlpOriginOf } from "./document-origin.ts";
import type { SourceSpan } from "./otlp/translate-contract.ts";

function span(sampled: boolean): SourceSpan {
  return {
    transport: "otlp-udp",
    sampled,
    traceId: "0".repeat(32),
    spanId: "1".repeat(16),
    parentSpanId: "",
    name: "GET /",
    kind: "SPAN_KIND_SERVER",
    startTimeUnixNano: "1",
    endTimeUnixNano: "2",
    status: { code: "STATUS_CODE_UNSET", message: "" },
    attributes: {},
    resource: {},
    scope: { name: "", version: "" },
    events: [],
    links: [],
  };
}

describe("isUnsampledOrigin", () => {
  it("tells a lazy origin's sampling without building its span", () => {
    let built = 0;
    const lazy = (sampled: boolean) =>
      otlpOriginOf(
        "otlp-udp",
        () => {
          built++;
          return span(sampled);
        },
        sampled,
      );
    expect(isUnsampledOrigin(lazy(false))).toBe(true);
    expect(isUnsampledOrigin(lazy(true))).toBe(false);
    expect(built).toBe(0);
  });

  it("reads the span of a plain origin, as read back from a record or an import", () => {
    expect(isUnsampledOrigin({ kind: "otlp", transport: "otlp-udp", span: span(false) })).toBe(
      true,
    );
    expect(
      isUnsampledOrigin({
        kind: "import",
        exported: { kind: "otlp", transport: "otlp-udp", span: span(false) },
      }),
    ).toBe(true);
    expect(isUnsampledOrigin({ kind: "otlp", transport: "otlp-grpc" })).toBe(false);
    expect(isUnsampledOrigin(undefined)).toBe(false);
  });
});
