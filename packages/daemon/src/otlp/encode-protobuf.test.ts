/** The encoder against the decoder: every model field written and read back unchanged. */

import type { OtlpTraceRequest, OtlpValue } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { decodeProtobufRequest } from "./decode-protobuf.ts";
import { encodeProtobufRequest } from "./encode-protobuf.ts";
import { wireFreeRequest } from "./wire-free-request.ts";

const request: OtlpTraceRequest = {
  resourceSpans: [
    {
      resource: new Map<string, OtlpValue>([["service.name", "orders"]]),
      scopeSpans: [
        {
          scope: { name: "scope", version: "1.0" },
          spans: [
            {
              traceId: "5759e988bd862e3fe1be46a994272793",
              spanId: "70de5b6f19ff9a0a",
              parentSpanId: "",
              traceState: "k=v",
              name: "GET /ü",
              kind: "server",
              startTimeUnixNano: 1_700_000_000_123_456_789n,
              endTimeUnixNano: 1_700_000_001_000_000_001n,
              attributes: new Map<string, OtlpValue>([
                ["s", "text"],
                ["b", true],
                ["i", -42],
                ["d", 1.5],
                ["a", ["x", 7, null]],
                ["kv", { kind: "kvlist", entries: new Map<string, OtlpValue>([["inner", false]]) }],
                ["bytes", { kind: "bytes", bytes: Uint8Array.from([0, 255]) }],
                ["empty", null],
              ]),
              events: [
                {
                  timeUnixNano: 1_700_000_000_500_000_000n,
                  name: "exception",
                  attributes: new Map<string, OtlpValue>([["exception.message", "boom"]]),
                },
              ],
              links: [
                {
                  traceId: "5759e988bd862e3fe1be46a994272793",
                  spanId: "0ab1c2d3e4f5a6b7",
                  traceState: "",
                  attributes: new Map(),
                },
              ],
              status: { code: "error", message: "boom" },
            },
          ],
        },
      ],
    },
  ],
};

describe("encodeProtobufRequest", () => {
  it("writes what decodeProtobufRequest reads back, field by field", () => {
    const decoded = decodeProtobufRequest(encodeProtobufRequest(request));
    if (!decoded.ok) throw new Error(decoded.message);
    expect({ ...decoded, request: wireFreeRequest(decoded.request) }).toEqual({
      ok: true,
      request,
      spans: 1,
    });
  });
});
