import {
  type EpochSeconds,
  epochMillis,
  epochSeconds,
  millisToSeconds,
} from "@xray-sandbox/segments";

export type TimeRangeKey = "5m" | "15m" | "1h" | "all";

export const TIME_RANGES: readonly { readonly key: TimeRangeKey; readonly label: string }[] = [
  { key: "5m", label: "Last 5 minutes" },
  { key: "15m", label: "Last 15 minutes" },
  { key: "1h", label: "Last hour" },
  { key: "all", label: "Everything kept" },
];

const SECONDS: Readonly<Record<Exclude<TimeRangeKey, "all">, number>> = {
  "5m": 300,
  "15m": 900,
  "1h": 3600,
};

/** Leeway for clocks of services that run a little ahead of this machine's. */
const FUTURE_SKEW_SECONDS = 3600;

export function parseTimeRange(value: string | null): TimeRangeKey {
  return TIME_RANGES.find((range) => range.key === value)?.key ?? "all";
}

/** `StartTime`/`EndTime` for `GetServiceGraph`; "all" reaches back to the epoch. */
export function timeWindow(
  range: TimeRangeKey,
  nowMillis: number,
): { StartTime: EpochSeconds; EndTime: EpochSeconds } {
  const now = millisToSeconds(epochMillis(nowMillis));
  const start = range === "all" ? 0 : Math.max(0, now - SECONDS[range]);
  const end = range === "all" ? now + FUTURE_SKEW_SECONDS : now;
  return { StartTime: epochSeconds(start), EndTime: epochSeconds(end) };
}
