import type { AuthSessionBody } from "@xray-sandbox/segments";

/** Where the viewer stands with a sandbox that may ask for a token. */
export type AuthState =
  | { readonly kind: "checking" }
  /** The sandbox asks for no token: nothing to show. */
  | { readonly kind: "open" }
  | { readonly kind: "signed-in" }
  | { readonly kind: "signed-out" }
  /** The sandbox did not answer `GET /api/auth/session`. */
  | { readonly kind: "unreachable"; readonly message: string };

export function stateFromSession(session: AuthSessionBody): AuthState {
  if (!session.required) return { kind: "open" };
  return session.signedIn ? { kind: "signed-in" } : { kind: "signed-out" };
}

/** Whether the viewer's pages (and its live connection) may run. */
export function mayShowData(state: AuthState): boolean {
  return state.kind === "open" || state.kind === "signed-in";
}

/**
 * Dispatched on `window` when a data request answers 401: the sign-in is gone (the sandbox
 * was restarted with another token), and the gate asks the sandbox again.
 */
export const AUTH_LOST_EVENT = "xray-sandbox:auth-lost";
