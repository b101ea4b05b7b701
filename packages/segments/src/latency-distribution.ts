/**
 * The response-time distribution of many traces, without I/O: histogram bins with readable
 * edges, nearest-rank percentiles, and a bounded scatter sample.
 *
 * Bin edges. `log`: a Renard-like series per decade, the finest of 10 steps
 * (1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8), 5 steps (1, 1.6, 2.5, 4, 6.3), 3 steps (1, 2, 5)
 * or 1 step (1) that covers the values within the bins asked for: latencies span decades, and
 * each bar then reads as a plain number of milliseconds or seconds. `linear`: a step of 1, 2 or
 * 5 times a power of ten, from a multiple of the step below the fastest to one above the
 * slowest.
 */

import type { TraceSummary } from "./trace.ts";
import type {
  HistogramScale,
  LatencyBin,
  LatencyPercentiles,
  LatencyPoint,
  TraceOutcome,
} from "./trace-query-contract.ts";
import type { EpochMillis, Seconds } from "./units.ts";

/** The smallest edge a log histogram goes down to: 1 µs (a response time of 0 counts there). */
const LOG_FLOOR_SECONDS = 1e-6;

const LOG_SERIES: readonly (readonly number[])[] = [
  [1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8],
  [1, 1.6, 2.5, 4, 6.3],
  [1, 2, 5],
  [1],
];

/** `value` with at most 4 significant digits, so that edges print as typed. */
function tidy(value: number): number {
  return Number(value.toPrecision(4));
}

/**
 * The edges of a series from the last one at or below `min` to the first one above `max`
 * (at or above it when that is not the first edge too).
 */
function seriesEdges(series: readonly number[], min: number, max: number): number[] {
  const all: number[] = [];
  const top = Math.ceil(Math.log10(max)) + 1;
  for (let decade = Math.floor(Math.log10(min)) - 1; decade <= top; decade++) {
    for (const step of series) all.push(tidy(step * 10 ** decade));
  }
  let first = 0;
  while (first + 1 < all.length && (all[first + 1] as number) <= min) first++;
  let last = first + 1;
  while (last < all.length - 1 && (all[last] as number) < max) last++;
  return all.slice(first, last + 1);
}

/**
 * Bin edges for values from `min` to `max` (seconds, min ≤ max), at most `bins` bins (and at
 * least one). The first edge is at or below `min`, the last above `max` (or equal to it).
 */
export function histogramEdges(
  min: number,
  max: number,
  bins: number,
  scale: HistogramScale,
): number[] {
  if (!(bins >= 1)) throw new RangeError(`bins must be 1 or more, got ${bins}`);
  if (!(min <= max)) throw new RangeError(`min (${min}) must not be above max (${max})`);
  if (scale === "log") {
    const low = Math.max(min, LOG_FLOOR_SECONDS);
    const high = Math.max(max, low);
    for (const series of LOG_SERIES) {
      const edges = seriesEdges(series, low, high);
      if (edges.length - 1 <= bins) return edges;
    }
    // Even one step per decade is too many: decades of equal width, as few as fit.
    const first = 10 ** Math.floor(Math.log10(low));
    const decades = Math.max(1, Math.ceil(Math.log10(high / first)));
    const per = Math.ceil(decades / bins);
    const edges: number[] = [];
    for (let d = 0; d <= decades + per - 1; d += per) {
      edges.push(tidy(first * 10 ** d));
      if (first * 10 ** d >= high) break;
    }
    return edges;
  }
  const span = max - min;
  const step = niceStep(span > 0 ? span / bins : Math.max(Math.abs(max), 1e-3) / bins);
  const start = Math.floor(min / step);
  let end = Math.ceil(max / step);
  if (end === start) end = start + 1;
  // A max exactly on an edge belongs to the last bin (its upper edge is included).
  const edges: number[] = [];
  for (let i = start; i <= end; i++) edges.push(tidy(i * step));
  return edges;
}

