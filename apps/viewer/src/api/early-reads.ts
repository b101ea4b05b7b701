/**
 * Reads what the page needs first as soon as the viewer's first script runs, while the rest
 * of the app is still being loaded and parsed: the session (whether the sandbox is shared),
 * and the page's own trace(s): `/traces/:id` reads that trace, `/compare?a=&b=` both. Each
 * read is taken once, by the first caller that asks for that path; a read that failed (a
 * shared sandbox before sign-in, a trace not there yet) is dropped and the caller reads
 * again itself, so errors show as they always did.
 */

import { AUTH_SESSION_PATH } from "@xray-sandbox/segments";

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
/** The parsed bodies of the reads that have arrived and are not taken yet. */
const arrived = new Map<string, unknown>();

/** Starts the reads for `location`; at most one per path. */
export function startEarlyReads(location: { pathname: string; search: string }): void {
  for (const path of [AUTH_SESSION_PATH, ...earlyTracePaths(location)]) {
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
  arrived.delete(path);
  return read;
}

/**
 * The parsed body of the early read of `path` if it has already arrived (and is not taken),
 * without taking it: a view shows it in its first render instead of a loading state, then
 * takes the read with `takeEarlyRead` so that no one else is handed it.
 */
export function arrivedEarlyRead(path: string): unknown {
  return arrived.get(path);
}

async function readEarly(path: string): Promise<unknown> {
  try {
    const response = await fetch(path, { headers: { accept: "application/json" } });
    if (!response.ok) return undefined;
    const body: unknown = JSON.parse(await response.text());
    if (started.has(path)) arrived.set(path, body);
    return body;
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
