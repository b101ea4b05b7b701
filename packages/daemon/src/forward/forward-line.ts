/** The startup line that says where the daemon forwards, when it does. */
export function forwardLine(targets: readonly string[]): string | undefined {
  if (targets.length === 0) return undefined;
  return `Forwarding to ${targets.join(", ")}  →  counters: GET /api/stats (forwards)`;
}
