import { describe, expect, it } from "vitest";
import { parseDocumentText } from "../parse-document.ts";
import {
  NO_INDEXING,
  otlpSpan,
  PARENT_ID,
  SPAN_ID,
  traceRequest,
} from "../test-support/otlp-spans.ts";
import { translateTraceRequest } from "./translate-spans.ts";

describe("translateTraceRequest", () => {
  it("turns a root SERVER span into a segment the sandbox accepts without warnings", () => {
    const request = traceRequest(
      [
        otlpSpan({
          attributes: { "http.request.method": "GET", "http.response.status_code": 200 },
        }),
      ],
      { "service.name": "checkout" },
    );
    const result = translateTraceRequest(request, "otlp-http-protobuf", true, NO_INDEXING);
    expect(result.rejected).toEqual([]);
    const [translated] = result.documents;
    expect(translated?.document).toEqual({
      name: "checkout",
      id: SPAN_ID,
      trace_id: "1-5759e988-bd862e3fe1be46a994272793",
      start_time: 1_672_531_200.123_456_7,
      end_time: 1_672_531_201.123_456_7,
      error: false,
      throttle: false,
      fault: false,
      http: { request: { method: "GET" }, response: { status: 200 } },
      aws: { xray: { auto_instrumentation: false } },
      metadata: { default: { "otel.resource.service.name": "checkout" } },
    });
    const parsed = parseDocumentText(JSON.stringify(translated?.document));
    expect(parsed.ok && parsed.warnings).toEqual([]);
  });

  it("makes a CLIENT child span an independent subsegment in namespace remote", () => {
    const request = traceRequest([
      otlpSpan({ kind: "client", parentSpanId: PARENT_ID, name: "GET", attributes: {} }),
    ]);
    const [translated] = translateTraceRequest(request, "otlp-grpc", true, NO_INDEXING).documents;
    expect(translated?.document).toMatchObject({
      type: "subsegment",
      parent_id: PARENT_ID,
      namespace: "remote",
      name: "GET",
    });
    expect(translated?.document.metadata).toBeUndefined();
  });

  it("rejects a span whose trace id is all zeros, and keeps the others", () => {
    const request = traceRequest([
      otlpSpan({ traceId: "0".repeat(32) }),
      otlpSpan({ spanId: "ffffffffffffffff" }),
    ]);
    const result = translateTraceRequest(request, "otlp-udp", false, NO_INDEXING);
    expect(result.rejected).toEqual([
      { traceId: "0".repeat(32), spanId: SPAN_ID, message: "trace id is all zeros" },
    ]);
    expect(result.documents.map((d) => d.document.id)).toEqual(["ffffffffffffffff"]);
    expect(result.documents[0]?.source).toMatchObject({ transport: "otlp-udp", sampled: false });
  });
});
