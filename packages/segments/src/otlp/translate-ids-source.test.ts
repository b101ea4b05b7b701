/** Ids, times, rejections and the source span (collector segment.go convertToAmazonTraceID). */

import { describe, expect, it } from "vitest";
import {
  END_NANOS,
  NO_INDEXING,
  otlpSpan,
  PARENT_ID,
  SPAN_ID,
  traceRequest,
  translateSingle,
} from "../test-support/otlp-spans.ts";
import { base64 } from "./base64.ts";
import type { OtlpValue } from "./otlp-model.ts";
import { translateTraceRequest } from "./translate-spans.ts";
import { isIpAddress, urlHostname } from "./url-parts.ts";

describe("ids and times", () => {
  it("converts a trace id whose time is years old, with no age check (TestSpanWithExpiredTraceIdWithoutTimestampValidation)", () => {
    const document = translateSingle(otlpSpan({ traceId: "000000017a81adb5db4477c6a9353e11" }));
    expect(document.trace_id).toBe("1-00000001-7a81adb5db4477c6a9353e11");
  });

  it.each([
    [{ traceId: "abc" }, 'trace id "abc" is not 32 hex digits'],
    [{ traceId: "z".repeat(32) }, `trace id "${"z".repeat(32)}" is not 32 hex digits`],
    [{ traceId: "0".repeat(32) }, "trace id is all zeros"],
    [{ spanId: "0".repeat(16) }, "span id is all zeros"],
    [{ spanId: "12345" }, 'span id "12345" is not 16 hex digits'],
    [{ parentSpanId: "xyz" }, 'parent span id "xyz" is not 16 hex digits'],
    [{ parentSpanId: "0".repeat(16) }, "parent span id is all zeros"],
  ])("rejects %j: %s", (overrides, message) => {
    const span = otlpSpan(overrides);
    const result = translateTraceRequest(traceRequest([span]), "otlp-grpc", true, NO_INDEXING);
    expect(result.documents).toEqual([]);
    expect(result.rejected).toEqual([{ traceId: span.traceId, spanId: span.spanId, message }]);
  });

  it("keeps nanosecond digits a double can hold, and marks a span without an end in progress", () => {
    const ended = translateSingle(
      otlpSpan({
        startTimeUnixNano: 1_700_000_000_000_000_001n,
        endTimeUnixNano: 1_700_000_000_999_999_000n,
      }),
    );
    expect(ended.start_time).toBe(1_700_000_000);
    expect(ended.end_time).toBe(1_700_000_000.999_999);
    const open = translateSingle(otlpSpan({ endTimeUnixNano: 0n }));
    expect(open.in_progress).toBe(true);
    expect(open.end_time).toBeUndefined();
  });
});

describe("source span", () => {
  it("is the span as JSON: decimal nanosecond strings, attributes, resource, events and links", () => {
    const bytes: OtlpValue = { kind: "bytes", bytes: new Uint8Array([0, 255, 16]) };
    const span = otlpSpan({
      parentSpanId: PARENT_ID,
      kind: "client",
      attributes: { payload: bytes, big: "18446744073709551615" },
      events: [{ timeUnixNano: END_NANOS, name: "retry", attributes: new Map([["attempt", 2]]) }],
      links: [
        {
          traceId: "1".repeat(32),
          spanId: "2".repeat(16),
          traceState: "k=v",
          attributes: new Map(),
        },
      ],
      status: { code: "error", message: "boom" },
    });
    const request = traceRequest([span], { "service.name": "svc" });
    const [translated] = translateTraceRequest(
      request,
      "otlp-http-json",
      true,
      NO_INDEXING,
    ).documents;
    expect(translated?.source).toEqual({
      transport: "otlp-http-json",
      sampled: true,
      traceId: span.traceId,
      spanId: SPAN_ID,
      parentSpanId: PARENT_ID,
      name: "GET /",
      kind: "client",
      startTimeUnixNano: "1672531200123456789",
      endTimeUnixNano: "1672531201123456789",
      status: { code: "error", message: "boom" },
      attributes: { payload: "AP8Q", big: "18446744073709551615" },
      resource: { "service.name": "svc" },
      scope: { name: "test-scope", version: "1.0.0" },
      events: [{ timeUnixNano: "1672531201123456789", name: "retry", attributes: { attempt: 2 } }],
      links: [
        { traceId: "1".repeat(32), spanId: "2".repeat(16), traceState: "k=v", attributes: {} },
      ],
    });
  });

  it.each([
    [[], ""],
    [[102], "Zg=="],
    [[102, 111], "Zm8="],
    [[102, 111, 111], "Zm9v"],
    [[102, 111, 111, 98, 97, 114], "Zm9vYmFy"],
    [[251, 255], "+/8="],
  ])("base64(%j) is %j (RFC 4648 test vectors)", (input, expected) => {
    expect(base64(new Uint8Array(input))).toBe(expected);
  });
});

describe("url parts", () => {
  it.each([
    ["mysql://db.dev.example.com:3306", "db.dev.example.com"],
    ["postgresql://user:secret@db:5432/app", "db"],
    ["mongodb://[::1]:27017", "::1"],
    ["//host.example/path", "host.example"],
    ["localhost:3306", ""],
    ["not a url", ""],
  ])("urlHostname(%j) is %j", (text, host) => {
    expect(urlHostname(text)).toBe(host);
  });

  it.each([
    ["10.8.17.36", true],
    ["2001:db8:85a3::8a2e:370:7334", true],
    ["::ffff:192.168.1.1", true],
    ["::1", true],
    ["256.1.1.1", false],
    ["api.example.com", false],
    ["1:2:3:4:5:6:7:8:9", false],
    ["1::2::3", false],
  ])("isIpAddress(%j) is %s", (text, expected) => {
    expect(isIpAddress(text)).toBe(expected);
  });
});
