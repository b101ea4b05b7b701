/**
 * Response-time bounds written into the filter expression, so that a brush on the chart or
 * the quick min/max fields teach the language: `responsetime >= 0.25 AND responsetime <= 1`.
 * Bounds written before are replaced, not stacked.
 */

const NUMBER = String.raw`\d+(?:\.\d+)?(?:e-?\d+)?`;
const BOUND = String.raw`responsetime\s*(?:>=|<=|>|<)\s*${NUMBER}`;
/** A bound at the top level: at the start or after AND, and before AND or the end. */
const BOUND_CLAUSE = new RegExp(String.raw`(^|\s+AND\s+)${BOUND}(?=\s+AND\s+|\s*$)`, "i");

/** Seconds as the filter shows them: at most 4 significant digits, no exponent. */
export function filterSeconds(seconds: number): string {
  const rounded = Number(seconds.toPrecision(4));
  return rounded
    .toFixed(Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(Math.abs(rounded) || 1)))))
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}

/** The filter without response-time bounds a top-level AND joins to it. */
export function withoutResponseTimeBounds(filter: string): string {
  let rest = filter.trim();
  for (let guard = 0; guard < 20; guard++) {
    const next = rest.replace(BOUND_CLAUSE, "");
    if (next === rest) break;
    rest = next.trim().replace(/^AND\s+/i, "");
  }
  return rest.trim();
}

/**
 * `filter` narrowed to response times from `min` to `max` seconds (either may be left out;
 * both left out only removes earlier bounds).
 */
export function withResponseTimeRange(
  filter: string,
  min: number | undefined,
  max: number | undefined,
): string {
  const rest = withoutResponseTimeBounds(filter);
  const bounds = [
    ...(min !== undefined ? [`responsetime >= ${filterSeconds(min)}`] : []),
    ...(max !== undefined ? [`responsetime <= ${filterSeconds(max)}`] : []),
  ];
  if (bounds.length === 0) return rest;
  if (rest === "") return bounds.join(" AND ");
  // An OR at the top level would bind looser than the AND added: keep the user's meaning.
  const base = /\bOR\b/i.test(rest) && !/^\(.*\)$/.test(rest) ? `(${rest})` : rest;
  return `${base} AND ${bounds.join(" AND ")}`;
}

/** The bounds a filter already carries at the top level, for the quick min/max fields. */
export function responseTimeBoundsOf(filter: string): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  const pattern = new RegExp(
    String.raw`(^|\s+AND\s+)responsetime\s*(>=|<=)\s*(${NUMBER})(?=\s+AND\s+|\s*$)`,
    "gi",
  );
  for (const match of filter.trim().matchAll(pattern)) {
    const value = Number(match[3]);
    if (match[2] === ">=") out.min = value;
    else out.max = value;
  }
  return out;
}
