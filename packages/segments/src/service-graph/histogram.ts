import type { ServiceGraphHistogramEntry } from "./service-graph-types.ts";

/**
 * The bucket a time in seconds falls in: rounded to the millisecond, then to two significant
 * digits. Buckets are 1 ms wide below 0.1 s, 10 ms wide up to 1 s, 0.1 s up to 10 s, ...
 */
export function histogramBucket(seconds: number): number {
  const millis = Math.round(seconds * 1000);
  if (millis <= 0) return 0;
  return Number((millis / 1000).toPrecision(2));
}

export class Histogram {
  readonly #counts = new Map<number, number>();

  add(seconds: number): void {
    const bucket = histogramBucket(seconds);
    this.#counts.set(bucket, (this.#counts.get(bucket) ?? 0) + 1);
  }

  /** Entries in ascending `Value` order. */
  entries(): ServiceGraphHistogramEntry[] {
    return [...this.#counts].sort(([a], [b]) => a - b).map(([Value, Count]) => ({ Value, Count }));
  }
}
