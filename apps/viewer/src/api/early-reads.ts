/**
 * Reads what the page needs first as soon as the viewer's first script runs, while the rest
 * of the app is still being loaded and parsed: the session (whether the sandbox is shared),
 * and the page's own trace(s): `/traces/:id` reads that trace, `/compare?a=&b=` both. A
 * trace opened from inside the viewer is read the same way from the moment it is chosen
 * (`startTraceRead`), while the view is still being rendered. Each read is taken once, by
 * the first caller that asks for that path; a read that failed (a shared sandbox before
 * sign-in, a trace not there yet) or that nobody took within `KEPT_FOR_MS` is dropped and
 * the caller reads again itself, so errors show as they always did and nothing stale shows.
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

/** How long a read nobody has taken is kept: older, the caller reads afresh. */
export const KEPT_FOR_MS = 10_000;

interface Started {
  readonly read: Promise<unknown>;
  /** `performance.now()` when it was started. */
  readonly at: number;
}

const started = new Map<string, Started>();
/** The parsed bodies of the reads that have arrived and are not taken yet. */
const arrived = new Map<string, unknown>();

/** Starts the reads for `location`; at most one per path. */
export function startEarlyReads(location: { pathname: string; search: string }): void {
  for (const path of [AUTH_SESSION_PATH, ...earlyTracePaths(location)]) start(path);
}

/** Starts reading the trace `id`, for a view about to show it; at most one read at a time. */
export function startTraceRead(id: string): void {
  start(tracePath(id));
}

function start(path: string): void {
  const held = started.get(path);
  if (held && !expired(held)) return;
  arrived.delete(path);
  const entry: Started = {
    at: performance.now(),
    read: readEarly(path).then((body) => {
      // Kept for a first render only while this read is still the one waiting to be taken.
      if (body !== undefined && started.get(path) === entry) arrived.set(path, body);
      return body;
    }),
  };
  started.set(path, entry);
}

function expired(held: Started): boolean {
  return performance.now() - held.at > KEPT_FOR_MS;
}

/**
 * The early read of `path`, once: its parsed body, or undefined when it failed. Undefined
 * also when no read was started for it, it was already taken, or it was started more than
 * `KEPT_FOR_MS` ago.
 */
export function takeEarlyRead(path: string): Promise<unknown> | undefined {
  const held = started.get(path);
  started.delete(path);
  arrived.delete(path);
  return held && !expired(held) ? held.read : undefined;
}

/**
 * The parsed body of the early read of `path` if it has already arrived (and is not taken),
 * without taking it: a view shows it in its first render instead of a loading state, then
 * takes the read with `takeEarlyRead` so that no one else is handed it.
 */
export function arrivedEarlyRead(path: string): unknown {
  const held = started.get(path);
  return held && !expired(held) ? arrived.get(path) : undefined;
}

async function readEarly(path: string): Promise<unknown> {
  try {
    const response = await fetch(path, { headers: { accept: "application/json" } });
    if (!response.ok) return undefined;
    return JSON.parse(await response.text()) as unknown;
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
