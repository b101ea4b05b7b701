/**
 * What the trace view works out once per trace, over every node whatever is collapsed:
 * service colours, self time, the critical path, statistics and the clock's resolution.
 */

import type { Seconds, TraceDetailBody } from "@xray-sandbox/segments";
import {
  buildFirstRows,
  buildRows,
  servicesInRowOrder,
  type TimelineModel,
  traceNodes,
} from "./build-rows.ts";
import { criticalPath } from "./critical-path.ts";
import { childrenByParent, selfTimes } from "./self-time.ts";
import { serviceColours } from "./service-colours.ts";
import { nodesResolution } from "./time-resolution.ts";
import { type StatsRow, traceStats } from "./trace-stats.ts";

export interface TraceAnalysis {
  /**
   * The first rows with nothing collapsed (`FIRST_ROWS` of them, or every row of a smaller
   * trace), for the view's first paint; `rowCount` is every row's.
   */
  readonly first: TimelineModel;
  /** Every node as a row, nothing collapsed: built on first use. */
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

/** Rows built before a trace's first paint: more than a tall window shows at once. */
export const FIRST_ROWS = 100;

const NOTHING_COLLAPSED: ReadonlySet<string> = new Set();

export function analyseTrace(body: Pick<TraceDetailBody, "segments" | "orphans">): TraceAnalysis {
  let full: TimelineModel | undefined;
  const fullOnce = (): TimelineModel => {
    full ??= buildRows(body, NOTHING_COLLAPSED);
    return full;
  };
  let paths: TracePaths | undefined;
  const pathsOnce = (): TracePaths => {
    if (!paths) {
      const { rows } = fullOnce();
      const children = childrenByParent(rows);
      paths = { self: selfTimes(rows, children), critical: criticalPath(rows, children) };
    }
    return paths;
  };
  let stats: readonly StatsRow[] | undefined;
  return {
    first: buildFirstRows(body, FIRST_ROWS),
    get full() {
      return fullOnce();
    },
    services: serviceColours(servicesInRowOrder(body)),
    paths: pathsOnce,
    stats: () => {
      stats ??= traceStats(fullOnce().rows, pathsOnce().self);
      return stats;
    },
    resolution: nodesResolution(traceNodes(body)),
  };
}
