const UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `90` (seconds), `500ms`, `30s`, `2m`, `1h` to milliseconds; undefined when it is none of those. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit = "s"] = match;
  const factor = UNITS_MS[unit];
  if (amount === undefined || factor === undefined) return undefined;
  return Number(amount) * factor;
}
