/** Options of `sandbox.queryTraces()` and `sandbox.latency()`, turned into query strings. */

import type { HistogramScale, SortOrder, TraceSortKey } from "@xray-sandbox/segments";

/** Which traces: every bound optional, both ends of each range included. */
export interface TraceSelectionOptions {
  /** An X-Ray filter expression. */
  readonly filter?: string;
  /** Received at or after: a Date, or epoch milliseconds. */
  readonly from?: Date | number;
  /** Received at or before. */
  readonly to?: Date | number;
  /** Response time at least, in seconds. */
  readonly minResponseTime?: number;
  /** Response time at most, in seconds. */
  readonly maxResponseTime?: number;
}

export interface QueryTracesOptions extends TraceSelectionOptions {
  /** `received` unless given. */
  readonly sort?: TraceSortKey;
  /** `desc` unless given. */
  readonly order?: SortOrder;
  /** Traces a page holds: 1 to 1000, 100 unless given. */
  readonly limit?: number;
  /** The `nextCursor` of the page before (with the same sort and order). */
  readonly cursor?: string;
}

export interface LatencyOptions extends TraceSelectionOptions {
  /** Histogram bins at most: 1 to 200, 40 unless given. */
  readonly bins?: number;
  /** `log` (readable edges per decade) unless given. */
  readonly scale?: HistogramScale;
  /** Scatter points at most: 0 to 5000, 1000 unless given. */
  readonly points?: number;
}

export type QueryString = Record<string, string | undefined>;

function text(value: number | string | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function time(value: Date | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const millis = value instanceof Date ? value.getTime() : value;
  if (!Number.isFinite(millis)) throw new RangeError(`not a time: ${String(value)}`);
  return String(Math.round(millis));
}

function selection(options: TraceSelectionOptions): QueryString {
  return {
    filter: options.filter,
    from: time(options.from),
    to: time(options.to),
    minResponseTime: text(options.minResponseTime),
    maxResponseTime: text(options.maxResponseTime),
  };
}

export function queryTracesQuery(options: QueryTracesOptions): QueryString {
  return {
    ...selection(options),
    sort: options.sort,
    order: options.order,
    limit: text(options.limit),
    cursor: options.cursor,
  };
}

export function latencyQuery(options: LatencyOptions): QueryString {
  return {
    ...selection(options),
    bins: text(options.bins),
    scale: options.scale,
    points: text(options.points),
  };
}
