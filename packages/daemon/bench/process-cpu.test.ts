import { describe, expect, it } from "vitest";
import {
  parseProcStatCpuMicros,
  readProcessCpuMicros,
  readThreadCpuMicros,
  splitThreadCpu,
} from "./process-cpu.ts";

describe("parseProcStatCpuMicros", () => {
  it("adds user and system ticks, even when the command name has spaces and parentheses", () => {
    const stat =
      "4242 (node (worker) 1) S 1 4242 4242 0 -1 4194560 500 0 0 0 250 75 0 0 20 0 7 0 100 0 0";
    expect(parseProcStatCpuMicros(stat)).toBe(3_250_000);
  });

  it("has nothing to say about a truncated line", () => {
    expect(parseProcStatCpuMicros("4242 (node) S 1 2")).toBeUndefined();
  });
});

describe("splitThreadCpu", () => {
  it("separates the main thread, the busiest other thread and the rest", () => {
    const before = new Map([
      [100, 1_000],
      [101, 500],
      [102, 0],
    ]);
    const after = new Map([
      [100, 4_000],
      [101, 900],
      [102, 7_000],
      [103, 200],
    ]);
    expect(splitThreadCpu(before, after, 100)).toEqual({
      main: 3_000,
      busiest: 7_000,
      others: 600,
    });
  });
});

describe.runIf(process.platform === "linux")("readThreadCpuMicros", () => {
  it("lists this process's main thread", async () => {
    expect((await readThreadCpuMicros(process.pid))?.has(process.pid)).toBe(true);
  });
});

describe.runIf(process.platform === "linux")("readProcessCpuMicros", () => {
  it("sees this process's CPU time grow", async () => {
    const before = (await readProcessCpuMicros(process.pid)) ?? Number.NaN;
    const start = process.cpuUsage();
    let used = 0;
    while (used < 50_000) {
      const { user, system } = process.cpuUsage(start);
      used = user + system;
    }
    const after = (await readProcessCpuMicros(process.pid)) ?? Number.NaN;
    expect(after).toBeGreaterThan(before);
  });

  it("has nothing to say about a process that does not exist", async () => {
    expect(await readProcessCpuMicros(2 ** 30)).toBeUndefined();
  });
});
