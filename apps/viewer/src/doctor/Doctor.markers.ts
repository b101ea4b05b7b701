/** `data-testid`s of the trace doctor's UI, for tests and Playwright. */
export const DOCTOR = {
  /** On a list row: how many problems, `data-severity` the worst. */
  badge: "problem-badge",
  /** The Problems panel of a trace. */
  panel: "problems-panel",
  /** One problem; carries `data-code`, `data-severity`, `data-node-id`. */
  problem: "problem-item",
  /** Selects the node the problem concerns. */
  showNode: "problem-show-node",
  /** The "?" that shows why X-Ray behaves that way, and the text it shows. */
  whyButton: "problem-why-button",
  why: "problem-why",
  /** The fix for the SDK that sent the document. */
  fix: "problem-fix",
  /** No problem found. */
  empty: "problems-empty",
  /** Under a rejected datagram's message: why it was dropped, and the fix. */
  rejectionWhy: "rejection-why",
  error: "problems-error",
} as const;
