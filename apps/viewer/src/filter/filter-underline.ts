import type { FilterError } from "@xray-sandbox/segments";

/** A filter split around the part a parse error points at, for drawing the underline. */
export interface UnderlineParts {
  readonly before: string;
  readonly marked: string;
  readonly after: string;
  /**
   * The error names a place rather than text (something is missing there, often at the
   * end): draw a marker between `before` and `after` instead of underlining `marked`.
   */
  readonly insertion: boolean;
}

export function underlineParts(
  source: string,
  error: Pick<FilterError, "offset" | "length">,
): UnderlineParts {
  const start = clamp(error.offset, 0, source.length);
  const end = clamp(error.offset + Math.max(0, error.length), start, source.length);
  return {
    before: source.slice(0, start),
    marked: source.slice(start, end),
    after: source.slice(end),
    insertion: end === start,
  };
}

function clamp(value: number, low: number, high: number): number {
  if (!Number.isFinite(value)) return high;
  return Math.min(high, Math.max(low, Math.trunc(value)));
}
