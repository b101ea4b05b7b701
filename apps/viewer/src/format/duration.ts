import type { Seconds } from "@xray-sandbox/segments";

/**
 * A duration in the unit that reads best, with three significant digits below a minute:
 * `420 µs`, `1.23 ms`, `123 ms`, `1.50 s`, `12.3 s`, `2m 05s`, `1h 02m`.
 */
export function formatDuration(duration: Seconds): string {
  if (!Number.isFinite(duration)) return "–";
  if (duration < 0) return `-${formatDuration(-duration as Seconds)}`;
  const micros = Math.round(duration * 1_000_000);
  if (micros < 1000) return `${micros} µs`;
  const millis = threeDigits(duration * 1000);
  if (millis < 1000) return `${withDecimals(millis)} ms`;
  const seconds = threeDigits(duration);
  if (seconds < 60) return `${withDecimals(seconds)} s`;
  const whole = Math.round(duration);
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${pad(whole % 60)}s`;
  const minutes = Math.round(duration / 60);
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

function threeDigits(value: number): number {
  return Number(value.toPrecision(3));
}

function withDecimals(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
