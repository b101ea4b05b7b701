import type { Parsed } from "../config.ts";
import { InvalidConfigError } from "../errors.ts";

const UNIT_MILLIS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/** `90s`, `30m`, `24h`, `7d`, `1h30m`: milliseconds, at least one. */
export function parseDuration(text: string, setting = "--max-age"): Parsed<number> {
  const trimmed = text.trim().toLowerCase();
  if (!DURATION.test(trimmed)) {
    return {
      ok: false,
      error: new InvalidConfigError(
        setting,
        `${JSON.stringify(text)} is not a duration (a number with ms, s, m, h, d or w, e.g. 24h, 7d, 1h30m)`,
      ),
    };
  }
  let millis = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) {
    millis += Number(amount) * (UNIT_MILLIS[unit ?? ""] ?? 0);
  }
  millis = Math.round(millis);
  if (millis < 1 || !Number.isSafeInteger(millis)) {
    return {
      ok: false,
      error: new InvalidConfigError(setting, `${JSON.stringify(text)} is out of range`),
    };
  }
  return { ok: true, value: millis };
}
