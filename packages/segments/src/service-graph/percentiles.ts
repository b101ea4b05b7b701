import type { ServiceGraphPercentiles } from "./service-graph-types.ts";

/**
 * The nearest-rank percentile of ascending `sorted` values: the smallest value with at least
 * `percent` % of the values at or below it. Undefined for no values.
 */
export function nearestRank(sorted: readonly number[], percent: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((Math.min(100, Math.max(0, percent)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

/** p50, p90 and p99 of the response times in seconds, exact (not read off the histogram). */
export class ResponseTimes {
  readonly #values: number[] = [];
  #sorted = true;

  add(seconds: number): void {
    const last = this.#values.at(-1);
    if (last !== undefined && seconds < last) this.#sorted = false;
    this.#values.push(seconds);
  }

  percentiles(): ServiceGraphPercentiles | undefined {
    if (this.#values.length === 0) return undefined;
    if (!this.#sorted) {
      this.#values.sort((a, b) => a - b);
      this.#sorted = true;
    }
    const values = this.#values;
    return {
      P50: nearestRank(values, 50) ?? 0,
      P90: nearestRank(values, 90) ?? 0,
      P99: nearestRank(values, 99) ?? 0,
    };
  }
}
