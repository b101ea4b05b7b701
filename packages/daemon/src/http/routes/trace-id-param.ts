import { isTraceId, type TraceId } from "@xray-sandbox/segments";
import { HttpError } from "../http-error.ts";

/** A route's `:id` as a trace id; 404 `TRACE_NOT_FOUND`, saying the expected form, when not one. */
export function traceIdParam(id: string): TraceId {
  if (!isTraceId(id)) {
    throw new HttpError(
      404,
      "TRACE_NOT_FOUND",
      `${JSON.stringify(id)} is not a trace id (expected 1-<8 hex digits>-<24 hex digits>)`,
    );
  }
  return id;
}
