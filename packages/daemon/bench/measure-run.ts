/**
 * One measured run against one target: read its counters, have the sender send, wait until
 * the target's counters stop moving, read them again. Every count is a difference of two
 * readings, so a target that lives across runs needs no reset.
 */

import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { readSocketDrops } from "../src/ingest/socket-drops.ts";
import type {
  ReceiverCommand,
  ReceiverCounters,
  ReceiverMessage,
  SenderCommand,
  SenderMessage,
  SendReport,
} from "./child-protocol.ts";
import type { DaemonProcess, DaemonSnapshot } from "./daemon-process.ts";
import type { ForkedChild } from "./forked-child.ts";
import { otherCpuMicros, sampleCpu } from "./host-cpu.ts";
import { readThreadCpuMicros, splitThreadCpu } from "./process-cpu.ts";
import type { TargetRun } from "./results.ts";
import { readWhenSettled } from "./settle.ts";

export type Sender = ForkedChild<SenderCommand, SenderMessage>;
export type BaselineReceiver = ForkedChild<ReceiverCommand, ReceiverMessage>;

export interface RunPlan {
  readonly sizeBytes: number;
  readonly rate: number;
  readonly seconds: number;
  readonly rep: number;
}

const IPC_TIMEOUT_MS = 10_000;
/** How often the drain after sending is polled, and how long it may take at most. */
const DRAIN_POLL_MS = 10;
const DRAIN_TIMEOUT_MS = 120_000;
/** A process using less than one clock tick (10 ms) of CPU per 100 ms poll is idle. */
const IDLE_CPU_MICROS = 10_000;

export async function send(
  sender: Sender,
  host: string,
  port: number,
  plan: Pick<RunPlan, "sizeBytes" | "rate" | "seconds">,
): Promise<SendReport> {
  const command: SenderCommand = { type: "send", host, port, ...plan };
  const reply = await sender.request(command, plan.seconds * 1000 + 60_000);
  if (reply.type !== "sent") throw new Error(`sender answered ${reply.type} to send`);
  return reply;
}

export async function readReceiver(receiver: BaselineReceiver): Promise<ReceiverCounters> {
  const reply = await receiver.request({ type: "read" }, IPC_TIMEOUT_MS);
  if (reply.type !== "counters") throw new Error(`baseline answered ${reply.type} to read`);
  return reply;
}

/**
 * From `sentAt` (the sender's report), reads the receiver until a reading shows no progress
 * over the previous one and `idle` holds for it: the drain took until the last reading that
 * still showed progress (or the first one, when there was nothing left to do). Undefined
 * when it never settles within DRAIN_TIMEOUT_MS.
 */
export async function measureDrain<T>(
  read: () => Promise<T>,
  moved: (before: T, after: T) => boolean,
  idle: (reading: T) => boolean,
  sentAt: number,
): Promise<number | undefined> {
  let previous = await read();
  let lastProgressAt = performance.now();
  while (performance.now() - sentAt < DRAIN_TIMEOUT_MS) {
    await delay(DRAIN_POLL_MS);
    const next = await read();
    const at = performance.now();
    if (moved(previous, next)) lastProgressAt = at;
    else if (idle(next)) return Math.max(0, lastProgressAt - sentAt);
    previous = next;
  }
  return undefined;
}

function difference(before: number | undefined, after: number | undefined): number | undefined {
  return before === undefined || after === undefined ? undefined : after - before;
}

function fromSend(
  report: SendReport,
): Pick<
  TargetRun,
  "sent" | "planned" | "achievedRate" | "sendSeconds" | "sendErrors" | "senderCpuMicros"
> {
  return {
    sent: report.sent,
    planned: report.planned,
    achievedRate: report.achievedRate,
    sendSeconds: report.elapsedSeconds,
    sendErrors: report.sendErrors,
    senderCpuMicros: report.cpuMicros,
  };
}

