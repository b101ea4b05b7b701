/**
 * `--forward otlp-http://` and `otlp-grpc://`, end to end over real sockets: two Express
 * services instrumented with the real aws-xray-sdk-core send X-Ray datagrams to one sandbox,
 * which forwards every stored document as OTLP over HTTP and over gRPC to an in-test receiver
 * that decodes with the official protobuf definitions, and to two more sandboxes' OTLP ingest.
 * Every span is compared field by field with the mapping table (docs/forwarding.md). Then the
 * failure paths: a receiver that fails (retries counted), one that refuses (failed, no
 * retries), a full queue (drops counted), and ingest goes on through all of them.
 */

import { status as grpcStatus } from "@grpc/grpc-js";
import type {
  AssembledTrace,
  ForwardStats,
  OtlpValue,
  SegmentDocument,
  SubsegmentDocument,
  TraceNode,
} from "@xray-sandbox/segments";
import { walkTree } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { encodeProtobufRequest } from "../src/otlp/encode-protobuf.ts";
import { fetchStats, startTestDaemon } from "./support/daemon.ts";
import {
  attribute,
  type OtlpTestReceiver,
  type ReceivedSpan,
  startOtlpTestReceiver,
} from "./support/otlp-receiver.ts";
import { segmentDatagram } from "./support/segments.ts";
import { sendDatagrams } from "./support/udp.ts";
import { startXRayExpressApps, type XRayExpressApps } from "./support/xray-express-apps.ts";

const WAIT = { timeout: 30_000, interval: 50 };

let receiver: OtlpTestReceiver;
let viaHttp: Daemon;
let viaGrpc: Daemon;
let sandbox: Daemon;
let apps: XRayExpressApps | undefined;

beforeAll(async () => {
  receiver = await startOtlpTestReceiver();
  viaHttp = await startTestDaemon();
  viaGrpc = await startTestDaemon({ otlpGrpc: { host: "127.0.0.1", port: 0 } });
  sandbox = await startTestDaemon({
    forwardTo: [
      `otlp-http://127.0.0.1:${receiver.httpPort}`,
      `otlp-grpc://127.0.0.1:${receiver.grpcPort}`,
      `otlp-http://127.0.0.1:${viaHttp.httpAddress.port}/v1/traces`,
      `otlp-grpc://${viaGrpc.otlp.grpc[0]}`,
    ],
  });

  apps = await startXRayExpressApps(sandbox.sdkAddress, (frontend, { AWSXRay, callBackend }) => {
    frontend.get("/call", async (_req, res) => {
      AWSXRay.getSegment()?.addAnnotation("tier", "gold");
      AWSXRay.getSegment()?.addMetadata("cart", { items: 3 }, "shop");
      await AWSXRay.captureAsyncFunc("load-order", async (sub) => {
        sub?.addAnnotation("order_id", 1234);
        sub?.close();
      });
      res.type("json").send(await callBackend());
    });
    frontend.get("/missing", (_req, res) => {
      res.status(404).json({ error: "no such order" });
    });
    frontend.get("/fail", () => {
      throw new Error("checkout exploded");
    });
  });
});

afterAll(async () => {
  apps?.close();
  await sandbox?.close();
  await Promise.all([viaHttp?.close(), viaGrpc?.close(), receiver?.close()]);
});

/** Calls the frontend; resolves with the trace once `segments` segments of it are stored. */
async function request(path: string, segments: number): Promise<AssembledTrace> {
  if (!apps) throw new Error("the instrumented services did not start");
  const id = await apps.call(path);
  return vi.waitFor(() => {
    const trace = sandbox.store.getTrace(id);
    expect(trace?.segments).toHaveLength(segments);
    return trace as AssembledTrace;
  }, WAIT);
}

function nodesOf(trace: AssembledTrace): TraceNode[] {
  const nodes: TraceNode[] = [];
  walkTree(trace.segments, (node) => {
    nodes.push(node);
  });
  return nodes;
}

function w3c(xrayTraceId: string): string {
  return xrayTraceId.slice(2, 10) + xrayTraceId.slice(11);
}

/** The receiver's spans of one transport, once every node of the trace has arrived. */
async function receivedSpans(
  trace: AssembledTrace,
  transport: "http" | "grpc",
): Promise<Map<string, ReceivedSpan>> {
  const ids = nodesOf(trace).map((node) => node.document.id);
  return vi.waitFor(() => {
    const spans = new Map(
      receiver
        .spans()
        .filter((span) => span.traceId === w3c(trace.id))
        .filter((span) =>
          receiver.requests.some(
            (received) =>
              received.transport === transport &&
              received.body.resourceSpans?.some((resourceSpans) =>
                resourceSpans.scopeSpans?.some((scopeSpans) =>
                  scopeSpans.spans?.some((s) => s.spanId === span.spanId),
                ),
              ),
          ),
        )
        .map((span) => [span.spanId, span]),
    );
    expect([...spans.keys()].sort()).toEqual([...ids].sort());
    return spans;
  }, WAIT);
}

