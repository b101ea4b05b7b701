import { AUTH_TOKEN_HEADER } from "@xray-sandbox/segments";
import type { MiddlewareHandler } from "hono";
import { isXRayPath } from "../http/path-kinds.ts";
import { ERROR_TYPE_HEADER } from "../xray-api/xray-error-handler.ts";
import { isOpenPath } from "./open-paths.ts";
import type { AuthVerdict, Credentials, TokenAuth } from "./token-auth.ts";

/** The AWS error type an X-Ray API client gets for a missing or wrong token. */
const XRAY_AUTH_ERROR = "UnrecognizedClientException";

/**
 * Answers 401 to a request for data without the token (see `isOpenPath` for what needs
 * none): `{ "error": { code, message } }` on `/api/*`, the X-Ray API's error shape on its
 * paths, and `WWW-Authenticate: Bearer` on both.
 */
export function authMiddleware(auth: TokenAuth): MiddlewareHandler {
  return async (c, next) => {
    if (isOpenPath(c.req.path)) return next();
    const verdict = auth.check(credentialsOf((name) => c.req.header(name)));
    if (verdict.ok) return next();
    auth.countRefused();
    c.header("WWW-Authenticate", 'Bearer realm="xray-sandbox"');
    if (isXRayPath(c.req.path)) {
      c.header(ERROR_TYPE_HEADER, XRAY_AUTH_ERROR);
      return c.json({ message: verdict.message }, 401);
    }
    return c.json(authErrorBody(verdict), 401);
  };
}

export function authErrorBody(verdict: Extract<AuthVerdict, { ok: false }>): {
  error: { code: string; message: string };
} {
  return { error: { code: verdict.code, message: verdict.message } };
}

/** The headers a token may come in. */
export function credentialsOf(header: (name: string) => string | undefined): Credentials {
  return {
    authorization: header("authorization"),
    token: header(AUTH_TOKEN_HEADER),
    cookie: header("cookie"),
  };
}

/** Whether the browser loaded the page over HTTPS (directly, or through a TLS proxy that says so). */
export function cameOverHttps(url: string, forwardedProto: string | undefined): boolean {
  if (url.startsWith("https:")) return true;
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}
