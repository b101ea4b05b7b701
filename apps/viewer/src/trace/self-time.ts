import type { Seconds } from "@xray-sandbox/segments";
import type { TimelineRow } from "./build-rows.ts";

/** What self time and the critical path read of a row. */
export type SpanRow = Pick<TimelineRow, "id" | "parentRowId" | "start" | "end" | "duration">;

/** The rows under each row id, in display order. */
export function childrenByParent<Row extends SpanRow>(
  rows: readonly Row[],
): ReadonlyMap<string, readonly Row[]> {
  const children = new Map<string, Row[]>();
  for (const row of rows) {
    if (row.parentRowId === undefined) continue;
    const list = children.get(row.parentRowId);
    if (list) list.push(row);
    else children.set(row.parentRowId, [row]);
  }
  return children;
}

/**
 * Each node's self time: its duration less the time when at least one of its children ran
 * (children's intervals merged, clipped to the node). Nodes without a duration (in progress,
 * impossible times) have none.
 */
export function selfTimes(
  rows: readonly SpanRow[],
  children: ReadonlyMap<string, readonly SpanRow[]> = childrenByParent(rows),
): ReadonlyMap<string, Seconds> {
  const result = new Map<string, Seconds>();
  for (const row of rows) {
    if (row.duration === undefined) continue;
    const busy = coveredTime(row.start, row.end, children.get(row.id) ?? []);
    result.set(row.id, Math.max(0, row.duration - busy) as Seconds);
  }
  return result;
}

/** How long within `[from, to]` at least one of `spans` ran. */
function coveredTime(from: number, to: number, spans: readonly SpanRow[]): number {
  if (spans.length === 0) return 0;
  const clipped: [number, number][] = [];
  for (const span of spans) {
    const start = Math.max(from, span.start);
    const end = Math.min(to, span.end);
    if (end > start) clipped.push([start, end]);
  }
  clipped.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let runStart = Number.NEGATIVE_INFINITY;
  let runEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of clipped) {
    if (start > runEnd) {
      if (runEnd > runStart) total += runEnd - runStart;
      runStart = start;
      runEnd = end;
    } else if (end > runEnd) {
      runEnd = end;
    }
  }
  if (runEnd > runStart) total += runEnd - runStart;
  return total;
}