/** Seconds as the nanosecond decimal string OTLP carries, to the microsecond. */
function nanos(seconds: number | undefined): string {
  return (BigInt(Math.round((seconds ?? 0) * 1_000_000)) * 1000n).toString();
}

/** One node against its span, rule by rule of the mapping table. */
function expectMapped(node: TraceNode, span: ReceivedSpan, trace: AssembledTrace): void {
  const document = node.document as SegmentDocument & SubsegmentDocument;
  const segment = trace.segments.find((top) => top.document.id === node.segmentId);
  // Ids, names, times, nesting.
  expect(span.traceId).toBe(w3c(trace.id));
  expect(span.name).toBe(document.name);
  expect(span.startTimeUnixNano).toBe(nanos(document.start_time));
  expect(span.endTimeUnixNano).toBe(nanos(document.end_time));
  expect(span.parentSpanId).toBe(node.parentId);
  // Kinds.
  const kind =
    node.kind === "segment"
      ? "SPAN_KIND_SERVER"
      : document.namespace === "remote" || document.namespace === "aws"
        ? "SPAN_KIND_CLIENT"
        : "SPAN_KIND_INTERNAL";
  expect(span.kind).toBe(kind);
  // Resource: the service.
  expect(attribute(span.resource, "service.name")).toBe(segment?.document.name);
  expect(attribute(span.resource, "telemetry.sdk.name")).toBe("X-Ray for Node.js");
  expect(attribute(span.resource, "telemetry.sdk.language")).toBe("nodejs");
  // HTTP.
  const http = document.http;
  expect(attribute(span.attributes, "http.request.method")).toBe(http?.request?.method);
  expect(attribute(span.attributes, "url.full")).toBe(http?.request?.url);
  expect(attribute(span.attributes, "http.response.status_code")).toBe(http?.response?.status);
  expect(attribute(span.attributes, "client.address")).toBe(http?.request?.client_ip);
  expect(attribute(span.attributes, "user_agent.original")).toBe(http?.request?.user_agent);
  // Errors and faults.
  const failed =
    document.fault === true || (document.error === true && kind === "SPAN_KIND_CLIENT");
  expect(span.status?.code ?? "STATUS_CODE_UNSET").toBe(
    failed ? "STATUS_CODE_ERROR" : "STATUS_CODE_UNSET",
  );
  for (const flag of ["error", "fault", "throttle"] as const) {
    expect(attribute(span.attributes, `aws.xray.${flag}`)).toBe(
      document[flag] === true ? true : undefined,
    );
  }
  // Exceptions.
  const exceptions = typeof document.cause === "object" ? (document.cause.exceptions ?? []) : [];
  expect(span.events ?? []).toHaveLength(exceptions.length);
  exceptions.forEach((exception, index) => {
    const event = span.events?.[index];
    expect(event?.name).toBe("exception");
    expect(attribute(event?.attributes, "exception.type")).toBe(exception.type);
    expect(attribute(event?.attributes, "exception.message")).toBe(exception.message);
    const stack = attribute(event?.attributes, "exception.stacktrace");
    expect(stack).toContain(`${exception.type}: ${exception.message}`);
    expect(stack).toContain(exception.stack?.[0]?.path);
  });
  if (failed) expect(span.status?.message ?? "").toBe(exceptions[0]?.message ?? "");
  // Annotations.
  for (const [key, value] of Object.entries(document.annotations ?? {})) {
    expect(attribute(span.attributes, key)).toBe(value);
  }
  for (const [namespace, value] of Object.entries(document.metadata ?? {})) {
    expect(attribute(span.attributes, `aws.xray.metadata.${namespace}`)).toBe(
      JSON.stringify(value),
    );
  }
}

