import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "../logger.ts";
import { XRayApiError, type XRayErrorType } from "./xray-api-error.ts";

export const ERROR_TYPE_HEADER = "x-amzn-errortype";

/** The X-Ray API's one place an exception becomes a response, in restJson1's error shape. */
export function xrayErrorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof XRayApiError) {
      return restJsonError(c, error.type, error.message, error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return restJsonError(
        c,
        "InvalidRequestException",
        error.message || "request refused",
        error.status,
      );
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, "X-Ray API call failed");
    return restJsonError(
      c,
      "InternalFailure",
      "the daemon failed to handle this request; its log has the details",
      500,
    );
  };
}

/** `details` go into the body beside `message`; AWS clients ignore members they do not know. */
export function restJsonError(
  c: Context,
  type: XRayErrorType,
  message: string,
  status: ContentfulStatusCode,
  details: Readonly<Record<string, unknown>> = {},
): Response {
  c.header(ERROR_TYPE_HEADER, type);
  return c.json({ ...details, message }, status);
}
