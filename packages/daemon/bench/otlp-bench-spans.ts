/**
 * The spans `pnpm bench:otlp` and `pnpm bench:otlp-translate` send: made by the real OTel SDK
 * (HTTP server spans with a database child, attributes as instrumentations set them), one
 * request in 50 failing with a recorded exception; the bodies and datagrams that carry them;
 * and the X-Ray documents they translate to.
 */

import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import type { translateTraceRequest } from "@xray-sandbox/segments";
import type { decodeProtobufRequest } from "../src/otlp/decode-protobuf.ts";

export function makeSpans(requests: number): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": "social-feed",
      "service.version": "1.4.2",
      "telemetry.sdk.language": "nodejs",
      "host.name": "dev-laptop",
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("@opentelemetry/instrumentation-http", "0.219.0");
  for (let i = 0; i < requests; i++) {
    const server = tracer.startSpan("GET /users/:id/feed", {
      kind: SpanKind.SERVER,
      attributes: {
        "http.request.method": "GET",
        "url.full": `http://127.0.0.1:3000/users/${i}/feed?limit=20`,
        "url.path": `/users/${i}/feed`,
        "http.route": "/users/:id/feed",
        "http.response.status_code": i % 50 === 0 ? 500 : 200,
        "user_agent.original": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
        "client.address": "127.0.0.1",
        "network.protocol.version": "1.1",
        "user.id": `user-${i % 97}`,
        "aws.xray.annotations": ["user.id"],
      },
    });
    const query = tracer.startSpan(
      "SELECT posts",
      {
        kind: SpanKind.CLIENT,
        attributes: {
          "db.system": "sqlite",
          "db.name": "social",
          "db.statement":
            "SELECT id, author, body FROM posts WHERE author IN (?) ORDER BY created DESC LIMIT 20",
        },
      },
      trace.setSpan(ROOT_CONTEXT, server),
    );
    if (i % 50 === 0) {
      query.recordException(new Error("database is locked"));
      query.setStatus({ code: SpanStatusCode.ERROR });
    }
    query.end();
    server.end();
  }
  return exporter.getFinishedSpans();
}

/** `items` in consecutive batches of `size` (the last one may be shorter). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The spans as OTLP/HTTP protobuf bodies (`ExportTraceServiceRequest`) of 512 spans. */
export function protobufBodies(spans: readonly ReadableSpan[]): Uint8Array[] {
  return batches(spans, 512).map(
    (batch) => ProtobufTraceSerializer.serializeRequest(batch) as Uint8Array,
  );
}

/** The spans as ADOT's OTLP-UDP exporter sends them: `T1S` datagrams of 10 spans. */
export function adotDatagrams(spans: readonly ReadableSpan[]): Uint8Array[] {
  const encoder = new TextEncoder();
  return batches(spans, 10).map((batch) => {
    const body = Buffer.from(
      ProtobufTraceSerializer.serializeRequest(batch) as Uint8Array,
    ).toString("base64");
    return encoder.encode(`{"format":"json","version":1}\nT1S${body}`);
  });
}

/** What the benches translate with: no attribute indexed beyond `aws.xray.annotations`. */
export const TRANSLATE = { indexAllAttributes: false, indexedAttributes: [] } as const;

/**
 * The X-Ray documents the spans of `bodies` (protobuf OTLP requests) translate to, as JSON
 * text: what the benches send the X-Ray JSON path. The decoder and the translator are
 * given, so that a bench can take them from another checkout.
 */
export function translatedTexts(
  bodies: readonly Uint8Array[],
  decode: typeof decodeProtobufRequest,
  translate: typeof translateTraceRequest,
): string[] {
  return bodies.flatMap((body) => {
    const decoded = decode(body);
    if (!decoded.ok) throw new Error(decoded.message);
    return translate(decoded.request, "otlp-http-protobuf", true, TRANSLATE).documents.map(
      ({ document }) => JSON.stringify(document),
    );
  });
}