describe("--forward otlp-http:// and otlp-grpc:// with the real X-Ray SDK", () => {
  it.each(["http", "grpc"] as const)(
    "a call between two services arrives over OTLP/%s with services, kinds, HTTP and annotations right",
    async (transport) => {
      const trace = await request("/call", 2);
      const spans = await receivedSpans(trace, transport);
      for (const node of nodesOf(trace)) {
        expectMapped(node, spans.get(node.document.id) as ReceivedSpan, trace);
      }
      const remote = nodesOf(trace).find((node) => node.document.namespace === "remote");
      const backend = trace.segments.find((node) => node.document.name === "backend");
      expect(spans.get(remote?.document.id ?? "")?.kind).toBe("SPAN_KIND_CLIENT");
      expect(spans.get(backend?.document.id ?? "")?.parentSpanId).toBe(remote?.document.id);
      expect(
        attribute(
          spans.get(trace.segments[0]?.document.id ?? "")?.attributes,
          "aws.xray.annotations",
        ),
      ).toBeDefined();
    },
  );

  it.each(["http", "grpc"] as const)(
    "a fault with its exception, and a 404 error, arrive over OTLP/%s",
    async (transport) => {
      const fault = await request("/fail", 1);
      const faultSpans = await receivedSpans(fault, transport);
      const faultRoot = fault.segments[0] as TraceNode;
      expectMapped(faultRoot, faultSpans.get(faultRoot.document.id) as ReceivedSpan, fault);
      expect(faultSpans.get(faultRoot.document.id)?.status).toEqual({
        code: "STATUS_CODE_ERROR",
        message: "checkout exploded",
      });

      const missing = await request("/missing", 1);
      const missingSpans = await receivedSpans(missing, transport);
      const missingRoot = missing.segments[0] as TraceNode;
      expectMapped(missingRoot, missingSpans.get(missingRoot.document.id) as ReceivedSpan, missing);
      expect(
        attribute(
          missingSpans.get(missingRoot.document.id)?.attributes,
          "http.response.status_code",
        ),
      ).toBe(404);
    },
  );

  it("OTLP/HTTP exports are gzip-compressed protobuf (gRPC's: otlp-grpc-transport.test.ts)", async () => {
    await request("/missing", 1);
    await vi.waitFor(
      () => expect(receiver.requests.some((r) => r.transport === "http")).toBe(true),
      WAIT,
    );
    for (const received of receiver.requests.filter((r) => r.transport === "http")) {
      expect(received.contentEncoding).toBe("gzip");
    }
  });

  it.each([
    ["OTLP/HTTP", () => viaHttp],
    ["OTLP/gRPC", () => viaGrpc],
  ])(
    "a second sandbox fed over %s shows the same trace: services, parents, errors and faults",
    async (_label, second) => {
      const call = await request("/call", 2);
      const fault = await request("/fail", 1);
      const missing = await request("/missing", 1);
      for (const trace of [call, fault, missing]) {
        const nodes = nodesOf(trace);
        const copy = await vi.waitFor(() => {
          const found = second().store.getTrace(trace.id);
          expect(found && nodesOf(found).length).toBe(nodes.length);
          return found as AssembledTrace;
        }, WAIT);
        expect(copy.segments.map((node) => node.document.name).sort()).toEqual(
          trace.segments.map((node) => node.document.name).sort(),
        );
        const copies = new Map(nodesOf(copy).map((node) => [node.document.id, node]));
        for (const node of nodes) {
          const copied = copies.get(node.document.id);
          expect(copied?.document.name).toBe(node.document.name);
          expect(copied?.parentId).toBe(node.parentId);
          expect(copied?.segmentId).toBe(node.segmentId);
          expect(copied?.document.fault === true).toBe(node.document.fault === true);
          expect(copied?.document.error === true).toBe(node.document.error === true);
          expect(copied?.document.http?.response?.status).toBe(
            node.document.http?.response?.status,
          );
          expect(copied?.document.http?.request?.method).toBe(node.document.http?.request?.method);
          expect(copied?.document.annotations ?? {}).toEqual(node.document.annotations ?? {});
          const messages = (doc: TraceNode["document"]) =>
            typeof doc.cause === "object" ? (doc.cause.exceptions ?? []).map((e) => e.message) : [];
          expect(messages(copied?.document as TraceNode["document"])).toEqual(
            messages(node.document),
          );
        }
      }
    },
  );

  it("a span that arrived as OTLP is forwarded as itself: kind, scope, resource and attributes", async () => {
    const traceIdHex = "6a1b2c3d4e5f60718293a4b5c6d7e8f9";
    const body = encodeProtobufRequest({
      resourceSpans: [
        {
          resource: new Map<string, OtlpValue>([["service.name", "checkout-otel"]]),
          scopeSpans: [
            {
              scope: { name: "@opentelemetry/instrumentation-kafkajs", version: "0.9.0" },
              spans: [
                {
                  traceId: traceIdHex,
                  spanId: "1a2b3c4d5e6f7081",
                  parentSpanId: "",
                  traceState: "",
                  name: "orders publish",
                  kind: "producer",
                  startTimeUnixNano: 1_780_000_000_000_000_123n,
                  endTimeUnixNano: 1_780_000_000_250_000_456n,
                  attributes: new Map<string, OtlpValue>([
                    ["messaging.system", "kafka"],
                    ["messaging.batch.message_count", 3],
                  ]),
                  events: [],
                  links: [],
                  status: { code: "ok", message: "" },
                },
              ],
            },
          ],
        },
      ],
    });
    const response = await fetch(`${sandbox.url}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/x-protobuf" },
      body,
    });
    expect(response.status).toBe(200);
    const span = await vi.waitFor(() => {
      const found = receiver.spans().find((candidate) => candidate.traceId === traceIdHex);
      expect(found).toBeDefined();
      return found as ReceivedSpan;
    }, WAIT);
    expect(span).toMatchObject({
      spanId: "1a2b3c4d5e6f7081",
      name: "orders publish",
      kind: "SPAN_KIND_PRODUCER",
      startTimeUnixNano: "1780000000000000123",
      endTimeUnixNano: "1780000000250000456",
      status: { code: "STATUS_CODE_OK" },
    });
    expect(attribute(span.resource, "service.name")).toBe("checkout-otel");
    expect(attribute(span.attributes, "messaging.system")).toBe("kafka");
    expect(attribute(span.attributes, "messaging.batch.message_count")).toBe(3);
    const scopes = receiver.requests.flatMap((received) =>
      (received.body.resourceSpans ?? []).flatMap((resourceSpans) =>
        (resourceSpans.scopeSpans ?? [])
          .filter((scopeSpans) => scopeSpans.spans?.some((s) => s.traceId === traceIdHex))
          .map((scopeSpans) => scopeSpans.scope?.name),
      ),
    );
    expect(scopes[0]).toBe("@opentelemetry/instrumentation-kafkajs");
  });

  it("counts each target on its own in /api/stats", async () => {
    await request("/missing", 1);
    await vi.waitFor(async () => {
      const stats = await fetchStats(sandbox);
      expect(stats.forwards.map((entry) => entry.target)).toEqual([
        `otlp-http://127.0.0.1:${receiver.httpPort}/v1/traces`,
        `otlp-grpc://127.0.0.1:${receiver.grpcPort}`,
        `otlp-http://127.0.0.1:${viaHttp.httpAddress.port}/v1/traces`,
        `otlp-grpc://${viaGrpc.otlp.grpc[0]}`,
      ]);
      expect(stats.forward).toEqual(stats.forwards[0]);
      for (const entry of stats.forwards) {
        expect(entry).toMatchObject({
          unit: "spans",
          failed: 0,
          dropped: 0,
          queued: 0,
          lastError: null,
        });
        expect(entry.sent).toBe(stats.forwards[0]?.sent);
      }
      expect(stats.forwards[0]?.sent).toBeGreaterThan(0);
    }, WAIT);
  });
});

