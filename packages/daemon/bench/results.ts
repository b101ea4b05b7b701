/** What one run measured, and the per-size, per-rate summaries over repetitions. */

import type { ThreadCpuSplit } from "./process-cpu.ts";
import { type Spread, spread } from "./spread.ts";

export type TargetName = "baseline" | "daemon";

export interface TargetRun {
  readonly target: TargetName;
  readonly sizeBytes: number;
  readonly rate: number;
  readonly rep: number;
  /** Datagrams the sender handed to the kernel. */
  readonly sent: number;
  readonly planned: number;
  readonly achievedRate: number;
  readonly sendSeconds: number;
  readonly sendErrors: number;
  readonly senderCpuMicros: number;
  /** Datagrams the receiver's socket delivered to it. */
  readonly received: number;
  /** Documents the daemon's store took in during the run: those it holds plus those it evicted. */
  readonly storedDocuments: number | undefined;
  readonly rejected: number | undefined;
  readonly evictedTraces: number | undefined;
  /** Receiver CPU time (user + system) from just before sending until its counters settled. */
  readonly cpuMicros: number;
  readonly rssBytes: number;
  /** Datagrams the kernel dropped at the receiver's socket (buffer full); undefined off Linux. */
  readonly socketDrops: number | undefined;
  /** CPU time processes other than the bench's used while it sent and the receiver caught up. */
  readonly otherCpuMicros: number | undefined;
  /** Wall time `otherCpuMicros` was measured over. */
  readonly observedSeconds: number;
  /** False when the receiver's counters were still moving when the bench gave up waiting. */
  readonly settled: boolean;
  /**
   * From the sender's last datagram until the receiver had taken in everything it was going
   * to (its count stopped moving and, for the daemon, its worker's queue was empty).
   */
  readonly drainMs: number | undefined;
  /** The daemon's receive worker queue at its fullest (datagram bytes), warm-up included. */
  readonly queuePeakBytes: number | undefined;
  /** Datagrams the daemon's worker turned away because its queue was at its bound. */
  readonly queueOverflow: number | undefined;
  /** Datagrams lost when the daemon's receive worker failed. */
  readonly lostInRestarts: number | undefined;
  /** The daemon's CPU time split by thread (Linux only), over the same span as `cpuMicros`. */
  readonly threadCpuMicros: ThreadCpuSplit | undefined;
}

export function lossPercent(run: TargetRun): number {
  return run.sent === 0 ? 0 : (100 * (run.sent - run.received)) / run.sent;
}

/** CPU time of the run divided by the sending window: the share of one core the load cost. */
export function cpuPercent(run: TargetRun): number {
  return run.sendSeconds <= 0 ? 0 : (100 * run.cpuMicros) / (run.sendSeconds * 1e6);
}

export interface TargetSummary {
  readonly received: Spread | undefined;
  readonly lossPercent: Spread | undefined;
  readonly cpuPercent: Spread | undefined;
  readonly cpuMicrosPerDatagram: Spread | undefined;
  readonly rssMiB: Spread | undefined;
  readonly storedDocuments: Spread | undefined;
  readonly rejected: Spread | undefined;
  readonly evictedTraces: Spread | undefined;
  readonly socketDrops: Spread | undefined;
  readonly drainMs: Spread | undefined;
  readonly queuePeakMiB: Spread | undefined;
  readonly queueOverflow: Spread | undefined;
  readonly lostInRestarts: Spread | undefined;
  /** CPU per datagram of the daemon's main thread, its busiest other thread, and the rest. */
  readonly mainThreadMicros: Spread | undefined;
  readonly workerThreadMicros: Spread | undefined;
  readonly otherThreadsMicros: Spread | undefined;
  /** What the rest of the machine used meanwhile, in % of one core. */
  readonly otherCpuPercent: Spread | undefined;
  readonly unsettledRuns: number;
}

export interface RateSummary {
  readonly sizeBytes: number;
  readonly rate: number;
  readonly sent: Spread | undefined;
  readonly achievedRate: Spread | undefined;
  readonly senderCpuPercent: Spread | undefined;
  readonly baseline: TargetSummary | undefined;
  readonly daemon: TargetSummary | undefined;
  /** Daemon received ÷ baseline received, per repetition. */
  readonly daemonToBaseline: Spread | undefined;
  /** Daemon CPU per datagram ÷ baseline CPU per datagram, per repetition. */
  readonly cpuToBaseline: Spread | undefined;
}

