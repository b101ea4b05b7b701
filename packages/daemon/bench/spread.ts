/** Median and range over a benchmark's repetitions. */

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export function spread(values: readonly number[]): Spread | undefined {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const count = sorted.length;
  const min = sorted[0];
  const max = sorted[count - 1];
  if (min === undefined || max === undefined) return undefined;
  const upper = sorted[Math.floor(count / 2)] ?? max;
  const lower = sorted[Math.ceil(count / 2) - 1] ?? min;
  return { median: count % 2 === 1 ? upper : (lower + upper) / 2, min, max, count };
}
