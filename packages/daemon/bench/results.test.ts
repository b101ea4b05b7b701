import { describe, expect, it } from "vitest";
import { cpuPercent, lossPercent, summarize, type TargetRun } from "./results.ts";

function run(overrides: Partial<TargetRun>): TargetRun {
  return {
    target: "baseline",
    sizeBytes: 800,
    rate: 10_000,
    rep: 1,
    sent: 30_000,
    planned: 30_000,
    achievedRate: 10_000,
    sendSeconds: 3,
    sendErrors: 0,
    senderCpuMicros: 300_000,
    received: 30_000,
    storedDocuments: undefined,
    rejected: undefined,
    evictedTraces: undefined,
    cpuMicros: 600_000,
    rssBytes: 64 * 1024 * 1024,
    socketDrops: 0,
    otherCpuMicros: 30_000,
    observedSeconds: 3,
    settled: true,
    drainMs: undefined,
    queuePeakBytes: undefined,
    queueOverflow: undefined,
    lostInRestarts: undefined,
    threadCpuMicros: undefined,
    ...overrides,
  };
}

describe("lossPercent and cpuPercent", () => {
  it("relate what was received to what was sent, and CPU time to the sending window", () => {
    const measured = run({ sent: 40_000, received: 30_000, cpuMicros: 1_500_000, sendSeconds: 3 });
    expect(lossPercent(measured)).toBe(25);
    expect(cpuPercent(measured)).toBe(50);
  });
});

describe("summarize", () => {
  it("groups by size and rate and pairs each daemon run with the baseline of its repetition", () => {
    const runs = [
      run({ rep: 1, received: 30_000 }),
      run({ rep: 2, received: 29_000 }),
      run({ rep: 3, received: 28_000 }),
      run({ target: "daemon", rep: 1, received: 15_000, storedDocuments: 15_000 }),
      run({ target: "daemon", rep: 2, received: 29_000, storedDocuments: 29_000 }),
      run({ target: "daemon", rep: 3, received: 21_000, storedDocuments: 21_000 }),
      run({ rate: 50_000, sent: 150_000, received: 150_000 }),
    ];
    const [slow, fast] = summarize(runs);
    expect(slow).toMatchObject({ sizeBytes: 800, rate: 10_000 });
    expect(slow?.baseline?.received).toEqual({
      median: 29_000,
      min: 28_000,
      max: 30_000,
      count: 3,
    });
    expect(slow?.daemon?.storedDocuments?.median).toBe(21_000);
    expect(slow?.daemon?.lossPercent?.median).toBe(30);
    expect(slow?.daemonToBaseline).toEqual({ median: 0.75, min: 0.5, max: 1, count: 3 });
    expect(fast).toMatchObject({ rate: 50_000, daemon: undefined, daemonToBaseline: undefined });
  });

  it("summarizes the drain, the worker's queue and the CPU per datagram against the baseline", () => {
    const [summary] = summarize([
      run({ rep: 1, cpuMicros: 300_000, received: 30_000, drainMs: 4 }),
      run({
        target: "daemon",
        rep: 1,
        cpuMicros: 900_000,
        received: 30_000,
        drainMs: 40,
        queuePeakBytes: 3 * 1024 * 1024,
        queueOverflow: 0,
        lostInRestarts: 0,
        threadCpuMicros: { main: 150_000, busiest: 600_000, others: 150_000 },
      }),
    ]);
    expect(summary?.cpuToBaseline?.median).toBe(3);
    expect(summary?.daemon).toMatchObject({
      drainMs: { median: 40 },
      queuePeakMiB: { median: 3 },
      queueOverflow: { median: 0 },
      mainThreadMicros: { median: 5 },
      workerThreadMicros: { median: 20 },
      otherThreadsMicros: { median: 5 },
    });
    expect(summary?.baseline?.queuePeakMiB).toBeUndefined();
  });

  it("counts the runs that were read before the receiver settled", () => {
    const [summary] = summarize([run({ settled: false }), run({ rep: 2 })]);
    expect(summary?.baseline?.unsettledRuns).toBe(1);
  });
});
