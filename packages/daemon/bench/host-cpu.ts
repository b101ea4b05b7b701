/**
 * How much CPU the rest of the machine used during a run: the host's user and system time
 * (Linux `/proc/stat`) minus the bench's own processes'. The machine is shared, and another
 * program busy on one of the two cores explains numbers a rerun does not reproduce.
 * Interrupt time is left out on both sides: the kernel does not charge it to processes.
 */

import { readFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import { readProcessCpuMicros } from "./process-cpu.ts";

/** `sysconf(_SC_CLK_TCK)`: 100 on every Linux Node supports. */
const TICKS_PER_SECOND = 100;

/** User, nice and system time of all CPUs together, from the text of `/proc/stat`. */
export function parseHostBusyMicros(stat: string): number | undefined {
  const line = stat.split("\n").find((candidate) => candidate.startsWith("cpu "));
  const [user, nice, system] = (line ?? "").trim().split(/\s+/).slice(1, 4).map(Number);
  if (user === undefined || nice === undefined || system === undefined) return undefined;
  const ticks = user + nice + system;
  return Number.isFinite(ticks) ? (ticks * 1e6) / TICKS_PER_SECOND : undefined;
}

export interface CpuSample {
  readonly host: number;
  readonly own: number;
}

/** Undefined off Linux or when one of the processes cannot be read. */
export async function sampleCpu(ownPids: readonly number[]): Promise<CpuSample | undefined> {
  try {
    const host = parseHostBusyMicros(await readFile("/proc/stat", "utf8"));
    const children = await Promise.all(ownPids.map(readProcessCpuMicros));
    const self = process.cpuUsage();
    if (host === undefined || children.some((micros) => micros === undefined)) return undefined;
    const own = children.reduce<number>((sum, micros) => sum + (micros ?? 0), 0);
    return { host, own: own + self.user + self.system };
  } catch {
    return undefined;
  }
}

/** CPU time other processes used between two samples. */
export function otherCpuMicros(
  before: CpuSample | undefined,
  after: CpuSample | undefined,
): number | undefined {
  if (before === undefined || after === undefined) return undefined;
  return Math.max(0, after.host - before.host - (after.own - before.own));
}

export interface QuietOptions {
  /** Other processes may use up to this share of one core, in %. */
  readonly thresholdPercent: number;
  readonly sampleMs: number;
  /** Give up waiting after this long and measure anyway. */
  readonly maxWaitMs: number;
}

export const DEFAULT_QUIET: QuietOptions = {
  thresholdPercent: 15,
  sampleMs: 1000,
  maxWaitMs: 60_000,
};

/**
 * Waits until other processes use less than the threshold over one sample, so a run does not
 * start while the rest of a shared machine is busy. Resolves with how long it waited, or at
 * once off Linux.
 */
export async function waitForQuiet(
  ownPids: readonly number[],
  onBusy: (otherPercent: number) => void,
  options: QuietOptions = DEFAULT_QUIET,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const before = await sampleCpu(ownPids);
    await delay(options.sampleMs);
    const other = otherCpuMicros(before, await sampleCpu(ownPids));
    if (other === undefined) return Date.now() - started;
    const percent = (100 * other) / (options.sampleMs * 1000);
    if (percent < options.thresholdPercent || Date.now() - started >= options.maxWaitMs) {
      return Date.now() - started;
    }
    onBusy(percent);
  }
}
