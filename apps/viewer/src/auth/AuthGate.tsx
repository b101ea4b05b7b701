import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
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
  const [state, setState] = useState<AuthState>({ kind: "checking" });

  const check = useCallback(async () => {
    try {
      setState(stateFromSession(await fetchSession()));
    } catch (error) {
      setState({
        kind: "unreachable",
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }, []);

  useEffect(() => {
    void check();
    const onLost = () => void check();
    window.addEventListener(AUTH_LOST_EVENT, onLost);
    return () => window.removeEventListener(AUTH_LOST_EVENT, onLost);
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
          <button type="button" className="auth-button" onClick={() => void check()}>
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
