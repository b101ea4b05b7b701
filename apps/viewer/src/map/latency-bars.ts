import type { ServiceGraphHistogramEntry } from "@xray-sandbox/segments";

/** One bar of the panel's response-time histogram: requests that took `[from, to]` seconds. */
export interface LatencyBar {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

export const MAX_BARS = 16;

/**
 * The daemon's buckets (two significant digits, so up to hundreds of them) regrouped into at
 * most `maxBars` bars of equal width: on a logarithmic scale when the times span more than a
 * factor of ten, as latencies usually do, else linear.
 */
export function latencyBars(
  histogram: readonly ServiceGraphHistogramEntry[],
  maxBars = MAX_BARS,
): LatencyBar[] {
  const entries = histogram.filter((entry) => entry.Count > 0);
  const first = entries[0];
  const last = entries.at(-1);
  if (first === undefined || last === undefined) return [];
  if (entries.length <= maxBars) {
    return entries.map((entry) => ({ from: entry.Value, to: entry.Value, count: entry.Count }));
  }
  const low = first.Value;
  const high = last.Value;
  const logarithmic = low > 0 && high / low > 10;
  const scale = logarithmic ? Math.log : (value: number) => value;
  const unscale = logarithmic ? Math.exp : (value: number) => value;
  const start = scale(low);
  const width = (scale(high) - start) / maxBars;
  const bars = Array.from({ length: maxBars }, (_, index) => ({
    from: index === 0 ? low : unscale(start + index * width),
    to: index === maxBars - 1 ? high : unscale(start + (index + 1) * width),
    count: 0,
  }));
  for (const entry of entries) {
    const index = Math.min(
      maxBars - 1,
      Math.max(0, Math.floor((scale(entry.Value) - start) / width)),
    );
    const bar = bars[index];
    if (bar !== undefined) bar.count += entry.Count;
  }
  return bars;
}

/** The tallest bar's count, at least 1, for scaling bar heights. */
export function tallest(bars: readonly LatencyBar[]): number {
  return bars.reduce((max, bar) => Math.max(max, bar.count), 1);
}
