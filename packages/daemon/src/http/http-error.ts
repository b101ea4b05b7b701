import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error a route throws to answer with `{ "error": { code, message } }` and `status`. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly status: ContentfulStatusCode;
  /** Stable, machine-readable, e.g. `TRACE_NOT_FOUND`. */
  readonly code: string;

  constructor(status: ContentfulStatusCode, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
