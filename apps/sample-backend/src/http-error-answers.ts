/**
 * The answers to errors, without any tracing: both flavours mount these, with their own
 * tracing step between the client-error and the server-error answer.
 */

import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { HttpError } from "./http-error.ts";

function send(res: Response, error: HttpError): void {
  res
    .status(error.status)
    .set(error.headers)
    .json({ error: { message: error.message } });
}

/** Our own HttpErrors, and the 4xx errors Express's body parser raises (bad JSON, too large). */
function clientError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error.status < 500 ? error : undefined;
  if (typeof error !== "object" || error === null) return undefined;
  const status = "status" in error ? error.status : undefined;
  const message = "message" in error ? error.message : undefined;
  if (typeof status !== "number" || status < 400 || status >= 500) return undefined;
  return new HttpError(status, typeof message === "string" ? message : "bad request");
}

/**
 * Client errors are answered before the tracing step sees them: it records every error it
 * is handed as a fault with a `cause`, while a 4xx is the caller's mistake and the status
 * alone flags the segment `error` (and `throttle` for a 429).
 */
export const answerClientErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const known = clientError(error);
  if (known) send(res, known);
  else next(error);
};

/** Whatever reaches here, the tracing step before it has recorded as a fault. */
export const answerServerErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  send(res, error instanceof HttpError ? error : new HttpError(500, "internal server error"));
};

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `no route for ${req.method} ${req.path}`));
};
