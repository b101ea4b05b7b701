import { AUTH } from "./Auth.markers.ts";
import { useAuth } from "./auth-context.ts";

/** In the header of a shared sandbox: that this browser is signed in, and a way out. */
export function SessionStatus() {
  const { state, signOut } = useAuth();
  if (state.kind !== "signed-in") return null;
  return (
    <span className="auth-status">
      <span data-testid={AUTH.status} title="This sandbox is shared: it asks for a token">
        Signed in
      </span>
      <button
        type="button"
        className="auth-button auth-button-small"
        data-testid={AUTH.signOut}
        onClick={signOut}
      >
        Sign out
      </button>
    </span>
  );
}
