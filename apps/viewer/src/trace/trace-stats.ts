import type { Seconds } from "@xray-sandbox/segments";
import type { TimelineRow } from "./build-rows.ts";

export type StatsInput = Pick<TimelineRow, "id" | "name" | "segmentName" | "duration">;

/** One service and node name: how often it ran and how long. */
export interface StatsRow {
  readonly service: string;
  readonly name: string;
  readonly count: number;
  /** How many of `count` have a duration (the rest are in progress or have impossible times). */
  readonly timed: number;
  readonly total: Seconds;
  readonly self: Seconds;
  readonly min: Seconds | undefined;
  readonly avg: Seconds | undefined;
  readonly max: Seconds | undefined;
}

/** A node above every segment (an orphan whose segment has not arrived) has no service. */
export const NO_SERVICE = "(no segment)";

/**
 * The trace's nodes grouped by service (the nearest segment's name) and node name, with count,
 * total, self time and min/avg/max duration: most self time first, then most total time.
 */
export function traceStats(
  rows: readonly StatsInput[],
  self: ReadonlyMap<string, Seconds>,
): readonly StatsRow[] {
  interface Group {
    service: string;
    name: string;
    count: number;
    timed: number;
    total: number;
    self: number;
    min: number;
    max: number;
  }
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const service = row.segmentName ?? NO_SERVICE;
    const key = `${service}\u0000${row.name}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        service,
        name: row.name,
        count: 0,
        timed: 0,
        total: 0,
        self: 0,
        min: Number.POSITIVE_INFINITY,
        max: Number.NEGATIVE_INFINITY,
      };
      groups.set(key, group);
    }
    group.count++;
    if (row.duration === undefined) continue;
    group.timed++;
    group.total += row.duration;
    group.self += self.get(row.id) ?? 0;
    group.min = Math.min(group.min, row.duration);
    group.max = Math.max(group.max, row.duration);
  }
  return [...groups.values()]
    .map(
      (group): StatsRow => ({
        service: group.service,
        name: group.name,
        count: group.count,
        timed: group.timed,
        total: group.total as Seconds,
        self: group.self as Seconds,
        min: group.timed > 0 ? (group.min as Seconds) : undefined,
        avg: group.timed > 0 ? ((group.total / group.timed) as Seconds) : undefined,
        max: group.timed > 0 ? (group.max as Seconds) : undefined,
      }),
    )
    .sort((a, b) => b.self - a.self || b.total - a.total || a.name.localeCompare(b.name));
}
