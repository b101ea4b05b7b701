import { stringifyJson } from "@xray-sandbox/segments";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * `c.json(body)` for bodies that can carry a trace's tree, written by `stringifyJson`: a
 * legal chain of thousands of subsegments nests deeper than `JSON.stringify` can write.
 */
export function jsonBody(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  return c.body(jsonText(body), status, { "Content-Type": "application/json" });
}

/** The JSON text `jsonBody` answers with. */
export function jsonText(body: unknown): string {
  return stringifyJson(body) ?? "null";
}
