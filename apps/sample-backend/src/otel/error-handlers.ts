import type { ErrorRequestHandler } from "express";
import { answerClientErrors, answerServerErrors } from "../http-error-answers.ts";
import { serverSpanOf } from "./server-span.ts";
import { recordFailure } from "./spans.ts";

/**
 * What the X-Ray SDK's `closeSegment()` does with an error: on the server span, an
 * exception event and status ERROR (the translator makes them `fault` and `cause`). The
 * http instrumentation ends the span with the response's status code.
 */
const recordFault: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const span = serverSpanOf(res);
  if (span !== undefined) recordFailure(span, error);
  next(error);
};

/** Mounted after every route, in this order: 4xx, the fault on the server span, 5xx. */
export function otelErrorHandlers(): ErrorRequestHandler[] {
  return [answerClientErrors, recordFault, answerServerErrors];
}
