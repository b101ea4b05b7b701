/**
 * The OpenTelemetry counterparts of `AWSXRay.captureFunc` and `captureAsyncFunc`:
 * `tracer.startActiveSpan` makes the span current while `work` runs (awaits included),
 * so spans started inside nest under it. The span ends when the work does; a failure is
 * recorded on it as an exception event with status ERROR (the X-Ray document's fault
 * and `cause`), except a client error (a 4xx `HttpError`), which is the caller's mistake.
 */

import { type Span, SpanStatusCode, trace } from "@opentelemetry/api";
import { HttpError } from "../http-error.ts";

export const TRACER_NAME = "sample-backend-otel";

export const tracer = trace.getTracer(TRACER_NAME);

/** Synchronous work in a span of its own. */
export function inSpan<T>(name: string, work: (span: Span) => T): T {
  return tracer.startActiveSpan(name, (span) => {
    try {
      return work(span);
    } catch (error) {
      if (!isClientError(error)) recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Asynchronous work in a span of its own; the span stays current across its awaits. */
export function inSpanAsync<T>(name: string, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      if (!isClientError(error)) recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

export function recordFailure(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  else span.recordException(String(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

function isClientError(error: unknown): boolean {
  return error instanceof HttpError && error.status < 500;
}