const MIB = 1024 * 1024;

function defined(values: readonly (number | undefined)[]): number[] {
  return values.filter((value): value is number => value !== undefined);
}

function perDatagram(
  runs: readonly TargetRun[],
  pick: (split: ThreadCpuSplit) => number,
): Spread | undefined {
  return spread(
    runs.flatMap((run) =>
      run.threadCpuMicros !== undefined && run.received > 0
        ? [pick(run.threadCpuMicros) / run.received]
        : [],
    ),
  );
}

function summarizeTarget(runs: readonly TargetRun[]): TargetSummary | undefined {
  if (runs.length === 0) return undefined;
  return {
    received: spread(runs.map((run) => run.received)),
    lossPercent: spread(runs.map(lossPercent)),
    cpuPercent: spread(runs.map(cpuPercent)),
    cpuMicrosPerDatagram: spread(
      runs.filter((run) => run.received > 0).map((run) => run.cpuMicros / run.received),
    ),
    rssMiB: spread(runs.map((run) => run.rssBytes / MIB)),
    storedDocuments: spread(defined(runs.map((run) => run.storedDocuments))),
    rejected: spread(defined(runs.map((run) => run.rejected))),
    evictedTraces: spread(defined(runs.map((run) => run.evictedTraces))),
    socketDrops: spread(defined(runs.map((run) => run.socketDrops))),
    drainMs: spread(defined(runs.map((run) => run.drainMs))),
    queuePeakMiB: spread(
      defined(runs.map((run) => run.queuePeakBytes)).map((bytes) => bytes / MIB),
    ),
    queueOverflow: spread(defined(runs.map((run) => run.queueOverflow))),
    lostInRestarts: spread(defined(runs.map((run) => run.lostInRestarts))),
    mainThreadMicros: perDatagram(runs, (split) => split.main),
    workerThreadMicros: perDatagram(runs, (split) => split.busiest),
    otherThreadsMicros: perDatagram(runs, (split) => split.others),
    otherCpuPercent: spread(
      runs
        .filter((run) => run.otherCpuMicros !== undefined && run.observedSeconds > 0)
        .map((run) => (100 * (run.otherCpuMicros ?? 0)) / (run.observedSeconds * 1e6)),
    ),
    unsettledRuns: runs.filter((run) => !run.settled).length,
  };
}

/** `measure(daemon run) ÷ measure(baseline run)` for each repetition both have a value for. */
function ratios(
  baseline: readonly TargetRun[],
  daemon: readonly TargetRun[],
  measure: (run: TargetRun) => number | undefined,
): number[] {
  const out: number[] = [];
  for (const run of daemon) {
    const partner = baseline.find((candidate) => candidate.rep === run.rep);
    const mine = measure(run);
    const theirs = partner === undefined ? undefined : measure(partner);
    if (mine !== undefined && theirs !== undefined && theirs > 0) out.push(mine / theirs);
  }
  return out;
}

function cpuPerDatagram(run: TargetRun): number | undefined {
  return run.received > 0 ? run.cpuMicros / run.received : undefined;
}

export function summarize(runs: readonly TargetRun[]): RateSummary[] {
  const keys = new Map<string, { sizeBytes: number; rate: number }>();
  for (const run of runs) keys.set(`${run.sizeBytes}/${run.rate}`, run);
  return [...keys.values()].map(({ sizeBytes, rate }) => {
    const group = runs.filter((run) => run.sizeBytes === sizeBytes && run.rate === rate);
    const baseline = group.filter((run) => run.target === "baseline");
    const daemon = group.filter((run) => run.target === "daemon");
    return {
      sizeBytes,
      rate,
      sent: spread(group.map((run) => run.sent)),
      achievedRate: spread(group.map((run) => run.achievedRate)),
      senderCpuPercent: spread(
        group.map((run) => (100 * run.senderCpuMicros) / (Math.max(run.sendSeconds, 1e-3) * 1e6)),
      ),
      baseline: summarizeTarget(baseline),
      daemon: summarizeTarget(daemon),
      daemonToBaseline: spread(ratios(baseline, daemon, (run) => run.received)),
      cpuToBaseline: spread(ratios(baseline, daemon, cpuPerDatagram)),
    };
  });
}
