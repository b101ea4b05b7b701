import { describe, expect, it } from "vitest";
import { otherCpuMicros, parseHostBusyMicros, sampleCpu } from "./host-cpu.ts";

describe("parseHostBusyMicros", () => {
  it("adds user, nice and system time of the all-CPU line", () => {
    const stat = "cpu  600 10 90 5000 4 0 100 0 0 0\ncpu0 300 5 45 2500 2 0 50 0 0 0\n";
    expect(parseHostBusyMicros(stat)).toBe(7_000_000);
  });

  it("has nothing to say about text without that line", () => {
    expect(parseHostBusyMicros("intr 1 2 3\n")).toBeUndefined();
  });
});

describe("otherCpuMicros", () => {
  it("is the host's time less the bench's own, never below zero", () => {
    const before = { host: 1_000_000, own: 400_000 };
    expect(otherCpuMicros(before, { host: 1_900_000, own: 1_000_000 })).toBe(300_000);
    expect(otherCpuMicros(before, { host: 1_500_000, own: 1_000_000 })).toBe(0);
    expect(otherCpuMicros(undefined, before)).toBeUndefined();
  });
});

describe.runIf(process.platform === "linux")("sampleCpu", () => {
  it("counts this process as its own", async () => {
    const sample = await sampleCpu([]);
    expect(sample?.own).toBeGreaterThan(0);
    expect(sample?.host).toBeGreaterThanOrEqual(sample?.own ?? Number.POSITIVE_INFINITY);
  });
});
