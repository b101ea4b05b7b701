/**
 * The protobuf decoder field by field: bodies written by protobufjs from the OTLP schema
 * (`otlp-schema.ts`), with every attribute value kind, events, links, status, unknown fields
 * and values nested past the limit.
 */

import { sourceSpanOf, translateTraceRequest } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { decodeProtobufRequest } from "./decode-protobuf.ts";
import { MAX_VALUE_DEPTH } from "./decode-result.ts";
import { ExportTraceServiceRequest } from "./otlp-schema.ts";
import { wireFreeRequest, wireFreeSpan } from "./wire-free-request.ts";

const TRACE_ID = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const SPAN_ID = Uint8Array.from({ length: 8 }, (_, i) => 0x10 + i);
const PARENT_ID = Uint8Array.from({ length: 8 }, (_, i) => 0xf0 + i);
const START = 1_700_000_000_123_456_789n;
const END = 1_700_000_001_000_000_001n;

/** A 64-bit value as protobufjs takes one (`Long.fromValue` reads low and high bits). */
function long(value: bigint, unsigned: boolean) {
  const bits = BigInt.asUintN(64, value);
  return { low: Number(bits & 0xffffffffn) | 0, high: Number(bits >> 32n) | 0, unsigned };
}

function encode(request: Record<string, unknown>): Uint8Array {
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(request)).finish();
}

function decoded(bytes: Uint8Array) {
  const result = decodeProtobufRequest(bytes);
  if (!result.ok) throw new Error(result.message);
  return { ...result, request: wireFreeRequest(result.request) };
}

const fullRequest = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
      scopeSpans: [
        {
          scope: { name: "scope", version: "1.0" },
          spans: [
            {
              traceId: TRACE_ID,
              spanId: SPAN_ID,
              parentSpanId: PARENT_ID,
              traceState: "k=v",
              name: "GET /ü",
              kind: 3,
              startTimeUnixNano: long(START, true),
              endTimeUnixNano: long(END, true),
              attributes: [
                { key: "s", value: { stringValue: "naïve text, longer than thirty-two bytes" } },
                { key: "b", value: { boolValue: true } },
                { key: "i", value: { intValue: long(-42n, false) } },
                { key: "big", value: { intValue: long(9_007_199_254_740_993n, false) } },
                { key: "min", value: { intValue: long(-(2n ** 63n), false) } },
                { key: "d", value: { doubleValue: 1.5 } },
                {
                  key: "a",
                  value: { arrayValue: { values: [{ stringValue: "x" }, { intValue: 7 }, {}] } },
                },
                {
                  key: "kv",
                  value: {
                    kvlistValue: { values: [{ key: "inner", value: { boolValue: false } }] },
                  },
                },
                { key: "bytes", value: { bytesValue: Uint8Array.from([0, 255]) } },
                { key: "empty" },
              ],
              events: [
                {
                  timeUnixNano: long(END, true),
                  name: "exception",
                  attributes: [{ key: "exception.message", value: { stringValue: "boom" } }],
                },
              ],
              links: [
                {
                  traceId: TRACE_ID,
                  spanId: PARENT_ID,
                  traceState: "a=b",
                  attributes: [{ key: "l", value: { intValue: 1 } }],
                },
              ],
              status: { code: 2, message: "failed" },
            },
            {},
          ],
        },
      ],
    },
    {},
  ],
};

