import { describe, expect, it } from "vitest";
import { formatCount, formatSpread, renderReport } from "./report.ts";
import type { RateSummary, TargetSummary } from "./results.ts";
import { spread } from "./spread.ts";

function target(received: number[], loss: number[]): TargetSummary {
  return {
    received: spread(received),
    lossPercent: spread(loss),
    cpuPercent: spread([40]),
    cpuMicrosPerDatagram: spread([4]),
    rssMiB: spread([80]),
    storedDocuments: spread(received),
    rejected: spread([0]),
    evictedTraces: spread([0]),
    socketDrops: spread([0]),
    drainMs: spread([12, 30, 18]),
    queuePeakMiB: spread([2.5]),
    queueOverflow: spread([0]),
    lostInRestarts: spread([0]),
    mainThreadMicros: spread([2]),
    workerThreadMicros: spread([9]),
    otherThreadsMicros: spread([3]),
    otherCpuPercent: spread([3]),
    unsettledRuns: 0,
  };
}

function summary(rate: number, achieved: number): RateSummary {
  return {
    sizeBytes: 800,
    rate,
    sent: spread([rate * 3]),
    achievedRate: spread([achieved]),
    senderCpuPercent: spread([30]),
    baseline: target([rate * 3], [0]),
    daemon: target([rate * 2, rate * 2.5, rate * 3], [0, 16.7, 33.3]),
    daemonToBaseline: spread([0.667, 0.833, 1]),
    cpuToBaseline: spread([1.5]),
  };
}

const context = {
  seconds: 3,
  reps: 3,
  pools: [
    {
      targetBytes: 800,
      traces: 10,
      datagrams: 40,
      meanBytes: 871.4,
      minBytes: 720,
      maxBytes: 1757,
    },
  ],
  machine: "Machine: test",
  daemonFlags: "--in-memory",
  baselineReceiveBufferBytes: 8 * 1024 * 1024,
  daemonReceiveBufferBytes: 8 * 1024 * 1024,
};

describe("formatCount and formatSpread", () => {
  it("shortens large counts and shows a range only when repetitions differ", () => {
    expect(formatCount(950)).toBe("950");
    expect(formatCount(29_960)).toBe("30.0k");
    expect(formatCount(1_234_567)).toBe("1.23M");
    expect(formatSpread(spread([3, 1, 2]), formatCount)).toBe("2 (1–3)");
    expect(formatSpread(spread([29_960, 25_000, 31_000]), formatCount)).toBe("30.0k (25.0–31.0k)");
    expect(formatSpread(spread([9_990, 10_500]), formatCount)).toBe("10.2k (9990–10.5k)");
    expect(formatSpread(spread([7, 7]), formatCount)).toBe("7");
    expect(formatSpread(undefined, formatCount)).toBe("–");
  });
});

describe("renderReport", () => {
  it("prints one table per size with a column per rate", () => {
    const text = renderReport(context, [summary(10_000, 10_000), summary(100_000, 99_000)]);
    expect(text).toContain("### 800 B datagrams (mean 871 B, 720–1757 B; 4.0 documents per trace)");
    expect(text).toContain("| | 10.0k/s | 100.0k/s |");
    expect(text).toContain("| daemon loss | 16.7 % (0.0–33.3 %) | 16.7 % (0.0–33.3 %) |");
    expect(text).toContain("| daemon ÷ baseline received | 0.833 (0.667–1.000) |");
    expect(text).toContain("| daemon ÷ baseline CPU per datagram | ×1.50 | ×1.50 |");
    expect(text).toContain("| daemon drain after sending stopped | 18 ms (12–30 ms) |");
    expect(text).toContain("| daemon receive worker: queue peak | 2.5 MiB | 2.5 MiB |");
    expect(text).toContain("| daemon CPU per datagram: receive worker thread | 9.0 µs | 9.0 µs |");
    expect(text).toContain("baseline 8.0 MiB, daemon 8.0 MiB");
    expect(text).toContain("Daemon started for each run with --in-memory.");
    expect(text).not.toContain("⚠");
  });

  it("says so when the sender could not reach a rate", () => {
    const text = renderReport(context, [summary(100_000, 71_000)]);
    expect(text).toContain("| achieved send rate | 71.0k/s ⚠ |");
    expect(text).toContain("the sender process reached only 71.0k/s");
  });
});
