/** Test ids of the sign-in page and the header's signed-in state (shared with the e2e specs). */
export const AUTH = {
  /** The sign-in page. */
  page: "auth-page",
  input: "auth-token-input",
  submit: "auth-submit",
  /** Why the last sign-in failed. */
  error: "auth-error",
  /** The header's "Signed in" state; only when the sandbox asks for a token. */
  status: "auth-status",
  signOut: "auth-sign-out",
  /** The sandbox did not answer whether it asks for a token. */
  unreachable: "auth-unreachable",
} as const;
