/**
 * The protobuf decoder's filing mode against its whole decoding: the same verdict (and
 * refusal message) for every body, however broken, and the same spans but for attributes
 * outside `FILING_ATTRIBUTES`.
 */

import { loadFixtureRun, seededRandom } from "@xray-sandbox/fixtures";
import {
  FILING_ATTRIBUTES,
  type OtlpSpan,
  type OtlpTraceRequest,
  type OtlpValue,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { decodeProtobufRequest } from "./decode-protobuf.ts";
import { MAX_VALUE_DEPTH } from "./decode-result.ts";
import { encodeProtobufRequest } from "./encode-protobuf.ts";
import { ExportTraceServiceRequest } from "./otlp-schema.ts";
import { otlpPayload } from "./udp-payload.ts";

const TRACE = "5759e988bd862e3fe1be46a994272793";

function nested(depth: number): OtlpValue {
  let value: OtlpValue = "bottom";
  for (let i = 0; i < depth; i++)
    value = i % 2 === 0 ? [value, i] : { kind: "kvlist", entries: new Map([["k", value]]) };
  return value;
}

function span(spanId: string, values: Record<string, OtlpValue>): OtlpSpan {
  return {
    traceId: TRACE,
    spanId,
    parentSpanId: "",
    traceState: "",
    name: "GET /",
    kind: "client",
    startTimeUnixNano: 1_700_000_000_000_000_000n,
    endTimeUnixNano: 1_700_000_001_000_000_000n,
    attributes: new Map(Object.entries(values)),
    events: [
      {
        timeUnixNano: 1_700_000_000_500_000_000n,
        name: "exception",
        attributes: new Map([["exception.message", "boom"]]),
      },
    ],
    links: [],
    status: { code: "error", message: "failed" },
  };
}

const request: OtlpTraceRequest = {
  resourceSpans: [
    {
      resource: new Map<string, OtlpValue>([["service.name", "orders"]]),
      scopeSpans: [
        {
          scope: { name: "scope", version: "1" },
          spans: [
            span("0000000000000001", {
              "peer.service": "payments",
              "http.method": "GET",
              "db.name": "shop",
              "rpc.system": "aws-api",
              "aws.remote.service": "AWS::S3",
              count: 42,
              ratio: 0.5,
              flag: true,
              list: ["a", 1, null, { kind: "bytes", bytes: Uint8Array.from([1, 2]) }],
              deep: nested(20),
              empty: null,
            }),
            span("0000000000000002", { "aws.span.kind": "LOCAL_ROOT", "net.peer.name": "db" }),
          ],
        },
      ],
    },
  ],
};

function filingView(spans: readonly OtlpSpan[]): unknown[] {
  return spans.map((one) => ({
    ...one,
    attributes: [...one.attributes].filter(([key]) => FILING_ATTRIBUTES.has(key)),
  }));
}

function spansOf(decoded: OtlpTraceRequest): OtlpSpan[] {
  return decoded.resourceSpans.flatMap((resource) =>
    resource.scopeSpans.flatMap((scope) => scope.spans),
  );
}

/** Both decodings of `body`: the same verdict, and the same spans as far as filing reads them. */
function expectSameDecoding(body: Uint8Array): boolean {
  const whole = decodeProtobufRequest(body);
  const filing = decodeProtobufRequest(body, { forFiling: true });
  expect(filing.ok).toBe(whole.ok);
  if (!whole.ok || !filing.ok) {
    expect(filing).toEqual(whole);
    return false;
  }
  expect(filing.spans).toBe(whole.spans);
  expect(filing.request.filingAttributesOnly).toBe(true);
  expect(filingView(spansOf(filing.request))).toEqual(filingView(spansOf(whole.request)));
  return true;
}

describe("decoding protobuf for filing", () => {
  it("gives the attributes filing reads, and every other span field, as decoding whole does", () => {
    const body = encodeProtobufRequest(request);
    expect(expectSameDecoding(body)).toBe(true);
    const filing = decodeProtobufRequest(body, { forFiling: true });
    if (!filing.ok) throw new Error(filing.message);
    expect([...(spansOf(filing.request)[0]?.attributes.keys() ?? [])]).toEqual([
      "peer.service",
      "db.name",
      "rpc.system",
      "aws.remote.service",
    ]);
  });

  it("decodes the captured ADOT datagrams as decoding whole does", () => {
    for (const datagram of loadFixtureRun("adot-otlp-udp")) {
      const payload = otlpPayload(datagram.bytes);
      if (!payload.ok) throw new Error(payload.message);
      expect(expectSameDecoding(payload.protobuf)).toBe(true);
    }
  });

  it("refuses exactly the bodies decoding whole refuses: every truncation, random damage, too deep", () => {
    const body = encodeProtobufRequest(request);
    let refused = 0;
    for (let length = 0; length < body.length; length++) {
      if (!expectSameDecoding(body.subarray(0, length))) refused++;
    }
    const random = seededRandom(14);
    for (let i = 0; i < 1_500; i++) {
      const damaged = Uint8Array.from(body);
      for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
        damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      }
      if (!expectSameDecoding(damaged)) refused++;
    }
    expect(refused).toBeGreaterThan(100);
    const deepValue = (levels: number): Record<string, unknown> => {
      let value: Record<string, unknown> = { stringValue: "leaf" };
      for (let level = 0; level < levels; level++) value = { arrayValue: { values: [value] } };
      return value;
    };
    const deepBody = (levels: number, key: string) =>
      ExportTraceServiceRequest.encode(
        ExportTraceServiceRequest.fromObject({
          resourceSpans: [
            { scopeSpans: [{ spans: [{ attributes: [{ key, value: deepValue(levels) }] }] }] },
          ],
        }),
      ).finish();
    for (const key of ["deep", "peer.service"]) {
      expect(expectSameDecoding(deepBody(MAX_VALUE_DEPTH, key))).toBe(true);
      const tooDeep = deepBody(MAX_VALUE_DEPTH + 1, key);
      expect(expectSameDecoding(tooDeep)).toBe(false);
    }
  });
});
