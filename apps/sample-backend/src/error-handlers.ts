import type { ErrorRequestHandler } from "express";
import { answerClientErrors, answerServerErrors } from "./http-error-answers.ts";
import { xrayExpress } from "./xray.ts";

export { notFound } from "./http-error-answers.ts";

/**
 * Mounted after every route, in this order: 4xx answered before the SDK's `closeSegment()`
 * (which records every error it is handed as a fault with a `cause`), 5xx after it.
 */
export function errorHandlers(): ErrorRequestHandler[] {
  return [answerClientErrors, xrayExpress.closeSegment(), answerServerErrors];
}
