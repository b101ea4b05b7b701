/**
 * A document's `cause` as OpenTelemetry exception events (`exception.type`,
 * `exception.message`, `exception.stacktrace`), one per exception, at the document's end.
 * A cause that names an exception recorded elsewhere (a bare id) gives no event.
 */

import type { DocumentFields, ExceptionRecord, StackFrame } from "../document.ts";
import type { OtlpEvent, OtlpValue } from "../otlp/otlp-model.ts";

/** Frames as a JavaScript-style stack (`    at label (path:line)`), one per line. */
export function stackText(type: string, message: string, stack: readonly StackFrame[]): string {
  const head = message === "" ? type : `${type}: ${message}`;
  const lines = stack.map((frame) => {
    const where = `${frame.path ?? "<unknown>"}${typeof frame.line === "number" ? `:${frame.line}` : ""}`;
    return frame.label ? `    at ${frame.label} (${where})` : `    at ${where}`;
  });
  return [head, ...lines].join("\n");
}

export function exceptionEvents(document: DocumentFields, timeUnixNano: bigint): OtlpEvent[] {
  const cause = document.cause;
  if (cause === undefined || typeof cause !== "object" || !Array.isArray(cause.exceptions)) {
    return [];
  }
  return cause.exceptions
    .filter(
      (exception): exception is ExceptionRecord =>
        typeof exception === "object" && exception !== null,
    )
    .map((exception) => {
      const attributes = new Map<string, OtlpValue>();
      const type = typeof exception.type === "string" ? exception.type : "";
      const message = typeof exception.message === "string" ? exception.message : "";
      if (type !== "") attributes.set("exception.type", type);
      if (message !== "") attributes.set("exception.message", message);
      if (Array.isArray(exception.stack) && exception.stack.length > 0) {
        attributes.set(
          "exception.stacktrace",
          stackText(type || "Error", message, exception.stack),
        );
      }
      if (exception.remote === true) attributes.set("aws.xray.exception.remote", true);
      return { timeUnixNano, name: "exception", attributes };
    });
}

/** The first exception's message: the span status message of a failed document. */
export function firstExceptionMessage(document: DocumentFields): string {
  const cause = document.cause;
  if (cause === undefined || typeof cause !== "object" || !Array.isArray(cause.exceptions)) {
    return "";
  }
  const first = cause.exceptions[0];
  return typeof first?.message === "string" ? first.message : "";
}
