/**
 * What the trace view works out once per trace, over every node whatever is collapsed:
 * service colours, self time, the critical path, statistics and the clock's resolution.
 */

import type { Seconds, TraceDetailBody } from "@xray-sandbox/segments";
import { buildRows, type TimelineModel } from "./build-rows.ts";
import { criticalPath } from "./critical-path.ts";
import { childrenByParent, selfTimes } from "./self-time.ts";
import { serviceColours } from "./service-colours.ts";
import { nodesResolution } from "./time-resolution.ts";
import { type StatsRow, traceStats } from "./trace-stats.ts";

export interface TraceAnalysis {
  /** Every node as a row, nothing collapsed. */
  readonly full: TimelineModel;
  /** Colour slot per service (segment name), in order of first appearance. */
  readonly services: ReadonlyMap<string, number>;
  /**
   * Self time and the critical path, worked out on first use: the trace view asks once the
   * first rows are painted, so a large trace's first rows do not wait for them.
   */
  readonly paths: () => TracePaths;
  /** Worked out on first use (the Statistics tab), not when the trace opens. */
  readonly stats: () => readonly StatsRow[];
  /** The step of the clock that wrote the times (seconds): 0.001 for the Node SDK. */
  readonly resolution: number;
}

export interface TracePaths {
  readonly self: ReadonlyMap<string, Seconds>;
  readonly critical: ReadonlySet<string>;
}

const NOTHING_COLLAPSED: ReadonlySet<string> = new Set();

export function analyseTrace(body: Pick<TraceDetailBody, "segments" | "orphans">): TraceAnalysis {
  const full = buildRows(body, NOTHING_COLLAPSED);
  let paths: TracePaths | undefined;
  const pathsOnce = (): TracePaths => {
    if (!paths) {
      const children = childrenByParent(full.rows);
      paths = { self: selfTimes(full.rows, children), critical: criticalPath(full.rows, children) };
    }
    return paths;
  };
  let stats: readonly StatsRow[] | undefined;
  return {
    full,
    services: serviceColours(full.rows.map((row) => row.segmentName)),
    paths: pathsOnce,
    stats: () => {
      stats ??= traceStats(full.rows, pathsOnce().self);
      return stats;
    },
    resolution: nodesResolution(full.rows),
  };
}
