import { type EpochMillis, type EpochSeconds, secondsToMillis } from "@xray-sandbox/segments";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `then` was, coarse enough to read at a glance: `just now`, `42s ago`,
 * `5m ago`, `3h ago`, `2d ago`. A time ahead of `now` (clock skew) reads `in 3s`.
 */
export function formatRelativeTime(then: EpochMillis, now: number): string {
  const elapsed = now - then;
  const size = Math.abs(elapsed);
  if (size < SECOND) return "just now";
  const amount =
    size < MINUTE
      ? `${Math.floor(size / SECOND)}s`
      : size < HOUR
        ? `${Math.floor(size / MINUTE)}m`
        : size < DAY
          ? `${Math.floor(size / HOUR)}h`
          : `${Math.floor(size / DAY)}d`;
  return elapsed >= 0 ? `${amount} ago` : `in ${amount}`;
}

/** Local date and time to the millisecond: `2026-11-26 11:08:03.123`. */
export function formatDateTime(time: EpochMillis): string {
  const date = new Date(time);
  return `${formatDate(date)} ${formatClock(date)}`;
}

/** Local time of day to the millisecond: `11:08:03.123`. */
export function formatTimeOfDay(time: EpochMillis): string {
  return formatClock(new Date(time));
}

/** An X-Ray `start_time`/`end_time` as local date and time to the millisecond. */
export function formatEpochSeconds(time: EpochSeconds): string {
  return formatDateTime(secondsToMillis(time));
}

/** For `<time dateTime>`: ISO 8601 in UTC. */
export function isoTime(time: EpochMillis): string {
  return new Date(time).toISOString();
}

function formatDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

function formatClock(date: Date): string {
  return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}.${pad(date.getMilliseconds(), 3)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