/** 1, 2 or 5 times a power of ten, at or above `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= raw * (1 - 1e-9)) return tidy(factor * power);
  }
  return tidy(10 * power);
}

/** The bin index of `value` for `edges` (bins are [from, to), the last [from, to]). */
export function binIndex(edges: readonly number[], value: number): number {
  const last = edges.length - 2;
  if (value < (edges[1] ?? Number.POSITIVE_INFINITY)) return 0;
  if (value >= (edges[last] ?? 0)) return last;
  let low = 1;
  let high = last;
  // Invariant: edges[low] <= value < edges[high + 1].
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((edges[mid] ?? 0) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Counts `values` into the bins of `edges`. */
export function histogram(values: ArrayLike<number>, edges: readonly number[]): LatencyBin[] {
  const counts = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
  if (counts.length === 0) return [];
  for (let i = 0; i < values.length; i++) {
    const index = binIndex(edges, values[i] as number);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts.map((count, i) => ({
    from: (edges[i] ?? 0) as Seconds,
    to: (edges[i + 1] ?? 0) as Seconds,
    count,
  }));
}

/**
 * Nearest-rank percentile of values sorted ascending: the smallest value with at least `p`
 * percent of the values at or below it.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError("no values");
  if (!(p > 0 && p <= 100)) throw new RangeError(`p must be above 0 and at most 100, got ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function percentilesOf(sorted: ArrayLike<number>): LatencyPercentiles {
  return {
    p50: percentile(sorted, 50) as Seconds,
    p90: percentile(sorted, 90) as Seconds,
    p99: percentile(sorted, 99) as Seconds,
  };
}

export function outcomeOf(summary: TraceSummary): TraceOutcome {
  const root = summary.root;
  const status = summary.http?.status;
  if (root?.fault || (status !== undefined && status >= 500)) return "fault";
  if (root?.throttle || status === 429) return "throttle";
  if (root?.error || (status !== undefined && status >= 400)) return "error";
  return "ok";
}

/** How the distribution is asked for. */
export interface DistributionOptions {
  readonly bins: number;
  readonly scale: HistogramScale;
  /** Scatter points at most. */
  readonly points: number;
}

export interface Distribution {
  readonly timed: number;
  readonly bins: LatencyBin[];
  readonly percentiles: LatencyPercentiles | undefined;
  readonly min: Seconds | undefined;
  readonly max: Seconds | undefined;
  readonly points: LatencyPoint[];
  readonly pointsSampled: boolean;
}

/** The slowest traces always get a dot (up to this share of the points): they are the question. */
const SLOWEST_SHARE = 0.1;

/**
 * Gathers the response times of the summaries offered (those without one are counted
 * elsewhere), in flat arrays that grow by doubling: 100,000 traces cost a few megabytes.
 */
export class DistributionCollector {
  #size = 0;
  #times: Float64Array<ArrayBuffer>;
  #received: Float64Array<ArrayBuffer>;
  /** The summaries themselves: ids and outcomes are read only for the points chosen. */
  #summaries: TraceSummary[];

  /** `capacity`: how many summaries may come (the store's size), so nothing grows on the way. */
  constructor(capacity = 1024) {
    const size = Math.max(16, Math.ceil(capacity));
    this.#times = new Float64Array(size);
    this.#received = new Float64Array(size);
    this.#summaries = new Array<TraceSummary>(size);
  }

  /** Keeps the summary's response time; false when it has none. */
  offer(summary: TraceSummary): boolean {
    const time = summary.responseTime;
    if (time === undefined || !Number.isFinite(time)) return false;
    if (this.#size === this.#times.length) {
      this.#times = grow(this.#times);
      this.#received = grow(this.#received);
    }
    this.#times[this.#size] = time;
    this.#received[this.#size] = summary.firstReceivedAt;
    this.#summaries[this.#size] = summary;
    this.#size++;
    return true;
  }

  get timed(): number {
    return this.#size;
  }

  result({ bins, scale, points }: DistributionOptions): Distribution {
    const size = this.#size;
    if (size === 0) {
      return {
        timed: 0,
        bins: [],
        percentiles: undefined,
        min: undefined,
        max: undefined,
        points: [],
        pointsSampled: false,
      };
    }
    const times = this.#times.subarray(0, size);
    const sorted = Float64Array.from(times).sort();
    const min = sorted[0] as number;
    const max = sorted[size - 1] as number;
    const edges = histogramEdges(min, max, bins, scale);
    return {
      timed: size,
      bins: histogram(times, edges),
      percentiles: percentilesOf(sorted),
      min: min as Seconds,
      max: max as Seconds,
      points: this.#points(points, sorted),
      pointsSampled: size > points,
    };
  }

  /**
   * The slowest tenth of `limit`, then every k-th of the rest by arrival; oldest first. `sorted`
   * is the response times ascending: the slowest are found against its threshold in one pass,
   * without sorting the traces.
   */
  #points(limit: number, sorted: Float64Array): LatencyPoint[] {
    const size = this.#size;
    const chosen = new Set<number>();
    if (size <= limit) {
      for (let i = 0; i < size; i++) chosen.add(i);
    } else {
      const slowest = Math.floor(limit * SLOWEST_SHARE);
      if (slowest > 0) {
        const threshold = sorted[size - slowest] as number;
        const times = this.#times;
        // Strictly slower first, then ties at the threshold, newest first, until there are enough.
        for (let i = 0; i < size && chosen.size < slowest; i++) {
          if ((times[i] as number) > threshold) chosen.add(i);
        }
        for (let i = size - 1; i >= 0 && chosen.size < slowest; i--) {
          if (times[i] === threshold) chosen.add(i);
        }
      }
      const rest = limit - chosen.size;
      const stride = size / rest;
      for (let k = 0; k < rest; k++) chosen.add(Math.min(size - 1, Math.floor(k * stride)));
      // A stride index that was already among the slowest leaves room: its next neighbours fill it.
      for (let k = 0; chosen.size < limit && k < rest; k++) {
        for (let i = Math.floor(k * stride) + 1; i < size && chosen.size < limit; i++) {
          if (!chosen.has(i)) {
            chosen.add(i);
            break;
          }
        }
      }
    }
    const out: LatencyPoint[] = [];
    for (const i of chosen) {
      const summary = this.#summaries[i] as TraceSummary;
      out.push({
        traceId: summary.id,
        receivedAt: this.#received[i] as EpochMillis,
        responseTime: this.#times[i] as Seconds,
        outcome: outcomeOf(summary),
      });
    }
    return out.sort((a, b) => a.receivedAt - b.receivedAt || (a.traceId < b.traceId ? -1 : 1));
  }
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const next = new Float64Array(array.length * 2);
  next.set(array);
  return next;
}
