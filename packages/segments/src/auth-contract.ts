/**
 * Shared service mode: the token a sandbox started with `--auth-token` asks for, and the
 * viewer's sign-in. Paths, header names, bodies and error codes, for the daemon, the viewer
 * and the testing library alike.
 */

/** `GET`: whether this sandbox asks for a token, and whether the caller presented a good one. */
export const AUTH_SESSION_PATH = "/api/auth/session";
/** `POST` `AuthLoginRequest`: sets the session cookie when the token is right. */
export const AUTH_LOGIN_PATH = "/api/auth/login";
/** `POST`: clears the session cookie. */
export const AUTH_LOGOUT_PATH = "/api/auth/logout";

/**
 * For clients that must keep `Authorization` for something else (the AWS SDK signs requests
 * into it): the token as it is, e.g. `X-Sandbox-Token: <token>`. Every other client can send
 * `Authorization: Bearer <token>`.
 */
export const AUTH_TOKEN_HEADER = "x-sandbox-token";

/** The viewer's session cookie (HttpOnly, SameSite=Strict): never the token itself. */
export const AUTH_COOKIE_NAME = "xray_sandbox_session";

/** Tokens shorter than this are refused at start: they could be guessed. */
export const MIN_AUTH_TOKEN_LENGTH = 16;
/** Tokens longer than this are refused at start (and never compared). */
export const MAX_AUTH_TOKEN_LENGTH = 1024;

/** `GET /api/auth/session`. */
export interface AuthSessionBody {
  /** The sandbox was started with a token: data routes answer 401 without it. */
  readonly required: boolean;
  /** This request carried the token (cookie, bearer or header); always true when not required. */
  readonly signedIn: boolean;
}

/** `POST /api/auth/login`. */
export interface AuthLoginRequest {
  readonly token: string;
}

/** `auth` in `GET /api/stats`: shared service mode's counters since the daemon started. */
export interface AuthStats {
  /** The sandbox asks for a token. */
  readonly required: boolean;
  /** Requests and live stream upgrades answered 401 (no token, or a wrong one). */
  readonly refused: number;
  /** Viewer sign-ins with the right token. */
  readonly signIns: number;
  /** Viewer sign-ins with a wrong token. */
  readonly failedSignIns: number;
}

/** The `code` of a 401 from `/api/*`, the live stream's upgrade, or the login. */
export type AuthErrorCode =
  /** No token came with the request. */
  | "AUTH_REQUIRED"
  /** A token came, and it is not this sandbox's. */
  | "AUTH_INVALID";
