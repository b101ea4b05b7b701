/**
 * Reads the page's own trace(s) as soon as the viewer's first script runs, while the rest of
 * the app is still being loaded, parsed and checking the session: `/traces/:id` reads that
 * trace, `/compare?a=&b=` both. The view takes each read once, the first time it asks for
 * that trace; a read that failed (a shared sandbox before sign-in, a trace not there yet) is
 * dropped and the view reads again itself, so errors show as they always did.
 */

/** The trace reads a page at `location` starts with. */
export function earlyTracePaths(location: { pathname: string; search: string }): string[] {
  const trace = /^\/traces\/([^/]+)\/?$/.exec(location.pathname);
  if (trace?.[1]) return [tracePath(safeDecode(trace[1]))];
  if (location.pathname === "/compare" || location.pathname === "/compare/") {
    const params = new URLSearchParams(location.search);
    const ids = [params.get("a")?.trim() ?? "", params.get("b")?.trim() ?? ""];
    return ids.filter((id) => id !== "").map(tracePath);
  }
  return [];
}

/** `GET /api/traces/:id` for a trace id, as the views ask for it. */
export function tracePath(id: string): string {
  return `/api/traces/${encodeURIComponent(id)}`;
}

const started = new Map<string, Promise<unknown>>();

/** Starts the reads for `location`; at most one per path. */
export function startEarlyReads(location: { pathname: string; search: string }): void {
  for (const path of earlyTracePaths(location)) {
    if (!started.has(path)) started.set(path, readEarly(path));
  }
}

/**
 * The early read of `path`, once: its parsed body, or undefined when it failed. Undefined
 * also when no read was started for it, or it was already taken.
 */
export function takeEarlyRead(path: string): Promise<unknown> | undefined {
  const read = started.get(path);
  started.delete(path);
  return read;
}

async function readEarly(path: string): Promise<unknown> {
  try {
    const response = await fetch(path, { headers: { accept: "application/json" } });
    if (!response.ok) return undefined;
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
