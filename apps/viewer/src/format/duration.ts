import type { Seconds } from "@xray-sandbox/segments";

/** The finest step a clock records that the viewer shows: one microsecond. */
export const MICROSECOND = 1e-6;
/** The step of a clock that counts milliseconds, as the X-Ray SDK for Node.js does. */
export const MILLISECOND = 1e-3;

const UNITS = [
  { factor: 1e-6, unit: "µs" },
  { factor: 1e-3, unit: "ms" },
  { factor: 1, unit: "s" },
] as const;

/**
 * A duration in the unit that reads best, with at most three significant digits and never
 * more decimals than `resolution` (the step of the clock that measured it) holds:
 * `420 µs`, `1.23 ms`, `123 ms`, `1.50 s`, `12.3 s`, `2m 05s`, `1h 02m` at microsecond
 * resolution; `1 ms`, `12 ms` at millisecond resolution. Less than one step reads
 * `< 1 ms` (or `< 1 µs`): the clock saw it, but not how long it took.
 */
export function formatDuration(duration: Seconds, resolution: number = MICROSECOND): string {
  if (!Number.isFinite(duration)) return "–";
  const step = Number.isFinite(resolution) && resolution > 0 ? resolution : MICROSECOND;
  if (duration < 0) return `-${formatDuration(-duration as Seconds, step)}`;
  const steps = Math.round(duration / step);
  if (steps === 0) return `< ${formatDuration(step as Seconds, step)}`;
  const value = steps * step;
  for (const { factor, unit } of UNITS) {
    const scaled = threeDigits(value / factor);
    const limit = factor === 1 ? 60 : 1000;
    if (scaled >= limit) continue;
    const decimals = Math.min(significantDecimals(scaled), decimalsOf(step / factor));
    return `${scaled.toFixed(decimals)} ${unit}`;
  }
  const whole = Math.round(value);
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${pad(whole % 60)}s`;
  const minutes = Math.round(value / 60);
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

/**
 * A point in time after the trace's start, `+120 ms`: as a duration, except that the start
 * itself (or anything the clock cannot tell from it) is `+0 ms`, not `+< 1 ms`.
 */
export function formatOffset(offset: Seconds, resolution: number = MICROSECOND): string {
  const step = Number.isFinite(resolution) && resolution > 0 ? resolution : MICROSECOND;
  if (Math.abs(offset) < step / 2) return step >= MILLISECOND ? "+0 ms" : "+0 µs";
  return offset < 0 ? formatDuration(offset, step) : `+${formatDuration(offset, step)}`;
}

function threeDigits(value: number): number {
  return Number(value.toPrecision(3));
}

/** Decimals that three significant digits of `value` need. */
function significantDecimals(value: number): number {
  if (value >= 100) return 0;
  if (value >= 10) return 1;
  return 2;
}

/** Decimals a step of `step` units can hold: 0 for 1, 1 for 0.1, 3 for 0.001. */
function decimalsOf(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
