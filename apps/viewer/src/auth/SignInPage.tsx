import { type FormEvent, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/http.ts";
import { ThemeToggle } from "../theme/ThemeToggle.tsx";
import { AUTH } from "./Auth.markers.ts";
import { signIn } from "./auth-api.ts";

/**
 * The sign-in of a shared sandbox: the token once; the sandbox answers with an HttpOnly
 * cookie that the browser sends from then on (the page never holds it).
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() === "") {
      setError("Enter the sandbox's token.");
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await signIn(token.trim());
      onSignedIn();
    } catch (caught) {
      setError(signInError(caught));
      setBusy(false);
      input.current?.select();
    }
  };

  return (
    <div className="auth-page" data-testid={AUTH.page}>
      <header className="auth-header">
        <span className="layout-brand">xray-sandbox</span>
        <ThemeToggle />
      </header>
      <main className="auth-main">
        <form className="auth-form" onSubmit={submit} aria-labelledby="auth-title" noValidate>
          <h1 id="auth-title">Sign in to this shared sandbox</h1>
          <p id="auth-help" className="auth-help">
            Whoever started it gave it a token (<code>--auth-token-file</code>,{" "}
            <code>XRAY_SANDBOX_AUTH_TOKEN</code> or <code>--auth-token</code>). Enter it once: this
            browser then stays signed in for 30 days.
          </p>
          <label htmlFor="auth-token" className="auth-label">
            Token
          </label>
          <input
            ref={input}
            id="auth-token"
            name="token"
            type="password"
            autoComplete="current-password"
            spellCheck={false}
            className="auth-input"
            data-testid={AUTH.input}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            aria-describedby={error ? "auth-help auth-error" : "auth-help"}
            aria-invalid={error ? true : undefined}
          />
          {error && (
            <p id="auth-error" className="auth-error" role="alert" data-testid={AUTH.error}>
              {error}
            </p>
          )}
          <button
            type="submit"
            className="auth-button auth-button-primary"
            data-testid={AUTH.submit}
            disabled={busy}
          >
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </main>
    </div>
  );
}

function signInError(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) {
    return "That is not this sandbox's token. Check it with whoever runs the sandbox and try again.";
  }
  return `Could not sign in: ${error instanceof Error ? error.message : String(error)}`;
}
