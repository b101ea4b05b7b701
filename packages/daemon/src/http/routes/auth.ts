import {
  AUTH_LOGIN_PATH,
  AUTH_LOGOUT_PATH,
  AUTH_SESSION_PATH,
  type AuthSessionBody,
  MAX_AUTH_TOKEN_LENGTH,
} from "@xray-sandbox/segments";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { authErrorBody, cameOverHttps, credentialsOf } from "../../auth/auth-middleware.ts";
import type { TokenAuth } from "../../auth/token-auth.ts";
import { HttpError } from "../http-error.ts";

export interface AuthDeps {
  /** Undefined when the sandbox asks for no token. */
  readonly auth?: TokenAuth | undefined;
}

/** The body of a sign-in is `{"token": "..."}`: far below this. */
const MAX_LOGIN_BODY_BYTES = MAX_AUTH_TOKEN_LENGTH + 1024;

/**
 * The viewer's sign-in: `GET /api/auth/session` says whether a token is asked for and whether
 * this request has it; `POST /api/auth/login` with the token sets an HttpOnly, SameSite=Strict
 * session cookie; `POST /api/auth/logout` removes it. Mounted at `/`.
 */
export function authRoutes({ auth }: AuthDeps): Hono {
  const app = new Hono();
  app.get(AUTH_SESSION_PATH, (c) => {
    const body: AuthSessionBody =
      auth === undefined
        ? { required: false, signedIn: true }
        : { required: true, signedIn: auth.check(credentialsOf((name) => c.req.header(name))).ok };
    c.header("cache-control", "no-store");
    return c.json(body);
  });
  app.post(
    AUTH_LOGIN_PATH,
    bodyLimit({
      maxSize: MAX_LOGIN_BODY_BYTES,
      onError: () => {
        throw new HttpError(
          413,
          "BODY_TOO_LARGE",
          `a sign-in body is {"token": "..."}, at most ${MAX_LOGIN_BODY_BYTES} bytes`,
        );
      },
    }),
    async (c) => {
      const token = await loginToken(c);
      if (auth === undefined) {
        throw new HttpError(
          409,
          "AUTH_NOT_ENABLED",
          "this sandbox asks for no token (it was started without --auth-token): there is nothing to sign in to",
        );
      }
      const matches = auth.matches(token);
      auth.countSignIn(matches);
      if (!matches) {
        return c.json(
          authErrorBody({
            ok: false,
            code: "AUTH_INVALID",
            message:
              "that is not this sandbox's token: ask whoever runs it, or read it from the file or variable it was started with",
          }),
          401,
        );
      }
      c.header("set-cookie", auth.sessionCookie(isHttps(c)));
      c.header("cache-control", "no-store");
      const body: AuthSessionBody = { required: true, signedIn: true };
      return c.json(body);
    },
  );
  app.post(AUTH_LOGOUT_PATH, (c) => {
    if (auth !== undefined) c.header("set-cookie", auth.clearedCookie(isHttps(c)));
    const body: AuthSessionBody = { required: auth !== undefined, signedIn: auth === undefined };
    return c.json(body);
  });
  return app;
}

function isHttps(c: Context): boolean {
  return cameOverHttps(c.req.url, c.req.header("x-forwarded-proto"));
}

/** The token of a `{"token": "..."}` body; a 400 naming what is wrong otherwise. */
async function loginToken(c: Context): Promise<string> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "INVALID_BODY", 'the body must be JSON: {"token": "..."}');
  }
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("token" in body)) {
    throw new HttpError(400, "INVALID_BODY", 'the body must be {"token": "..."}');
  }
  const { token } = body;
  if (typeof token !== "string" || token === "") {
    throw new HttpError(400, "INVALID_BODY", "token must be a non-empty string");
  }
  return token;
}
