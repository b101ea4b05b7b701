import type { ApiErrorBody } from "@xray-sandbox/segments";
import type { MiddlewareHandler } from "hono";
import { ERROR_TYPE_HEADER } from "../xray-api/xray-error-handler.ts";
import {
  type HostAndPort,
  isLoopbackName,
  normalizeHostname,
  normalizeOrigin,
  parseHostAndPort,
} from "./host-names.ts";
import { isXRayPath } from "./path-kinds.ts";

export interface HostOriginRules {
  /** The host the HTTP server is bound to (`--bind-tcp`). */
  readonly bindHost: string;
  /** The port it listens on, as bound. */
  readonly port: () => number;
  /** `--allow-host`: `NAME` (any port) or `NAME:PORT`. */
  readonly allowHosts: readonly string[];
  /** `--allow-origin`: `scheme://host[:port]`. */
  readonly allowOrigins: readonly string[];
}

export type GuardVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** 403 for a refused Host or Origin, 400 for an HTTP/1.1 request without Host. */
      readonly status: 400 | 403;
      readonly code: "FORBIDDEN_HOST" | "FORBIDDEN_ORIGIN" | "MISSING_HOST";
      readonly message: string;
    };

const ALLOWED: GuardVerdict = Object.freeze({ ok: true });

/**
 * Sent with every HTTP response, the refusals included. The viewer loads only its own files
 * (module scripts and style sheets from `/assets/`, no inline script or style) and talks only
 * to its own origin (fetch and the live WebSocket), so the policy allows nothing else. No page
 * may frame it (`frame-ancestors 'none'`, and `X-Frame-Options` for older browsers): a page on
 * another origin cannot overlay its Delete or Import controls. Nothing is sniffed into another
 * type, and no page learns a trace URL from a `Referer`.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; "),
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
});
const HTTP_DEFAULT_PORT = 80;

/**
 * Keeps web pages in the user's browser away from the sandbox's data. A request whose `Host`
 * is not a name of this sandbox is refused (DNS rebinding: an attacker's name resolving to
 * 127.0.0.1); a request with an `Origin` other than the sandbox's own is refused (another
 * site calling it from the browser). Requests without `Origin` (curl, SDKs, the AWS
 * clients) pass. A request without `Host` passes over HTTP/1.0, where Host is optional and
 * which no browser sends (so no web page can use it); over HTTP/1.1, which requires Host
 * (RFC 9112), it is a 400.
 */
export class HostOriginGuard {
  readonly #rules: HostOriginRules;
  readonly #bindHost: string | undefined;
  readonly #allowHosts: readonly HostAndPort[];
  readonly #allowOrigins: ReadonlySet<string>;

  constructor(rules: HostOriginRules) {
    this.#rules = rules;
    this.#bindHost = normalizeHostname(rules.bindHost);
    this.#allowHosts = rules.allowHosts.flatMap((text) => parseHostAndPort(text) ?? []);
    this.#allowOrigins = new Set(rules.allowOrigins.flatMap((text) => normalizeOrigin(text) ?? []));
  }