export async function measureBaseline(
  sender: Sender,
  receiver: BaselineReceiver,
  target: { readonly host: string; readonly port: number },
  plan: RunPlan,
): Promise<TargetRun> {
  const ownPids = [sender.pid, receiver.pid].filter((pid) => pid !== undefined);
  const before = await readReceiver(receiver);
  const dropsBefore = await readSocketDrops(target.port);
  const hostBefore = await sampleCpu(ownPids);
  const startedAt = performance.now();
  const report = await send(sender, target.host, target.port, plan);
  const drainMs = await measureDrain(
    () => readReceiver(receiver),
    (previous, next) => next.received !== previous.received,
    () => true,
    performance.now(),
  );
  const after = await readWhenSettled(
    () => readReceiver(receiver),
    (previous, next) => next.received !== previous.received,
  );
  const hostAfter = await sampleCpu(ownPids);
  const observedSeconds = (performance.now() - startedAt) / 1000;
  const dropsAfter = await readSocketDrops(target.port);
  return {
    target: "baseline",
    sizeBytes: plan.sizeBytes,
    rate: plan.rate,
    rep: plan.rep,
    ...fromSend(report),
    received: after.reading.received - before.received,
    storedDocuments: undefined,
    rejected: undefined,
    evictedTraces: undefined,
    cpuMicros: after.reading.cpuMicros - before.cpuMicros,
    rssBytes: after.reading.rssBytes,
    socketDrops: difference(dropsBefore, dropsAfter),
    otherCpuMicros: otherCpuMicros(hostBefore, hostAfter),
    observedSeconds,
    settled: after.settled,
    drainMs,
    queuePeakBytes: undefined,
    queueOverflow: undefined,
    lostInRestarts: undefined,
    threadCpuMicros: undefined,
  };
}

/**
 * The daemon's CPU time is read from `/proc` where there is one, after the daemon has gone
 * idle and before `/api/stats` is asked for the counters: that request makes the daemon count
 * orphaned subsegments, work that belongs to reading stats, not to ingest.
 */
export async function measureDaemon(
  sender: Sender,
  daemon: DaemonProcess,
  plan: RunPlan,
): Promise<TargetRun> {
  const before = await daemon.stats();
  const cpuBefore = (await daemon.cpuMicros()) ?? before.cpuMicros;
  const threadsBefore = await readThreadCpuMicros(daemon.pid);
  const ownPids = [sender.pid, daemon.pid].filter((pid) => pid !== undefined);
  const dropsBefore = await readSocketDrops(daemon.udpPort);
  const hostBefore = await sampleCpu(ownPids);
  const startedAt = performance.now();
  const report = await send(sender, daemon.udpHost, daemon.udpPort, plan);
  const drainMs = await measureDrain(
    () => daemon.stats(),
    (previous, next) => next.received !== previous.received,
    (reading) => reading.queuedBytes === 0,
    performance.now(),
  );

  const idle = await readWhenSettled(
    () => daemon.cpuMicros(),
    (previous, next) =>
      previous !== undefined && next !== undefined && next - previous >= IDLE_CPU_MICROS,
  );
  const cpuAfterIdle = idle.reading;
  const threadsAfter = await readThreadCpuMicros(daemon.pid);
  const hostAfter = await sampleCpu(ownPids);
  const observedSeconds = (performance.now() - startedAt) / 1000;
  const after = await readWhenSettled(
    () => daemon.stats(),
    (previous: DaemonSnapshot, next: DaemonSnapshot) =>
      next.received !== previous.received || next.documents !== previous.documents,
  );
  const dropsAfter = await readSocketDrops(daemon.udpPort);
  const stats = after.reading;
  const cpuMicros =
    cpuAfterIdle === undefined ? stats.cpuMicros - before.cpuMicros : cpuAfterIdle - cpuBefore;
  const taken = (snapshot: DaemonSnapshot): number =>
    snapshot.documents + snapshot.evictedDocuments;

  return {
    target: "daemon",
    sizeBytes: plan.sizeBytes,
    rate: plan.rate,
    rep: plan.rep,
    ...fromSend(report),
    received: stats.received - before.received,
    storedDocuments: taken(stats) - taken(before),
    rejected: stats.rejected - before.rejected,
    evictedTraces: stats.evictedTraces - before.evictedTraces,
    cpuMicros,
    rssBytes: stats.rssBytes,
    socketDrops: difference(dropsBefore, dropsAfter),
    otherCpuMicros: otherCpuMicros(hostBefore, hostAfter),
    observedSeconds,
    settled: after.settled && idle.settled,
    drainMs,
    queuePeakBytes: stats.peakQueuedBytes,
    queueOverflow: stats.queueOverflow - before.queueOverflow,
    lostInRestarts: stats.lostInRestarts - before.lostInRestarts,
    threadCpuMicros:
      threadsBefore === undefined || threadsAfter === undefined
        ? undefined
        : splitThreadCpu(threadsBefore, threadsAfter, daemon.pid),
  };
}
