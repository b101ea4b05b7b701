import type { ApiErrorBody, NotFoundBody } from "@xray-sandbox/segments";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "../logger.ts";
import { HttpError } from "./http-error.ts";

function errorBody(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}

/** The one place an exception becomes a response. */
export function errorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof HttpError) {
      return c.json(errorBody(error.code, error.message), error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(
        errorBody(`HTTP_${error.status}`, error.message || "request refused"),
        error.status,
      );
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, "HTTP handler failed");
    return c.json(
      errorBody(
        "INTERNAL_ERROR",
        "the daemon failed to handle this request; its log has the details",
      ),
      500,
    );
  };
}

export function notFoundHandler(knownPaths: () => readonly string[]): NotFoundHandler {
  return (c: Context) => {
    const body: NotFoundBody = {
      ...errorBody("NOT_FOUND", `no route for ${c.req.method} ${c.req.path}`),
      paths: knownPaths(),
    };
    return c.json(body, 404);
  };
}
