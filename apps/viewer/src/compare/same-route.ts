import type { TraceId, TraceSummary } from "@xray-sandbox/segments";
import { entryPointOf } from "../traces/entry-point.ts";

/** Newest first, as the live list holds the trace ids. */
export interface NewestFirst {
  readonly length: number;
  at(index: number): TraceId | undefined;
}

/** How far back "another of this route" looks, in traces. */
export const SAME_ROUTE_SCAN = 5_000;

/**
 * A trace's route: the entry point's method and path without the query (`GET /users`), or
 * the root segment's name when it did not start with an HTTP request.
 */
export function routeKey(summary: TraceSummary): string {
  const entry = entryPointOf(summary);
  const path = entry.target.split(/[?#]/, 1)[0] ?? entry.target;
  return `${entry.method ?? ""} ${path}`.trim();
}

/** The newest other trace of `summary`'s route among the newest `SAME_ROUTE_SCAN`. */
export function otherOfRoute(
  ids: NewestFirst,
  summaries: ReadonlyMap<TraceId, TraceSummary>,
  summary: TraceSummary,
): TraceId | undefined {
  const wanted = routeKey(summary);
  const limit = Math.min(ids.length, SAME_ROUTE_SCAN);
  for (let index = 0; index < limit; index++) {
    const id = ids.at(index);
    if (id === undefined || id === summary.id) continue;
    const other = summaries.get(id);
    if (other && other.root !== undefined && routeKey(other) === wanted) return id;
  }
  return undefined;
}
