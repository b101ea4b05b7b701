/** Which part of the daemon a request path belongs to. */

/** The daemon's own API, JSON in and out (and the live WebSocket). */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** X-Ray API and sampling operations are single capitalised segments: `/TraceSummaries`. */
export function isXRayPath(path: string): boolean {
  return /^\/[A-Z][A-Za-z]*$/.test(path);
}
