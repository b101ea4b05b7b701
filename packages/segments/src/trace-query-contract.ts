/**
 * The wire contract of the daemon's queries over every kept trace: `GET /api/traces/query`
 * (a sorted page) and `GET /api/traces/distribution` (response-time histogram, percentiles
 * and a scatter sample). Both take the same selection: a filter expression, a received-time
 * range and response-time bounds.
 */

import type { TraceSummary } from "./trace.ts";
import type { EpochMillis, Seconds, TraceId } from "./units.ts";

/** What `sort=` orders by. */
export const TRACE_SORT_KEYS = ["received", "responsetime", "status", "services", "size"] as const;
export type TraceSortKey = (typeof TRACE_SORT_KEYS)[number];

export const SORT_ORDERS = ["desc", "asc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** How the histogram's bin edges are spaced (`scale=`). */
export const HISTOGRAM_SCALES = ["log", "linear"] as const;
export type HistogramScale = (typeof HISTOGRAM_SCALES)[number];

/** Bounds of the query parameters, checked by the daemon (400 outside them). */
export const TRACE_QUERY_BOUNDS = Object.freeze({
  /** `limit=`: traces a page holds. */
  defaultLimit: 100,
  maxLimit: 1000,
  /** `bins=`: the histogram's bins at most (fewer when nice edges need fewer). */
  defaultBins: 40,
  minBins: 1,
  maxBins: 200,
  /** `points=`: scatter points at most. */
  defaultPoints: 1000,
  maxPoints: 5000,
  /** Characters of `cursor=`. */
  maxCursorChars: 512,
});

/**
 * Which traces a query or a distribution describes. Every bound is optional; both ends of a
 * range are included.
 */
export interface TraceSelection {
  /** An X-Ray filter expression (`?filter=`). */
  readonly filter?: string;
  /** Received at or after (`?from=`: epoch milliseconds or an ISO 8601 time). */
  readonly from?: EpochMillis;
  /** Received at or before (`?to=`). */
  readonly to?: EpochMillis;
  /** Response time at least, in seconds (`?minResponseTime=`). */
  readonly minResponseTime?: Seconds;
  /** Response time at most, in seconds (`?maxResponseTime=`). */
  readonly maxResponseTime?: Seconds;
}

/**
 * `GET /api/traces/query?sort=&order=&limit=&cursor=&filter=&from=&to=&minResponseTime=
 * &maxResponseTime=`: one page of every kept trace that matches, sorted. Ties are broken by
 * trace id, and the cursor names the last row's sort value and id, so paging on while traces
 * arrive neither repeats nor skips a trace that was there before.
 */
export interface TraceQueryBody {
  readonly traces: readonly TraceSummary[];
  /** Present when more traces follow: pass it as `cursor` (with the same sort and order). */
  readonly nextCursor?: string;
  /** How many traces match, across all pages. */
  readonly total: number;
  /** How many kept traces the daemon looked at. */
  readonly scanned: number;
  readonly sort: TraceSortKey;
  readonly order: SortOrder;
}

/** One bar of the histogram: traces whose response time is from `from` up to `to`. */
export interface LatencyBin {
  /** Seconds, included. */
  readonly from: Seconds;
  /** Seconds; excluded, except in the last bin. */
  readonly to: Seconds;
  readonly count: number;
}

/** How a trace ended, as the scatter colours it (the root segment's flags and status). */
export type TraceOutcome = "ok" | "error" | "throttle" | "fault";

/** One dot of the duration-over-time scatter. */
export interface LatencyPoint {
  readonly traceId: TraceId;
  readonly receivedAt: EpochMillis;
  readonly responseTime: Seconds;
  readonly outcome: TraceOutcome;
}

export interface LatencyPercentiles {
  readonly p50: Seconds;
  readonly p90: Seconds;
  readonly p99: Seconds;
}

/**
 * `GET /api/traces/distribution?bins=&scale=&points=` with the selection of
 * `/api/traces/query`: the response times of every matching trace.
 */
export interface TraceDistributionBody {
  /** Traces that match the selection. */
  readonly total: number;
  /** Of those, traces with a response time (the rest are still running, or have no root). */
  readonly timed: number;
  readonly scanned: number;
  readonly scale: HistogramScale;
  /** Empty when no matching trace has a response time. */
  readonly bins: readonly LatencyBin[];
  /** Nearest-rank percentiles; absent when no trace is timed. */
  readonly percentiles?: LatencyPercentiles;
  readonly min?: Seconds;
  readonly max?: Seconds;
  /**
   * At most `points` dots: the slowest traces, then an even spread over the rest by receive
   * time; oldest first.
   */
  readonly points: readonly LatencyPoint[];
  /** True when `points` holds fewer than `timed`. */
  readonly pointsSampled: boolean;
}
