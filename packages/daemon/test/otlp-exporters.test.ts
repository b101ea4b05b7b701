/**
 * The OpenTelemetry JS SDK's own OTLP exporters (protobuf and JSON over HTTP, gRPC) against
 * the daemon's listeners, read back with the real X-Ray client.
 */

import { BatchGetTracesCommand, type XRayClient } from "@aws-sdk/client-xray";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as GrpcExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { TraceDetailBody } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { fetchStats, startTestDaemon } from "./support/daemon.ts";
import { xrayClientFor } from "./support/xray-client.ts";

let daemon: Daemon;

beforeAll(async () => {
  daemon = await startTestDaemon({
    otlpHttp: { host: "127.0.0.1", port: 0 },
    otlpGrpc: { host: "127.0.0.1", port: 0 },
  });
});

afterAll(() => daemon.close());

/** One request's spans through `exporter`: a SERVER span with an SQL CLIENT child and an error. */
async function sendRequest(exporter: SpanExporter, service: string): Promise<string> {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": service }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("otlp-exporters-test");
  const server = tracer.startSpan("GET /users/:id", {
    kind: SpanKind.SERVER,
    attributes: {
      "http.request.method": "GET",
      "url.full": "http://127.0.0.1:3000/users/7",
      "http.response.status_code": 500,
      "user.tier": "gold",
      "aws.xray.annotations": ["user.tier"],
    },
  });
  // No context manager is registered here: the parent is given explicitly.
  const query = tracer.startSpan(
    "SELECT users",
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "db.system": "postgresql",
        "db.name": "social",
        "db.connection_string": "postgresql://db.local:5432",
        "db.statement": "SELECT * FROM users WHERE id = $1",
      },
    },
    trace.setSpan(ROOT_CONTEXT, server),
  );
  query.recordException(new TypeError("connection reset"));
  query.setStatus({ code: SpanStatusCode.ERROR, message: "connection reset" });
  query.end();
  server.end();
  const { traceId } = server.spanContext();
  await provider.forceFlush();
  await provider.shutdown();
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}

function xrayClient(): XRayClient {
  return xrayClientFor(daemon.url);
}

function port(address: string | undefined): number {
  return Number(address?.slice(address.lastIndexOf(":") + 1));
}

const exporters: ReadonlyArray<[string, () => SpanExporter, string]> = [
  [
    "OTLP/HTTP protobuf on the OTLP port",
    () => new ProtoExporter({ url: `http://127.0.0.1:${port(daemon.otlp.http[0])}/v1/traces` }),
    "otlp-http-protobuf",
  ],
  [
    "OTLP/HTTP JSON on the main HTTP port",
    () => new JsonExporter({ url: `${daemon.url}/v1/traces` }),
    "otlp-http-json",
  ],
  [
    "OTLP/gRPC",
    () => new GrpcExporter({ url: `http://127.0.0.1:${port(daemon.otlp.grpc[0])}` }),
    "otlp-grpc",
  ],
];

describe.each(exporters)("%s", (_name, makeExporter, transport) => {
  it("lands as one X-Ray trace: a segment for the server span, a subsegment for the query", async () => {
    const service = `users-${transport}`;
    const traceId = await sendRequest(makeExporter(), service);
    const { Traces } = await xrayClient().send(new BatchGetTracesCommand({ TraceIds: [traceId] }));
    expect(Traces).toHaveLength(1);
    const documents = (Traces?.[0]?.Segments ?? []).map((segment) =>
      JSON.parse(segment.Document ?? "{}"),
    );
    const segment = documents.find((document) => document.type !== "subsegment");
    expect(segment).toMatchObject({
      name: service,
      trace_id: traceId,
      fault: true,
      http: {
        request: { method: "GET", url: "http://127.0.0.1:3000/users/7" },
        response: { status: 500 },
      },
      annotations: { user_tier: "gold" },
    });
    // Stored as sent: the server span's segment and the query as an independent subsegment.
    const query = documents.find((document) => document.type === "subsegment");
    expect(query).toMatchObject({
      name: "social@db.local",
      namespace: "remote",
      parent_id: segment.id,
      fault: true,
      sql: { sanitized_query: "SELECT * FROM users WHERE id = $1" },
      cause: {
        exceptions: [expect.objectContaining({ type: "TypeError", message: "connection reset" })],
      },
    });
    // Each document's origin carries the span it came from (the viewer's Raw tab): for
    // protobuf, decoded again from the body the daemon kept, the first time it is read.
    const detail = (await (
      await fetch(`${daemon.url}/api/traces/${traceId}`)
    ).json()) as TraceDetailBody;
    const spans = detail.documents.map((document) =>
      document.origin?.kind === "otlp" ? document.origin.span : undefined,
    );
    expect(spans).toHaveLength(2);
    expect(spans).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          transport,
          name: "GET /users/:id",
          kind: "server",
          attributes: expect.objectContaining({ "url.full": "http://127.0.0.1:3000/users/7" }),
          resource: expect.objectContaining({ "service.name": service }),
          scope: { name: "otlp-exporters-test", version: "" },
        }),
        expect.objectContaining({
          name: "SELECT users",
          attributes: expect.objectContaining({
            "db.statement": "SELECT * FROM users WHERE id = $1",
          }),
          events: [expect.objectContaining({ name: "exception" })],
        }),
      ]),
    );
    const stats = await fetchStats(daemon);
    expect(stats.otlp.byTransport[transport as "otlp-grpc"]).toMatchObject({
      spans: 2,
      storedSpans: 2,
      rejectedSpans: 0,
    });
  });
});

describe("bad OTLP/HTTP bodies", () => {
  it("answers 400 with a Status naming the field for JSON of the wrong types, and stores nothing", async () => {
    const before = (await fetchStats(daemon)).traces;
    const response = await fetch(`${daemon.url}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 42, spanId: "00f067aa0ba902b7" }] }] }],
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 3,
      message:
        "resourceSpans[0].scopeSpans[0].spans[0].traceId must be 32 hex characters, found 42",
    });
    expect((await fetchStats(daemon)).traces).toBe(before);
  });

  it("answers 400 to bytes that are not a protobuf trace request", async () => {
    const response = await fetch(`${daemon.url}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/x-protobuf" },
      body: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/x-protobuf");
  });

  it("answers 415 to a content type OTLP does not use", async () => {
    const response = await fetch(`${daemon.url}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hello",
    });
    expect(response.status).toBe(415);
  });

  it("answers metrics and logs with success and counts them", async () => {
    for (const path of ["/v1/metrics", "/v1/logs"]) {
      const response = await fetch(`${daemon.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(200);
    }
    const stats = await fetchStats(daemon);
    expect(stats.otlp.metricsRequests).toBe(1);
    expect(stats.otlp.logsRequests).toBe(1);
  });
});