describe("--forward otlp when the target fails", () => {
  const fastRetries = { initialBackoffMs: 5, maxBackoffMs: 20, flushDelayMs: 5 };

  let next = 0;
  async function sendSegments(daemon: Daemon, count: number): Promise<void> {
    const datagrams = Array.from({ length: count }, () => segmentDatagram(next++));
    await sendDatagrams(daemon.udpAddress, datagrams);
    await vi.waitFor(() => expect(daemon.stats().datagrams.accepted).toBe(count), WAIT);
  }

  async function forwardStats(daemon: Daemon): Promise<ForwardStats> {
    return (await fetchStats(daemon)).forwards[0] as ForwardStats;
  }

  it("forwards a completed document once, even when it arrives twice, and an open one not at all", async () => {
    const target = await startOtlpTestReceiver();
    const daemon = await startTestDaemon(
      { forwardTo: [`otlp-http://127.0.0.1:${target.httpPort}`] },
      { otlpForwardBounds: fastRetries },
    );
    try {
      const n = next++;
      const complete = segmentDatagram(n);
      const open = new TextEncoder().encode(
        `{"format":"json","version":1}\n${JSON.stringify({
          name: "open",
          id: "00000000000abcde",
          trace_id: "1-6a0000ff-0000000000000000000000ff",
          start_time: 1_780_000_000,
          in_progress: true,
        })}`,
      );
      await sendDatagrams(daemon.udpAddress, [complete, open]);
      await vi.waitFor(() => expect(daemon.stats().datagrams.accepted).toBe(2), WAIT);
      await sendDatagrams(daemon.udpAddress, [complete]);
      await vi.waitFor(() => expect(daemon.stats().datagrams.accepted).toBe(3), WAIT);
      await daemon.close();
      expect(target.spans().map((span) => span.name)).toEqual([`service-${n}`]);
      expect(daemon.stats().forwards[0]).toMatchObject({ sent: 1, failed: 0, dropped: 0 });
    } finally {
      await daemon.close();
      await target.close();
    }
  });

  it("retries a target that answers 503, counting retries, then gives up and counts the spans failed", async () => {
    const failing = await startOtlpTestReceiver();
    failing.failWith({ kind: "always", httpStatus: 503, grpcCode: grpcStatus.UNAVAILABLE });
    const daemon = await startTestDaemon(
      { forwardTo: [`otlp-http://127.0.0.1:${failing.httpPort}`] },
      { otlpForwardBounds: { ...fastRetries, maxAttempts: 3 } },
    );
    try {
      await sendSegments(daemon, 4);
      await vi.waitFor(async () => {
        const stats = await forwardStats(daemon);
        expect(stats.sent).toBe(0);
        expect(stats.failed).toBe(4);
        expect(stats.queued).toBe(0);
        expect(stats.lastError).toBe("HTTP 503 Service Unavailable");
      }, WAIT);
      const stats = await forwardStats(daemon);
      // Three attempts per batch: two of them retries.
      expect(stats.retried * 3).toBe(failing.failures.count * 2);
    } finally {
      await daemon.close();
      await failing.close();
    }
  });

  it("recovers when the target comes back: retried spans are sent", async () => {
    const flaky = await startOtlpTestReceiver();
    flaky.failWith({ kind: "always", httpStatus: 503, grpcCode: grpcStatus.UNAVAILABLE });
    const daemon = await startTestDaemon(
      { forwardTo: [`otlp-grpc://127.0.0.1:${flaky.grpcPort}`] },
      { otlpForwardBounds: { ...fastRetries, maxAttempts: 1000 } },
    );
    try {
      await sendSegments(daemon, 3);
      await vi.waitFor(
        async () => expect((await forwardStats(daemon)).retried).toBeGreaterThan(1),
        WAIT,
      );
      flaky.failWith({ kind: "none" });
      await vi.waitFor(async () => {
        const stats = await forwardStats(daemon);
        expect(stats.sent).toBe(3);
        expect(stats.failed).toBe(0);
      }, WAIT);
      expect(flaky.spans()).toHaveLength(3);
    } finally {
      await daemon.close();
      await flaky.close();
    }
  });

  it("does not retry a refusal (400): the spans count as failed at once", async () => {
    const refusing = await startOtlpTestReceiver();
    refusing.failWith({ kind: "always", httpStatus: 400, grpcCode: grpcStatus.INVALID_ARGUMENT });
    const daemon = await startTestDaemon(
      { forwardTo: [`otlp-http://127.0.0.1:${refusing.httpPort}`] },
      { otlpForwardBounds: fastRetries },
    );
    try {
      await sendSegments(daemon, 2);
      await vi.waitFor(async () => expect((await forwardStats(daemon)).failed).toBe(2), WAIT);
      expect(await forwardStats(daemon)).toMatchObject({ sent: 0, retried: 0, dropped: 0 });
    } finally {
      await daemon.close();
      await refusing.close();
    }
  });

  it("with nothing listening, counts retries; beyond the queue's bound, drops; ingest goes on", async () => {
    const gone = await startOtlpTestReceiver();
    const port = gone.httpPort;
    await gone.close();
    const daemon = await startTestDaemon(
      { forwardTo: [`otlp-http://127.0.0.1:${port}`] },
      {
        otlpForwardBounds: {
          ...fastRetries,
          maxQueuedSpans: 5,
          maxBatchSpans: 2,
          maxAttempts: 1000,
        },
      },
    );
    try {
      await sendSegments(daemon, 40);
      await vi.waitFor(async () => {
        const stats = await forwardStats(daemon);
        expect(stats.retried).toBeGreaterThan(0);
        expect(stats.queued).toBe(5);
        expect(stats.dropped).toBe(35);
        expect(stats.lastError).toMatch(/fetch failed/);
      }, WAIT);
      expect(daemon.stats().datagrams.accepted).toBe(40);
      expect((await fetch(`${daemon.url}/api/health`)).status).toBe(200);
    } finally {
      await daemon.close();
    }
    const closed = daemon.stats().forwards[0] as ForwardStats;
    expect(closed.sent + closed.failed + closed.dropped).toBe(40);
  });
});
