import { describe, expect, it } from "vitest";
import { parseTimeRange, timeWindow } from "./time-range.ts";

describe("time ranges of the service map", () => {
  const now = 1_795_691_286_500;

  it("ends a relative range now and starts it that long ago, in epoch seconds", () => {
    expect(timeWindow("5m", now)).toEqual({ StartTime: 1_795_690_986.5, EndTime: 1_795_691_286.5 });
    expect(timeWindow("1h", now).StartTime).toBe(1_795_687_686.5);
  });

  it("covers every trace kept for 'all', even one stamped slightly in the future", () => {
    const window = timeWindow("all", now);
    expect(window.StartTime).toBe(0);
    expect(window.EndTime).toBeGreaterThan(now / 1000 + 60);
  });

  it("reads the range from the URL, defaulting to everything", () => {
    expect(parseTimeRange("15m")).toBe("15m");
    expect(parseTimeRange(null)).toBe("all");
    expect(parseTimeRange("2d")).toBe("all");
  });
});
