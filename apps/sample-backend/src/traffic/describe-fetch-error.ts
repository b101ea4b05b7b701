/** Why a `fetch` failed, in a few words: `connection refused`, `timed out after 10000 ms`. */
export function describeFetchError(error: unknown, timeoutMs?: number): string {
  if (error instanceof Error && error.name === "TimeoutError") {
    return timeoutMs === undefined ? "timed out" : `timed out after ${timeoutMs} ms`;
  }
  const code = systemCode(error instanceof Error ? error.cause : undefined);
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ECONNRESET":
      return "connection reset";
    case undefined:
      break;
    default:
      return code;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function systemCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}
