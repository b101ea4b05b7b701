import { AUTH_SESSION_PATH, type AuthSessionBody } from "@xray-sandbox/segments";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { arrivedEarlyRead } from "../api/early-reads.ts";
import { liveStore } from "../live/live-store.ts";
import { AUTH } from "./Auth.markers.ts";
import { fetchSession, signOut } from "./auth-api.ts";
import { AuthContext, type AuthContextValue } from "./auth-context.ts";
import { AUTH_LOST_EVENT, type AuthState, mayShowData, stateFromSession } from "./auth-state.ts";
import { SignInPage } from "./SignInPage.tsx";
import "./auth.css";

/**
 * Asks the sandbox whether it is shared (started with a token) before anything reads data:
 * then the sign-in page until the browser has the session cookie, the viewer after.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  // The session the page read as it started, when it has arrived, decides the first render.
  const [state, setState] = useState<AuthState>(() => {
    const arrived = arrivedEarlyRead(AUTH_SESSION_PATH) as AuthSessionBody | undefined;
    return arrived ? stateFromSession(arrived) : { kind: "checking" };
  });

  /**
   * Asks the sandbox again. Only the first check shows an unreachable sandbox: later ones
   * (a 401, a live stream that keeps failing) keep the viewer, whose own status says
   * it is reconnecting, while the daemon restarts.
   */
  const check = useCallback(async (first: boolean) => {
    try {
      const next = stateFromSession(await fetchSession());
      setState((current) => (current.kind === next.kind ? current : next));
    } catch (error) {
      if (!first) return;
      setState({
        kind: "unreachable",
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }, []);

  useEffect(() => {
    void check(true);
    const onLost = () => void check(false);
    window.addEventListener(AUTH_LOST_EVENT, onLost);
    // A browser cannot read why a WebSocket upgrade failed: each reconnect attempt of the
    // live stream asks whether the sign-in still holds (a new token voids it).
    const stopWatching = liveStore.subscribe((now, before) => {
      const { connection } = now;
      if (
        connection.state === "reconnecting" &&
        (before.connection.state !== "reconnecting" ||
          before.connection.attempt !== connection.attempt)
      ) {
        void check(false);
      }
    });
    return () => {
      window.removeEventListener(AUTH_LOST_EVENT, onLost);
      stopWatching();
    };
  }, [check]);

  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      signOut: () => {
        void signOut().finally(() => setState({ kind: "signed-out" }));
      },
    }),
    [state],
  );

  switch (state.kind) {
    case "checking":
      return (
        <main className="page-message" aria-busy="true">
          Connecting to the sandbox…
        </main>
      );
    case "unreachable":
      return (
        <main className="page-message" data-testid={AUTH.unreachable}>
          <h1>The sandbox did not answer</h1>
          <p role="alert">{state.message}</p>
          <button type="button" className="auth-button" onClick={() => void check(true)}>
            Try again
          </button>
        </main>
      );
    case "signed-out":
      return <SignInPage onSignedIn={() => setState({ kind: "signed-in" })} />;
    default:
      return mayShowData(state) ? (
        <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
      ) : null;
  }
}
