import {
  AUTH_LOGIN_PATH,
  AUTH_LOGOUT_PATH,
  AUTH_SESSION_PATH,
  type AuthLoginRequest,
  type AuthSessionBody,
} from "@xray-sandbox/segments";
import { takeEarlyRead } from "../api/early-reads.ts";
import { requestJson } from "../api/http.ts";

/** The session; the first call takes the read the page started with, when it worked. */
export async function fetchSession(): Promise<AuthSessionBody> {
  const early = (await takeEarlyRead(AUTH_SESSION_PATH)) as AuthSessionBody | undefined;
  return early ?? requestJson<AuthSessionBody>(AUTH_SESSION_PATH);
}

/** Resolves once the sandbox has set the session cookie; rejects with its ApiError (401) otherwise. */
export function signIn(token: string): Promise<AuthSessionBody> {
  const body: AuthLoginRequest = { token };
  return requestJson<AuthSessionBody>(AUTH_LOGIN_PATH, { method: "POST", body });
}

export function signOut(): Promise<AuthSessionBody> {
  return requestJson<AuthSessionBody>(AUTH_LOGOUT_PATH, { method: "POST" });
}
