const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A whole count with thousands separators: `12,345`. */
export function formatCount(count: number): string {
  return GROUPED.format(count);
}

/** `1 trace`, `3 traces`, `12,345 traces`; `plural` when adding `s` is wrong. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
