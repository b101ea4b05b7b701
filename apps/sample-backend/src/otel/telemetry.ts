/**
 * The OpenTelemetry SDK for the OpenTelemetry flavour, set up by hand with the plain SDK
 * packages (no distribution): a tracer provider with X-Ray-shaped trace ids, the X-Ray and
 * W3C propagators, the http and Express instrumentations, and an OTLP/HTTP protobuf exporter.
 * It must run before Express and `node:http` are loaded, so that the instrumentations can
 * patch them: `otel/main.ts` starts it first and imports the app afterwards.
 */

import { register } from "node:module";
import { setTimeout as delay } from "node:timers/promises";
import {
  context,
  DiagConsoleLogger,
  DiagLogLevel,
  diag,
  propagation,
  trace,
} from "@opentelemetry/api";
import { CompositePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { AWSXRayIdGenerator } from "@opentelemetry/id-generator-aws-xray";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { ExpressInstrumentation, ExpressLayerType } from "@opentelemetry/instrumentation-express";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { AWSXRayPropagator } from "@opentelemetry/propagator-aws-xray";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
} from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { OtelConfig } from "./otel-config.ts";

/** Spans are sent in batches this often, so a trace shows up in the viewer within a moment. */
const EXPORT_DELAY_MS = 200;
/**
 * Spans waiting for export at most (the SDK's default, written out): past it, new spans are
 * dropped, and the SDK says how many in a warning on stderr. One digest request is 125 spans.
 */
const MAX_QUEUED_SPANS = 2048;
const MAX_SPANS_PER_EXPORT = 512;
/**
 * How long stopping waits for the last spans to be sent. The exporter retries an endpoint that
 * does not answer for about 10 s; a stopping process gives up sooner (those spans are lost).
 */
const SHUTDOWN_WAIT_MS = 2000;
/** Paths left out of the traces, as the X-Ray flavour's sampling rule leaves out `/health`. */
const UNTRACED_PATHS: ReadonlySet<string> = new Set(["/health"]);

export interface Telemetry {
  /** Sends the spans still buffered (waiting at most 2 s) and stops the exporter. */
  shutdown(): Promise<void>;
}

export function startTelemetry(config: OtelConfig): Telemetry {
  // Dropped spans, failed exports and instrumentation problems, on stderr.
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": config.serviceName }),
    // Trace ids whose first 8 hex digits are the start time, as X-Ray's are: the X-Ray
    // trace id `1-<8 hex>-<24 hex>` is then the same id, written differently.
    idGenerator: new AWSXRayIdGenerator(),
    // Trace every request unless the caller decided otherwise (`Sampled=0` / `traceparent`).
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }), {
        scheduledDelayMillis: EXPORT_DELAY_MS,
        maxQueueSize: MAX_QUEUED_SPANS,
        maxExportBatchSize: MAX_SPANS_PER_EXPORT,
      }),
    ],
  });
  provider.register({
    // `X-Amzn-Trace-Id` in and out, so the X-Ray SDK's notifications service joins the
    // trace; `traceparent` too, for callers and services that speak W3C.
    propagator: new CompositePropagator({
      propagators: [new AWSXRayPropagator(), new W3CTraceContextPropagator()],
    }),
  });
  // The instrumentations patch CommonJS modules through `require`; this process imports
  // Express with `import`, which they see through this loader hook (import-in-the-middle),
  // limited to Express. `node:http` is patched in place when Express requires it.
  register("@opentelemetry/instrumentation/hook.mjs", import.meta.url, {
    data: { include: ["express"] },
  });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(pathOf(request.url)),
      }),
      // Only the route handlers become spans; each middleware would be one more.
      new ExpressInstrumentation({
        ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
      }),
    ],
  });
  return {
    async shutdown() {
      const waited = new AbortController();
      await Promise.race([
        provider.shutdown(),
        delay(SHUTDOWN_WAIT_MS, undefined, { signal: waited.signal }).catch(() => undefined),
      ]);
      waited.abort();
      diag.disable();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function pathOf(url: string | undefined): string {
  return (url ?? "/").split("?", 1)[0] ?? "/";
}
