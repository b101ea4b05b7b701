import type { ServiceGraphStatistics } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { callCounts, ringSegments, worstStatus } from "./health-ring.ts";

function statistics(ok: number, error: number, throttle: number, fault: number) {
  return {
    OkCount: ok,
    ErrorStatistics: { ThrottleCount: throttle, OtherCount: error, TotalCount: error + throttle },
    FaultStatistics: { OtherCount: fault, TotalCount: fault },
    TotalCount: ok + error + throttle + fault,
    TotalResponseTime: 0,
  } satisfies ServiceGraphStatistics;
}

describe("health ring", () => {
  it("splits the ring by status, each share starting where the previous one ended", () => {
    const segments = ringSegments(callCounts(statistics(6, 2, 0, 2)));
    expect(segments).toEqual([
      { status: "ok", count: 6, share: 0.6, start: 0 },
      { status: "error", count: 2, share: 0.2, start: 0.6 },
      { status: "fault", count: 2, share: 0.2, start: 0.8 },
    ]);
  });

  it("counts a throttle once, as a throttle, not also as an error", () => {
    const counts = callCounts(statistics(1, 0, 3, 0));
    expect(counts).toEqual({ ok: 1, error: 0, throttle: 3, fault: 0 });
    expect(ringSegments(counts).map((segment) => segment.share)).toEqual([0.25, 0.75]);
  });

  it("draws no segment when no request has completed", () => {
    expect(ringSegments(callCounts(statistics(0, 0, 0, 0)))).toEqual([]);
  });

  it("names the worst status present", () => {
    expect(worstStatus({ ok: 5, error: 1, throttle: 1, fault: 0 })).toBe("throttle");
    expect(worstStatus({ ok: 5, error: 1, throttle: 1, fault: 1 })).toBe("fault");
    expect(worstStatus({ ok: 5, error: 0, throttle: 0, fault: 0 })).toBe("ok");
  });
});
