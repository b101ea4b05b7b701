/**
 * The trace doctor on what the real OpenTelemetry JS SDK sends over OTLP/HTTP: a W3C trace id
 * is never called invalid, the note says what real X-Ray needs, and an indexed attribute whose
 * key the translation rewrote is named.
 */

import { SpanKind } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { type IdGenerator, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { TraceProblemsBody } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { getJson, startTestDaemon, traceId } from "./support/daemon.ts";

let daemon: Daemon;

beforeAll(async () => {
  daemon = await startTestDaemon();
});

afterAll(() => daemon.close());

/**
 * Like OpenTelemetry's default generator (random bits, no time), with the first 32 bits fixed
 * far from now so that the test never depends on chance.
 */
const randomIds: IdGenerator = {
  generateTraceId: () => `0badc0de${hex(24)}`,
  generateSpanId: () => hex(16),
};

function hex(digits: number): string {
  let text = "";
  for (let i = 0; i < digits; i++) text += Math.floor(Math.random() * 16).toString(16);
  return text.replace(/^0+$/, "1");
}

describe("the trace doctor on the OpenTelemetry SDK's real spans", () => {
  it("explains a random trace id instead of calling it invalid, and names a rewritten annotation key", async () => {
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ "service.name": "otel-doctor" }),
      idGenerator: randomIds,
      spanProcessors: [
        new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${daemon.url}/v1/traces` })),
      ],
    });
    const span = provider.getTracer("trace-doctor-test").startSpan("GET /plans", {
      kind: SpanKind.SERVER,
      attributes: { "user.tier": "gold", "aws.xray.annotations": ["user.tier"] },
    });
    span.end();
    await provider.forceFlush();
    await provider.shutdown();
    const otelId = span.spanContext().traceId;
    const id = traceId(`1-${otelId.slice(0, 8)}-${otelId.slice(8)}`);
    await vi.waitFor(() => expect(daemon.store.getTrace(id)).toBeDefined(), {
      timeout: 15_000,
      interval: 20,
    });
    const body = await getJson<TraceProblemsBody>(daemon, `/api/traces/${id}/problems`);
    const codes = body.problems.map((problem) => problem.code);
    expect(codes).not.toContain("trace-id-invalid");
    expect(new Set(codes)).toEqual(new Set(["otel-trace-id-random", "annotation-key-rewritten"]));
    const random = body.problems.find((problem) => problem.code === "otel-trace-id-random");
    expect(random).toMatchObject({ severity: "info", sdk: "otel" });
    expect(random?.fix.otel).toContain("AWSXRayIdGenerator");
    const rewritten = body.problems.find((problem) => problem.code === "annotation-key-rewritten");
    expect(rewritten?.message).toContain("annotation.user_tier");
  });
});
