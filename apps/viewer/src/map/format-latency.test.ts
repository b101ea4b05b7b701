import { describe, expect, it } from "vitest";
import { formatLatency, formatRequests } from "./format-latency.ts";

describe("latency and request labels", () => {
  it("picks the unit a reader expects", () => {
    expect(formatLatency(0.000_42)).toBe("420 µs");
    expect(formatLatency(0.0123)).toBe("12.3 ms");
    expect(formatLatency(0.25)).toBe("250 ms");
    expect(formatLatency(0.004)).toBe("4 ms");
    expect(formatLatency(1.5)).toBe("1.5 s");
    expect(formatLatency(Number.NaN)).toBe("–");
  });

  it("counts requests in words, shortening thousands", () => {
    expect(formatRequests(1)).toBe("1 request");
    expect(formatRequests(12)).toBe("12 requests");
    expect(formatRequests(1234)).toBe("1.2k requests");
    expect(formatRequests(45_678)).toBe("46k requests");
  });
});
