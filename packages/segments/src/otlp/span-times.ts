/** OTLP nanosecond times as X-Ray epoch seconds, without losing the sub-microsecond digits. */

import { type EpochSeconds, epochSeconds } from "../units.ts";

const NANOS_PER_SECOND = 1_000_000_000n;

/**
 * `Number(nanos / 10⁹) + Number(nanos % 10⁹) / 10⁹`, with one `bigint` operation instead of
 * two (each makes a `bigint`; this runs twice for every span filed). The whole seconds are
 * exact: `Number(nanos)` is within 2,048 ns of `nanos` for any 64-bit value, so the division
 * lands within a thousandth of a second of the whole number it rounds to.
 */
export function nanosToEpochSeconds(nanos: bigint): EpochSeconds {
  const fraction = Number(nanos % NANOS_PER_SECOND);
  const whole = Math.round((Number(nanos) - fraction) / 1e9);
  return epochSeconds(whole + fraction / 1e9);
}