  /** `httpVersion` as Node reads it (`1.0`, `1.1`); unknown for requests made in process. */
  check(host: string | undefined, origin: string | undefined, httpVersion?: string): GuardVerdict {
    if (host === undefined && httpVersion !== undefined && httpVersion !== "1.0") {
      return {
        ok: false,
        status: 400,
        code: "MISSING_HOST",
        message: `an HTTP/${httpVersion} request must name the host it is for in a Host header (curl and every HTTP client send one); HTTP/1.0 requests may leave it out`,
      };
    }
    const address = host === undefined ? undefined : parseHostAndPort(host);
    if (host !== undefined && (address === undefined || !this.#hostAllowed(address))) {
      return {
        ok: false,
        status: 403,
        code: "FORBIDDEN_HOST",
        message: this.#hostMessage(host, address),
      };
    }
    if (origin === undefined) return ALLOWED;
    const normalized = normalizeOrigin(origin);
    if (normalized !== undefined) {
      if (this.#allowOrigins.has(normalized)) return ALLOWED;
      if (address !== undefined && normalized === ownOrigin(address)) return ALLOWED;
    }
    return {
      ok: false,
      status: 403,
      code: "FORBIDDEN_ORIGIN",
      message: originMessage(origin, normalized),
    };
  }

  #hostAllowed({ hostname, port }: HostAndPort): boolean {
    const effectivePort = port ?? HTTP_DEFAULT_PORT;
    if (
      effectivePort === this.#rules.port() &&
      (isLoopbackName(hostname) || hostname === this.#bindHost)
    ) {
      return true;
    }
    return this.#allowHosts.some(
      (allowed) =>
        allowed.hostname === hostname &&
        (allowed.port === undefined || allowed.port === effectivePort),
    );
  }

  #hostMessage(host: string, address: HostAndPort | undefined): string {
    const port = this.#rules.port();
    const names = ["localhost", "127.0.0.1", "[::1]"];
    if (this.#bindHost !== undefined && !isLoopbackName(this.#bindHost)) names.push(this.#bindHost);
    const flag =
      address === undefined
        ? ""
        : ` Start xray-sandbox with --allow-host ${address.hostname} to accept this name (e.g. a container or compose service name).`;
    return (
      `Host ${JSON.stringify(host)} is not an address of this sandbox: it answers to ${names.join(", ")} on port ${port}, ` +
      `so that a web page cannot reach it under a name of its own (DNS rebinding).${flag}`
    );
  }
}

function ownOrigin({ hostname, port }: HostAndPort): string | undefined {
  return normalizeOrigin(`http://${hostname}${port === undefined ? "" : `:${port}`}`);
}

function originMessage(origin: string, normalized: string | undefined): string {
  const flag =
    normalized === undefined
      ? ""
      : ` To allow that page (e.g. a dev server), start xray-sandbox with --allow-origin ${normalized}.`;
  return (
    `requests from the web page at origin ${origin} are refused: only pages the sandbox serves itself may call it, ` +
    `so that other sites open in the browser cannot read its traces.${flag}`
  );
}

/** The refusal's body: the X-Ray API's shape on its paths, the daemon's elsewhere. */
export function refusalBody(
  path: string,
  verdict: Extract<GuardVerdict, { ok: false }>,
): { body: ApiErrorBody | { message: string }; headers: Record<string, string> } {
  if (isXRayPath(path)) {
    return {
      body: { message: verdict.message },
      headers: {
        [ERROR_TYPE_HEADER]:
          verdict.status === 400 ? "InvalidRequestException" : "AccessDeniedException",
      },
    };
  }
  return { body: { error: { code: verdict.code, message: verdict.message } }, headers: {} };
}

/**
 * Checks every HTTP request before any route sees it, and gives every response (a route's, an
 * error's, a refusal's) the `SECURITY_HEADERS`.
 */
export function hostOriginMiddleware(guard: HostOriginGuard): MiddlewareHandler {
  return async (c, next) => {
    const verdict = guard.check(c.req.header("host"), c.req.header("origin"), httpVersionOf(c.env));
    if (verdict.ok) {
      await next();
    } else {
      const { body, headers } = refusalBody(c.req.path, verdict);
      for (const [name, value] of Object.entries(headers)) c.header(name, value);
      c.res = c.json(body, verdict.status);
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  };
}

/** The HTTP version Node read for the request, when it came through the Node server. */
function httpVersionOf(env: unknown): string | undefined {
  if (typeof env !== "object" || env === null || !("incoming" in env)) return undefined;
  const { incoming } = env;
  if (typeof incoming !== "object" || incoming === null || !("httpVersion" in incoming)) {
    return undefined;
  }
  return typeof incoming.httpVersion === "string" ? incoming.httpVersion : undefined;
}
