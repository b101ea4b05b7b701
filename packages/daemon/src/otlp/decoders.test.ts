/**
 * The OTLP decoders on bodies written by the real OTel JS serializers and ADOT's captured
 * datagrams, and on the ways a body goes wrong: each decodes or is refused with a specific
 * message; neither decoder throws.
 */

import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { loadFixtureRun } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import { decodeJsonRequest } from "./decode-json.ts";
import { decodeProtobufRequest } from "./decode-protobuf.ts";
import { MAX_VALUE_DEPTH } from "./decode-result.ts";
import { otlpPayload } from "./udp-payload.ts";

function recordSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("decoder-test", "1.2.3");
  const server = tracer.startSpan("GET /orders", { kind: SpanKind.SERVER });
  server.setAttribute("http.route", "/orders");
  server.setAttribute("retries", 3);
  server.setAttribute("tags", ["a", "b"]);
  const parent = trace.setSpan(context.active(), server);
  const query = tracer.startSpan("SELECT orders", { kind: SpanKind.CLIENT }, parent);
  query.setStatus({ code: SpanStatusCode.ERROR, message: "deadlock" });
  query.end();
  server.end();
  return exporter.getFinishedSpans();
}

const spans = recordSpans();
const [query, server] = spans;
if (query === undefined || server === undefined) throw new Error("the tracer recorded no spans");

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function expectSameSpans(result: ReturnType<typeof decodeJsonRequest>): void {
  if (!result.ok) throw new Error(result.message);
  expect(result.spans).toBe(2);
  const scope = result.request.resourceSpans[0]?.scopeSpans[0];
  expect(scope?.scope).toEqual({ name: "decoder-test", version: "1.2.3" });
  const byName = new Map(scope?.spans.map((span) => [span.name, span]));
  const decodedServer = byName.get("GET /orders");
  const decodedQuery = byName.get("SELECT orders");
  expect(decodedServer?.traceId).toBe(server?.spanContext().traceId);
  expect(decodedServer?.spanId).toBe(server?.spanContext().spanId);
  expect(decodedServer?.kind).toBe("server");
  expect(decodedServer?.attributes.get("http.route")).toBe("/orders");
  expect(decodedServer?.attributes.get("tags")).toEqual(["a", "b"]);
  expect(decodedQuery?.parentSpanId).toBe(server?.spanContext().spanId);
  expect(decodedQuery?.kind).toBe("client");
  expect(decodedQuery?.status).toEqual({ code: "error", message: "deadlock" });
  const [seconds, nanos] = server?.startTime ?? [0, 0];
  expect(decodedServer?.startTimeUnixNano).toBe(BigInt(seconds) * 1_000_000_000n + BigInt(nanos));
}

describe("decodeProtobufRequest", () => {
  it("decodes what the OTel JS protobuf serializer writes", () => {
    const bytes = ProtobufTraceSerializer.serializeRequest(spans);
    if (bytes === undefined) throw new Error("the serializer wrote nothing");
    expectSameSpans(decodeProtobufRequest(bytes));
  });

  it("decodes every captured ADOT T1S/T1U body", () => {
    const captures = loadFixtureRun("adot-otlp-udp");
    expect(captures.length).toBeGreaterThan(0);
    for (const capture of captures) {
      const payload = otlpPayload(capture.bytes);
      if (!payload.ok) throw new Error(payload.message);
      const result = decodeProtobufRequest(payload.protobuf);
      if (!result.ok) throw new Error(result.message);
      expect(result.spans).toBeGreaterThan(0);
      for (const resource of result.request.resourceSpans) {
        for (const scope of resource.scopeSpans) {
          for (const span of scope.spans) expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
        }
      }
    }
  });

  it("refuses a body cut short and bytes that are not a trace request, naming the failure", () => {
    const bytes = ProtobufTraceSerializer.serializeRequest(spans);
    if (bytes === undefined) throw new Error("the serializer wrote nothing");
    const cut = decodeProtobufRequest(bytes.subarray(0, bytes.length - 7));
    expect(cut).toMatchObject({ ok: false });
    expect(cut.ok ? "" : cut.message).toMatch(
      /^the body is not a protobuf ExportTraceServiceRequest \(.+\)$/,
    );
    const garbage = decodeProtobufRequest(encoder.encode("this is not protobuf at all"));
    expect(garbage.ok ? "" : garbage.message).toMatch(/ExportTraceServiceRequest/);
  });

  it("returns a result, never throws, for every prefix and for random bytes", () => {
    const bytes = ProtobufTraceSerializer.serializeRequest(spans);
    if (bytes === undefined) throw new Error("the serializer wrote nothing");
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % 256;
    };
    const inputs = [
      ...Array.from({ length: bytes.length }, (_, end) => bytes.subarray(0, end)),
      ...Array.from({ length: 200 }, (_, i) => Uint8Array.from({ length: 1 + i }, random)),
    ];
    for (const input of inputs) {
      const result = decodeProtobufRequest(input);
      expect(result.ok || result.message.length > 0).toBe(true);
    }
  });
});

describe("decodeJsonRequest", () => {
  const json = decoder.decode(JsonTraceSerializer.serializeRequest(spans));

  it("decodes what the OTel JS JSON serializer writes (hex ids, 64-bit times as strings)", () => {
    expectSameSpans(decodeJsonRequest(json));
  });

  it("reads 64-bit times written as numbers too", () => {
    const body = JSON.parse(json);
    const span = body.resourceSpans[0].scopeSpans[0].spans[0];
    span.startTimeUnixNano = 1_700_000_000_000;
    const result = decodeJsonRequest(JSON.stringify(body));
    if (!result.ok) throw new Error(result.message);
    expect(result.request.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.startTimeUnixNano).toBe(
      1_700_000_000_000n,
    );
  });

  it("refuses a value of the wrong type with its path", () => {
    const cases: [mutate: (span: Record<string, unknown>) => void, message: RegExp][] = [
      [
        (span) => {
          span.traceId = "not-hex";
        },
        /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]\.traceId must be 32 hex characters, found "not-hex"$/,
      ],
      [
        (span) => {
          span.spanId = 42;
        },
        /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]\.spanId must be 16 hex characters/,
      ],
      [
        (span) => {
          span.startTimeUnixNano = { seconds: 1 };
        },
        /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]\.startTimeUnixNano must be /,
      ],
      [
        (span) => {
          span.attributes = "none";
        },
        /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]\.attributes must be /,
      ],
    ];
    for (const [mutate, message] of cases) {
      const body = JSON.parse(json);
      mutate(body.resourceSpans[0].scopeSpans[0].spans[1]);
      const result = decodeJsonRequest(JSON.stringify(body));
      expect(result.ok ? "decoded" : result.message).toMatch(message);
    }
  });

  it("refuses text that is not JSON, and attribute values nested too deep", () => {
    const notJson = decodeJsonRequest('{"resourceSpans": [');
    expect(notJson.ok ? "" : notJson.message).toMatch(/^the body is not JSON \(/);
    let value: unknown = { stringValue: "leaf" };
    for (let depth = 0; depth <= MAX_VALUE_DEPTH; depth++)
      value = { arrayValue: { values: [value] } };
    const body = JSON.parse(json);
    body.resourceSpans[0].scopeSpans[0].spans[0].attributes = [{ key: "deep", value }];
    const deep = decodeJsonRequest(JSON.stringify(body));
    expect(deep.ok ? "decoded" : deep.message).toMatch(/deeper than/);
  });
});
