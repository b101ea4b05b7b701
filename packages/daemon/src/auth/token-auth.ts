/**
 * The check of shared service mode: a request carries the sandbox's token as
 * `Authorization: Bearer <token>`, `X-Sandbox-Token: <token>`, or the viewer's session
 * cookie. Every comparison takes the same time whatever the guess.
 */

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AUTH_COOKIE_NAME, type AuthErrorCode, type AuthStats } from "@xray-sandbox/segments";

/** What a request presented, as its headers hold it. */
export interface Credentials {
  readonly authorization?: string | undefined;
  /** `X-Sandbox-Token`. */
  readonly token?: string | undefined;
  readonly cookie?: string | undefined;
}

export type AuthVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: AuthErrorCode; readonly message: string };

/** How long the viewer's sign-in lasts: a browser signs in once, not every day. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
/** What the cookie holds is derived from the token: it is not the token, and a new token voids it. */
const SESSION_LABEL = "xray-sandbox viewer session 1";

const ALLOWED: AuthVerdict = Object.freeze({ ok: true });

/** `auth` in `/api/stats` when no token is asked for. */
export const NO_AUTH_STATS: AuthStats = Object.freeze({
  required: false,
  refused: 0,
  signIns: 0,
  failedSignIns: 0,
});

export const HOW_TO_AUTHENTICATE =
  "send Authorization: Bearer <token> (or X-Sandbox-Token: <token> when Authorization is taken, as by an AWS SDK), or sign in on the viewer's page";

export class TokenAuth {
  readonly #digest: Buffer;
  readonly #session: string;
  #refused = 0;
  #signIns = 0;
  #failedSignIns = 0;

  constructor(token: string) {
    this.#digest = sha256(token);
    this.#session = createHmac("sha256", token).update(SESSION_LABEL).digest("base64url");
  }

  /** Whether `candidate` is the token, in time that does not depend on where they differ. */
  matches(candidate: string): boolean {
    // Equal-length digests: neither the length nor any prefix of the token shows in the timing.
    return timingSafeEqual(sha256(candidate), this.#digest);
  }

  /**
   * A bearer token or `X-Sandbox-Token` header is checked when present; else the session
   * cookie. An `Authorization` of another scheme (an AWS SDK's signature) is not ours: ignored.
   */
  check(credentials: Credentials): AuthVerdict {
    const bearer = BEARER.exec(credentials.authorization ?? "")?.[1];
    if (bearer !== undefined) {
      return this.matches(bearer)
        ? ALLOWED
        : invalid(
            "the token in Authorization: Bearer is not this sandbox's: use the value it was started with (--auth-token, --auth-token-file or XRAY_SANDBOX_AUTH_TOKEN)",
          );
    }
    const header = credentials.token?.trim();
    if (header !== undefined && header !== "") {
      return this.matches(header)
        ? ALLOWED
        : invalid(
            "the token in X-Sandbox-Token is not this sandbox's: use the value it was started with (--auth-token, --auth-token-file or XRAY_SANDBOX_AUTH_TOKEN)",
          );
    }
    const session = cookieValue(credentials.cookie, AUTH_COOKIE_NAME);
    if (session !== undefined) {
      return sameText(session, this.#session)
        ? ALLOWED
        : invalid(
            "the viewer's sign-in is no longer valid (the sandbox was restarted with another token): sign in again with the new one",
          );
    }
    return {
      ok: false,
      code: "AUTH_REQUIRED",
      message: `this sandbox is shared and asks for its token: ${HOW_TO_AUTHENTICATE}. Ingest from SDKs and collectors (UDP, PutTraceSegments, sampling, OTLP) and /api/health need none.`,
    };
  }

  /** Counts a request or live stream upgrade answered 401. */
  countRefused(): void {
    this.#refused++;
  }

  /** Counts a viewer sign-in, right or wrong. */
  countSignIn(ok: boolean): void {
    if (ok) this.#signIns++;
    else this.#failedSignIns++;
  }

  stats(): AuthStats {
    return {
      required: true,
      refused: this.#refused,
      signIns: this.#signIns,
      failedSignIns: this.#failedSignIns,
    };
  }

  /** `Set-Cookie` for a browser that signed in. `secure` when the page was loaded over HTTPS. */
  sessionCookie(secure: boolean): string {
    return cookie(this.#session, SESSION_MAX_AGE_SECONDS, secure);
  }

  /** `Set-Cookie` that removes the session. */
  clearedCookie(secure: boolean): string {
    return cookie("", 0, secure);
  }
}

function cookie(value: string, maxAge: number, secure: boolean): string {
  return [
    `${AUTH_COOKIE_NAME}=${value}`,
    "Path=/",
    `Max-Age=${maxAge}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

function invalid(message: string): AuthVerdict {
  return { ok: false, code: "AUTH_INVALID", message };
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

function sameText(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/** The value of cookie `name` in a `Cookie` header; the first if it is there twice. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(";")) {
    const equals = part.indexOf("=");
    if (equals === -1) continue;
    if (part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}
