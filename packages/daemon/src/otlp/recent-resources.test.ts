/**
 * Resources read again from the same bytes: the decoder gives the attributes it decoded
 * before, never for bytes that differ, never for bytes that did not decode, and the spans'
 * documents are the same as when every resource is decoded anew.
 */

import {
  type OtlpTraceRequest,
  type OtlpValue,
  translateTraceRequest,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { decodeProtobufRequest } from "./decode-protobuf.ts";
import { encodeProtobufRequest } from "./encode-protobuf.ts";
import { MAX_REMEMBERED_RESOURCE_BYTES, RECENT_RESOURCES } from "./recent-resources.ts";

const OPTIONS = { indexAllAttributes: false, indexedAttributes: [] } as const;

function request(service: string, extra: Record<string, OtlpValue> = {}): OtlpTraceRequest {
  return {
    resourceSpans: [
      {
        resource: new Map<string, OtlpValue>([
          ["service.name", service],
          ["cloud.provider", "aws"],
          ["cloud.platform", "aws_ecs"],
          ["service.version", "1.2.3"],
          ...Object.entries(extra),
        ]),
        scopeSpans: [
          {
            scope: { name: "scope", version: "1" },
            spans: [
              {
                traceId: "5759e988bd862e3fe1be46a994272793",
                spanId: "53995c3f42cd8ad8",
                parentSpanId: "",
                traceState: "",
                name: "GET /orders",
                kind: "server",
                startTimeUnixNano: 1_700_000_000_000_000_000n,
                endTimeUnixNano: 1_700_000_001_000_000_000n,
                attributes: new Map([["http.method", "GET"]]),
                events: [],
                links: [],
                status: { code: "unset", message: "" },
              },
            ],
          },
        ],
      },
    ],
  };
}

function resourceOf(body: Uint8Array) {
  const decoded = decodeProtobufRequest(body, { forFiling: true });
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.request.resourceSpans[0]?.resource;
}

function documentsOf(body: Uint8Array) {
  const decoded = decodeProtobufRequest(body);
  if (!decoded.ok) throw new Error(decoded.message);
  return translateTraceRequest(decoded.request, "otlp-udp", true, OPTIONS).documents.map(
    ({ document }) => JSON.stringify(document),
  );
}

describe("resources read again from the same bytes", () => {
  it("give the attributes decoded the first time, with the same documents", () => {
    const body = encodeProtobufRequest(request("orders"));
    const first = resourceOf(body);
    const again = resourceOf(encodeProtobufRequest(request("orders")));
    expect(again).toBe(first);
    expect(Object.fromEntries(again ?? [])).toMatchObject({ "service.name": "orders" });
    // The same documents as translating the request's own (never decoded) resource.
    const fresh = translateTraceRequest(request("orders"), "otlp-udp", true, OPTIONS);
    expect(documentsOf(body)).toEqual(
      fresh.documents.map(({ document }) => JSON.stringify(document)),
    );
    expect(documentsOf(body)[0]).toContain('"name":"orders"');
  });

  it("decode a resource that differs by one byte anew", () => {
    const orders = resourceOf(encodeProtobufRequest(request("orders")));
    const others = resourceOf(encodeProtobufRequest(request("orderz")));
    expect(others).not.toBe(orders);
    expect(others?.get("service.name")).toBe("orderz");
    expect(documentsOf(encodeProtobufRequest(request("orderz")))[0]).toContain('"name":"orderz"');
  });

  it(`keep the last ${RECENT_RESOURCES} resources`, () => {
    const services = Array.from({ length: RECENT_RESOURCES + 1 }, (_, i) => `service-${i}`);
    const first = services.map((name) => resourceOf(encodeProtobufRequest(request(name))));
    // The newest are kept; the oldest was let go and is decoded anew.
    const last = services.at(-1) as string;
    expect(resourceOf(encodeProtobufRequest(request(last)))).toBe(first.at(-1));
    expect(resourceOf(encodeProtobufRequest(request(services[0] as string)))).not.toBe(first[0]);
  });

  it("decode a resource over the size kept every time", () => {
    const big = { "big.value": "x".repeat(MAX_REMEMBERED_RESOURCE_BYTES) };
    const body = encodeProtobufRequest(request("orders", big));
    expect(resourceOf(body)).not.toBe(resourceOf(body));
  });

  it("refuse a damaged resource every time, after the same resource decoded whole", () => {
    const whole = encodeProtobufRequest(request("orders"));
    resourceOf(whole);
    // The resource's length says more bytes than the body has: cut inside the resource.
    const cut = whole.subarray(0, 12);
    const refusals = [decodeProtobufRequest(cut), decodeProtobufRequest(cut)];
    expect(refusals.map((result) => result.ok)).toEqual([false, false]);
    expect(refusals[1]).toEqual(refusals[0]);
    expect(resourceOf(whole)?.get("service.name")).toBe("orders");
  });
});
