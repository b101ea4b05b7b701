/**
 * The spans `pnpm bench:otlp` and `pnpm bench:otlp-translate` send: made by the real OTel SDK
 * (HTTP server spans with a database child, attributes as instrumentations set them), one
 * request in 50 failing with a recorded exception.
 */

import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

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
