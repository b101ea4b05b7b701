/** Made on first need: building an `Intl.NumberFormat` is slow, and most counts do without. */
let grouped: Intl.NumberFormat | undefined;

/** A whole count with thousands separators: `12,345`. */
export function formatCount(count: number): string {
  // A whole number is grouped by hand, as en-US would; anything else goes to Intl.
  if (Number.isSafeInteger(count) && !Object.is(count, -0)) {
    const digits = String(Math.abs(count)).replace(/\B(?=(\d{3})+$)/g, ",");
    return count < 0 ? `-${digits}` : digits;
  }
  grouped ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  return grouped.format(count);
}

/** `1 trace`, `3 traces`, `12,345 traces`; `plural` when adding `s` is wrong. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
