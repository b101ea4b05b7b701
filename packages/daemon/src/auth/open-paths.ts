/**
 * What shared service mode never asks a token for: what SDKs and collectors call (they cannot
 * send one), the health check, the sign-in itself, and the viewer's files (they hold no data;
 * the page they make asks for the token before it reads anything).
 */

import { AUTH_LOGIN_PATH, AUTH_LOGOUT_PATH, AUTH_SESSION_PATH } from "@xray-sandbox/segments";
import { isApiPath, isXRayPath } from "../http/path-kinds.ts";

/**
 * X-Ray operations SDKs, the X-Ray daemon's clients and the OTel collector's X-Ray exporter
 * call: sampling (`GetSamplingRules`, `GetSamplingTargets`), `PutTraceSegments`,
 * `PutTelemetryRecords`.
 */
export const INGEST_XRAY_PATHS: ReadonlySet<string> = new Set([
  "/GetSamplingRules",
  "/SamplingTargets",
  "/TraceSegments",
  "/TelemetryRecords",
]);

/** OTLP/HTTP on the main port. */
const OTLP_PREFIX = "/v1/";

/** `/api/*` paths open to everyone. */
export const OPEN_API_PATHS: ReadonlySet<string> = new Set([
  "/api/health",
  AUTH_SESSION_PATH,
  AUTH_LOGIN_PATH,
  AUTH_LOGOUT_PATH,
]);

/** Whether a request to `path` is served without the token. */
export function isOpenPath(path: string): boolean {
  if (isApiPath(path)) return OPEN_API_PATHS.has(path);
  if (isXRayPath(path)) return INGEST_XRAY_PATHS.has(path);
  if (path.startsWith(OTLP_PREFIX)) return true;
  // The viewer's files and pages.
  return true;
}
