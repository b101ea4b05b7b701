import { epochMillis, epochSeconds } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { formatDateTime, formatEpochSeconds, formatRelativeTime, formatTimeOfDay } from "./time.ts";

const now = Date.UTC(2026, 10, 26, 12, 0, 0);
const ago = (ms: number) => epochMillis(now - ms);

describe("formatRelativeTime", () => {
  it.each([
    [0, "just now"],
    [999, "just now"],
    [1000, "1s ago"],
    [59_999, "59s ago"],
    [60_000, "1m ago"],
    [3_599_999, "59m ago"],
    [3_600_000, "1h ago"],
    [86_399_999, "23h ago"],
    [86_400_000, "1d ago"],
    [10 * 86_400_000, "10d ago"],
  ])("%i ms ago reads %s", (elapsed, text) => {
    expect(formatRelativeTime(ago(elapsed), now)).toBe(text);
  });

  it("says when a time is ahead of the clock instead of printing a negative age", () => {
    expect(formatRelativeTime(ago(-5000), now)).toBe("in 5s");
  });
});

describe("absolute times", () => {
  const local = new Date(2026, 10, 26, 9, 8, 3, 7).getTime();

  it("prints local date and time to the millisecond, zero-padded", () => {
    expect(formatDateTime(epochMillis(local))).toBe("2026-11-26 09:08:03.007");
    expect(formatTimeOfDay(epochMillis(local))).toBe("09:08:03.007");
  });

  it("reads X-Ray epoch seconds", () => {
    expect(formatEpochSeconds(epochSeconds(local / 1000))).toBe("2026-11-26 09:08:03.007");
  });
});
