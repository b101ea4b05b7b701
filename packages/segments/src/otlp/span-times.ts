/** OTLP nanosecond times as X-Ray epoch seconds, without losing the sub-microsecond digits. */

import { type EpochSeconds, epochSeconds } from "../units.ts";

const NANOS_PER_SECOND = 1_000_000_000n;

export function nanosToEpochSeconds(nanos: bigint): EpochSeconds {
  const whole = nanos / NANOS_PER_SECOND;
  const fraction = nanos % NANOS_PER_SECOND;
  return epochSeconds(Number(whole) + Number(fraction) / 1e9);
}