describe("decodeProtobufRequest, field by field", () => {
  it("reads every field the model holds, and defaults for a span that sets none", () => {
    const result = decoded(encode(fullRequest));
    expect(result.spans).toBe(2);
    const [first, second] = result.request.resourceSpans;
    expect(first?.resource).toEqual(new Map([["service.name", "svc"]]));
    expect(first?.scopeSpans[0]?.scope).toEqual({ name: "scope", version: "1.0" });
    const [span, bare] = first?.scopeSpans[0]?.spans ?? [];
    expect(span).toEqual({
      traceId: "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
      spanId: "1011121314151617",
      parentSpanId: "f0f1f2f3f4f5f6f7",
      traceState: "k=v",
      name: "GET /ü",
      kind: "client",
      startTimeUnixNano: START,
      endTimeUnixNano: END,
      attributes: new Map<string, unknown>([
        ["s", "naïve text, longer than thirty-two bytes"],
        ["b", true],
        ["i", -42],
        ["big", "9007199254740993"],
        ["min", "-9223372036854775808"],
        ["d", 1.5],
        ["a", ["x", 7, null]],
        ["kv", { kind: "kvlist", entries: new Map([["inner", false]]) }],
        ["bytes", { kind: "bytes", bytes: Uint8Array.from([0, 255]) }],
        ["empty", null],
      ]),
      events: [
        {
          timeUnixNano: END,
          name: "exception",
          attributes: new Map([["exception.message", "boom"]]),
        },
      ],
      links: [
        {
          traceId: "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
          spanId: "f0f1f2f3f4f5f6f7",
          traceState: "a=b",
          attributes: new Map([["l", 1]]),
        },
      ],
      status: { code: "error", message: "failed" },
    });
    expect(bare).toEqual({
      traceId: "",
      spanId: "",
      parentSpanId: "",
      traceState: "",
      name: "",
      kind: "unspecified",
      startTimeUnixNano: 0n,
      endTimeUnixNano: 0n,
      attributes: new Map(),
      events: [],
      links: [],
      status: { code: "unset", message: "" },
    });
    expect(second).toEqual({ resource: new Map(), scopeSpans: [] });
  });

  it("skips fields it does not read, of every wire type, and a field sent with another wire type", () => {
    const plain = encode(fullRequest);
    // Field 15 (varint), field 14 (fixed64), field 13 (length-delimited), field 12 (fixed32),
    // and field 1 as a varint, ahead of the request's own field.
    const unknown = Uint8Array.from([
      0x78, 0x96, 0x01, 0x71, 1, 2, 3, 4, 5, 6, 7, 8, 0x6a, 2, 0xff, 0xff, 0x65, 1, 2, 3, 4, 0x08,
      0x05,
    ]);
    const body = new Uint8Array(unknown.length + plain.length);
    body.set(unknown);
    body.set(plain, unknown.length);
    expect(decoded(body).request).toEqual(decoded(plain).request);
  });

  it("decodes each span again from its place in a copy of the body, as it did the first time", () => {
    const bytes = encode(fullRequest);
    const result = decodeProtobufRequest(bytes);
    if (!result.ok) throw new Error(result.message);
    bytes.fill(0);
    const wire = result.request.wire;
    expect(wire).toBeDefined();
    const spans = result.request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      if (wire === undefined || span.wireStart === undefined || span.wireEnd === undefined) {
        throw new Error("no place in the body");
      }
      const again = wire.decodeSpan(wire.body, span.wireStart, span.wireEnd);
      expect(wireFreeSpan(again)).toEqual(wireFreeSpan(span));
    }
  });

  it("gives translated documents the source span the decoded span gives, read from the body later", () => {
    const bytes = encode(fullRequest);
    const result = decodeProtobufRequest(bytes);
    if (!result.ok) throw new Error(result.message);
    const options = { indexAllAttributes: false, indexedAttributes: [] };
    const fromBody = translateTraceRequest(result.request, "otlp-grpc", true, options);
    const fromModel = translateTraceRequest(
      wireFreeRequest(result.request),
      "otlp-grpc",
      true,
      options,
    );
    // The caller's buffer may be reused once the decoder returned.
    bytes.fill(0);
    expect(fromBody.documents).toHaveLength(1);
    const [document] = fromBody.documents;
    const [expected] = fromModel.documents;
    expect(sourceSpanOf(document?.origin)).toEqual(sourceSpanOf(expected?.origin));
    expect(sourceSpanOf(document?.origin)).toMatchObject({
      name: "GET /ü",
      startTimeUnixNano: START.toString(),
      attributes: { s: "naïve text, longer than thirty-two bytes", bytes: "AP8=" },
    });
    expect(JSON.stringify(document?.origin)).toBe(JSON.stringify(expected?.origin));
  });

  it("lets the translator refuse ids of the wrong length or all zeros, as it does from JSON", () => {
    const spanWith = (ids: Record<string, Uint8Array>) => ({ name: "s", ...ids });
    const body = encode({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                spanWith({ traceId: new Uint8Array(16), spanId: SPAN_ID }),
                spanWith({ traceId: TRACE_ID.subarray(1), spanId: SPAN_ID }),
                spanWith({ traceId: TRACE_ID, spanId: new Uint8Array(8) }),
                spanWith({ traceId: TRACE_ID, spanId: SPAN_ID.subarray(4) }),
                spanWith({ traceId: TRACE_ID, spanId: SPAN_ID, parentSpanId: new Uint8Array(8) }),
                spanWith({ traceId: TRACE_ID, spanId: SPAN_ID, parentSpanId: PARENT_ID }),
              ],
            },
          ],
        },
      ],
    });
    const result = decodeProtobufRequest(body);
    if (!result.ok) throw new Error(result.message);
    const options = { indexAllAttributes: false, indexedAttributes: [] };
    const fromBytes = translateTraceRequest(result.request, "otlp-grpc", true, options);
    const fromModel = translateTraceRequest(
      wireFreeRequest(result.request),
      "otlp-grpc",
      true,
      options,
    );
    expect(fromBytes.rejected.map((span) => span.message)).toEqual([
      "trace id is all zeros",
      `trace id "a1a2a3a4a5a6a7a8a9aaabacadaeaf" is not 32 hex digits`,
      "span id is all zeros",
      `span id "14151617" is not 16 hex digits`,
      "parent span id is all zeros",
    ]);
    expect(fromModel.rejected).toEqual(fromBytes.rejected);
    expect(fromBytes.documents.map(({ document }) => document)).toEqual(
      fromModel.documents.map(({ document }) => document),
    );
    expect(fromBytes.documents[0]?.document).toMatchObject({
      trace_id: "1-a0a1a2a3-a4a5a6a7a8a9aaabacadaeaf",
      id: "1011121314151617",
      parent_id: "f0f1f2f3f4f5f6f7",
    });
  });

  it("refuses a value nested deeper than the limit, and takes one at the limit", () => {
    const nested = (levels: number): Record<string, unknown> => {
      let value: Record<string, unknown> = { stringValue: "leaf" };
      for (let level = 0; level < levels; level++) value = { arrayValue: { values: [value] } };
      return value;
    };
    const body = (levels: number) =>
      encode({
        resourceSpans: [
          { scopeSpans: [{ spans: [{ attributes: [{ key: "deep", value: nested(levels) }] }] }] },
        ],
      });
    expect(decodeProtobufRequest(body(MAX_VALUE_DEPTH)).ok).toBe(true);
    const deep = decodeProtobufRequest(body(MAX_VALUE_DEPTH + 1));
    expect(deep.ok ? "decoded" : deep.message).toBe(
      `an attribute value nests deeper than ${MAX_VALUE_DEPTH} levels`,
    );
  });

  it("names what is wrong with a body that is not protobuf", () => {
    const cases: [Uint8Array, string][] = [
      [Uint8Array.from([0x0a, 0x05, 0x01]), "index out of range: 2 + 5 > 3"],
      [Uint8Array.from([0x0f]), "invalid wire type 7 at offset 1"],
      [Uint8Array.from([0x00]), "invalid field number 0 at offset 0"],
      [
        Uint8Array.from(Array.from({ length: 11 }, () => 0xff)),
        "invalid varint encoding at offset 0",
      ],
    ];
    for (const [bytes, detail] of cases) {
      const result = decodeProtobufRequest(bytes);
      expect(result.ok ? "decoded" : result.message).toBe(
        `the body is not a protobuf ExportTraceServiceRequest (${detail})`,
      );
    }
  });
});
