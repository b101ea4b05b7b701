/**
 * `pnpm bench:live`: the live stream under load, against a real daemon started through its
 * CLI with `--inspect=127.0.0.1:0` (for heap readings after a forced GC; see
 * `inspector-heap.ts`).
 *
 * - `--scenario pressure`: 20k datagrams/s for 20 s, three times: with no live clients; with
 *   one slow reader and one healthy client; and with those two plus 50 clients that never
 *   read. Reports loss, the healthy client's batch delay (daemon receipt → client) p50/p99,
 *   the daemon's heap and RSS (after the stalled clients were dropped, against the run with
 *   the same two clients and no stalled ones: both hold a summary of every trace, which the
 *   store keeps once a client asked for it), and the live stats.
 * - `--scenario latency`: 10k datagrams/s for 10 s with one client; datagram send → live
 *   client p50/p99.
 *
 * It measures; it never fails on a number. Every child is ended on the way out.
 */

import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DaemonProcess } from "./daemon-process.ts";
import { ForkedChild } from "./forked-child.ts";
import { InspectorSession, parseInspectorUrl } from "./inspector-heap.ts";
import {
  liveUrl,
  openRecorder,
  openSlow,
  openStalled,
  type Recorder,
  type SlowReader,
} from "./live-clients.ts";
import type { SentReport } from "./live-sender.ts";
import type { LiveSendCommand, LiveSenderMessage } from "./live-sender-child.ts";
import { percentile } from "./percentile.ts";

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

const STALLED_CLIENTS = 50;
const PRESSURE = { rate: 20_000, seconds: 20 } as const;
const LATENCY = { rate: 10_000, seconds: 10 } as const;
/** Up to how long the bench waits for the daemon to drop the stalled clients. */
const DROP_WAIT_MS = 60_000;
/** After the drop: the daemon cuts a client that does not take its close frame after 5 s. */
const CUT_WAIT_MS = 6_000;

interface LiveReading {
  readonly clients: number;
  readonly droppedClients: number;
  readonly resyncsSent: number;
  readonly queuedBytes: number;
  readonly unackedBytes: number;
  readonly pendingTraces: number;
  readonly deferredBatches: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Longer than any sending window, for the sender process's answer. */
const SEND_ANSWER_MS = 120_000;

/**
 * Sends from a process of its own: the sender's loop does not delay or share a CPU share
 * with the clients measured in this one.
 */
async function sendFromChild(
  daemon: DaemonProcess,
  rate: number,
  seconds: number,
): Promise<SentReport> {
  const sender = new ForkedChild<LiveSendCommand, LiveSenderMessage>(
    "live sender",
    here("./live-sender-child.ts"),
  );
  try {
    const command: LiveSendCommand = {
      type: "send",
      host: daemon.udpHost,
      port: daemon.udpPort,
      rate,
      seconds,
    };
    const answer = await sender.request(command, SEND_ANSWER_MS);
    if (answer.type !== "sent") throw new Error(`the live sender answered ${answer.type}`);
    return answer;
  } finally {
    await sender.stop();
  }
}

function uptime(): string {
  return execFileSync("uptime", { encoding: "utf8" }).trim();
}

/** Where each run's daemon writes a V8 CPU profile (`--cpu-prof DIR`); none when undefined. */
let cpuProfileDir: string | undefined;

/** `run` names the profile folder under `--cpu-prof DIR`, one per daemon. */
async function start(run: string): Promise<{ daemon: DaemonProcess; inspector: InspectorSession }> {
  let inspectorUrl: string | undefined;
  const profile =
    cpuProfileDir === undefined
      ? []
      : ["--cpu-prof", `--cpu-prof-dir=${resolve(cpuProfileDir, run)}`];
  const daemon = await DaemonProcess.start({
    cliPath: here("../src/cli.ts"),
    nodeArgs: ["--inspect=127.0.0.1:0", ...profile],
    maxTraces: 2_000_000,
    maxBytes: "1GiB",
    dataDir: undefined,
    startTimeoutMs: 90_000,
    onStderrLine: (line) => {
      inspectorUrl ??= parseInspectorUrl(line);
    },
  });
  if (inspectorUrl === undefined) {
    await daemon.stop();
    throw new Error("the daemon printed no inspector address on stderr");
  }
  return { daemon, inspector: await InspectorSession.open(inspectorUrl) };
}

async function liveStats(daemon: DaemonProcess): Promise<LiveReading> {
  const response = await fetch(`${daemon.httpUrl}/api/stats`);
  const body = (await response.json()) as { live: LiveReading };
  const {
    clients,
    droppedClients,
    resyncsSent,
    queuedBytes,
    unackedBytes,
    pendingTraces,
    deferredBatches,
  } = body.live;
  return {
    clients,
    droppedClients,
    resyncsSent,
    queuedBytes,
    unackedBytes,
    pendingTraces,
    deferredBatches,
  };
}

/** Waits until the daemon has counted every datagram it will (received stops moving). */
async function settledReceived(daemon: DaemonProcess): Promise<number> {
  let last = -1;
  for (let quiet = 0; quiet < 3; ) {
    await sleep(200);
    const { received } = await daemon.stats();
    quiet = received === last ? quiet + 1 : 0;
    last = received;
  }
  return last;
}

async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const mib = (bytes: number | undefined) =>
  bytes === undefined ? "n/a" : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number | undefined) => (value === undefined ? "n/a" : `${Math.round(value)} ms`);
const pct = (part: number, whole: number) =>
  whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(2)} %`;

/** Who is connected in a pressure run. */
type PressureClients = "none" | "slow+healthy" | "stalled+slow+healthy";

interface PressureRun {
  readonly sent: number;
  readonly received: number;
  /** After a forced GC once the clients are connected, before any datagram. */
  readonly heapBeforeBytes: number;
  readonly heapBytes: number;
  /** The daemon's CPU time (user + system, all threads) from the first datagram until it counted the last. */
  readonly cpuMicros: number | undefined;
  readonly rssBytes: number | undefined;
  readonly peak: { queuedBytes: number; unackedBytes: number; pendingTraces: number };
  readonly live: LiveReading | undefined;
  readonly recorder: Recorder | undefined;
  readonly slow: SlowReader | undefined;
  readonly load: string;
}

async function pressureRun(clients: PressureClients): Promise<PressureRun> {
  const { daemon, inspector } = await start(`pressure-${clients.replaceAll("+", "-")}`);
  const withClients = clients !== "none";
  const withStalled = clients === "stalled+slow+healthy";
  try {
    const url = liveUrl(daemon.httpUrl);
    const stalled = withStalled
      ? await Promise.all(Array.from({ length: STALLED_CLIENTS }, () => openStalled(url)))
      : [];
    const slow = withClients ? await openSlow(url) : undefined;
    const recorder = withClients
      ? await openRecorder(url, (summary) => summary.firstReceivedAt)
      : undefined;
    const heapBefore = await inspector.heapAfterGc(daemon.pid);
    const peak = { queuedBytes: 0, unackedBytes: 0, pendingTraces: 0 };
    const sampler = setInterval(() => {
      liveStats(daemon).then(
        (reading) => {
          peak.queuedBytes = Math.max(peak.queuedBytes, reading.queuedBytes);
          peak.unackedBytes = Math.max(peak.unackedBytes, reading.unackedBytes);
          peak.pendingTraces = Math.max(peak.pendingTraces, reading.pendingTraces);
        },
        () => {},
      );
    }, 1000);
    const cpuBefore = await daemon.cpuMicros();
    const report = await sendFromChild(daemon, PRESSURE.rate, PRESSURE.seconds);
    const load = uptime();
    clearInterval(sampler);
    const received = await settledReceived(daemon);
    const cpuAfter = await daemon.cpuMicros();
    if (withStalled) {
      await until(
        async () => (await liveStats(daemon)).droppedClients >= STALLED_CLIENTS,
        DROP_WAIT_MS,
        "the stalled clients to be dropped",
      );
      await sleep(CUT_WAIT_MS);
    }
    const live = withClients ? await liveStats(daemon) : undefined;
    const heap = await inspector.heapAfterGc(daemon.pid);
    slow?.stop();
    for (const socket of stalled) socket.terminate();
    slow?.socket.close();
    recorder?.socket.close();
    return {
      sent: report.sent,
      received,
      heapBeforeBytes: heapBefore.heapUsedBytes,
      heapBytes: heap.heapUsedBytes,
      cpuMicros:
        cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      rssBytes: heap.rssBytes,
      peak,
      live,
      recorder,
      slow,
      load,
    };
  } finally {
    inspector.close();
    await daemon.stop();
  }
}

async function pressure(): Promise<string> {
  process.stderr.write("pressure: no live clients…\n");
  const alone = await pressureRun("none");
  process.stderr.write("pressure: 1 slow + 1 healthy client…\n");
  const baseline = await pressureRun("slow+healthy");
  process.stderr.write(`pressure: ${STALLED_CLIENTS} stalled + 1 slow + 1 healthy client…\n`);
  const loaded = await pressureRun("stalled+slow+healthy");
  const baselineDelays = baseline.recorder?.delays ?? [];
  /** Heap the run added, per datagram the daemon received (loss differs between runs). */
  const grownPerDatagram = (run: PressureRun) =>
    (run.heapBytes - run.heapBeforeBytes) / Math.max(run.received, 1);
  const cpuPerDatagram = (run: PressureRun) =>
    run.cpuMicros === undefined
      ? "n/a"
      : `${(run.cpuMicros / Math.max(run.received, 1)).toFixed(1)} µs`;
  const delays = loaded.recorder?.delays ?? [];
  const row = (name: string, run: PressureRun) =>
    `| ${name} | ${run.sent} | ${run.received} | ${pct(run.sent - run.received, run.sent)} | ${mib(run.heapBeforeBytes)} | ${mib(run.heapBytes)} | ${Math.round(grownPerDatagram(run))} B | ${cpuPerDatagram(run)} | ${mib(run.rssBytes)} | ${mib(run.peak.queuedBytes)} | ${mib(run.peak.unackedBytes)} | ${run.peak.pendingTraces} | ${run.load.replace(/^.*load average: /, "")} |`;
  const live = loaded.live;
  const counts = (map: Map<string, number> | undefined) =>
    [...(map ?? new Map<string, number>())].map(([type, count]) => `${type} ${count}`).join(", ");
  return [
    `### Live pressure: ${PRESSURE.rate / 1000}k datagrams/s for ${PRESSURE.seconds} s`,
    "",
    "| run | sent | received | loss | heap before sending | heap after GC | grown per datagram | daemon CPU per datagram | RSS | peak live.queuedBytes | peak live.unackedBytes | peak live.pendingTraces | load (1, 5, 15 min) at the end of sending |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    row("no live clients", alone),
    row("1 slow + 1 healthy", baseline),
    row(`${STALLED_CLIENTS} stalled + 1 slow + 1 healthy, after the stalled were dropped`, loaded),
    "",
    `Heap after the drop against the same 2 clients without stalled ones: ${((100 * loaded.heapBytes) / baseline.heapBytes).toFixed(1)} %; heap grown per received datagram: ${((100 * grownPerDatagram(loaded)) / grownPerDatagram(baseline)).toFixed(1)} % (against no clients, which never has a summary computed: ${((100 * loaded.heapBytes) / alone.heapBytes).toFixed(1)} % and ${((100 * grownPerDatagram(loaded)) / grownPerDatagram(alone)).toFixed(1)} %).`,
    `Healthy client with the stalled ones, daemon receipt → batch arrival over ${delays.length} traces: p50 ${ms(percentile(delays, 0.5))}, p99 ${ms(percentile(delays, 0.99))}, max ${ms(percentile(delays, 1))}.`,
    `Healthy client without them, over ${baselineDelays.length} traces: p50 ${ms(percentile(baselineDelays, 0.5))}, p99 ${ms(percentile(baselineDelays, 0.99))}, max ${ms(percentile(baselineDelays, 1))}.`,
    `Healthy client messages: ${counts(loaded.recorder?.counts)}. Slow reader messages: ${counts(loaded.slow?.counts)}.`,
    live === undefined
      ? ""
      : `live after the drop: clients ${live.clients}, droppedClients ${live.droppedClients}, resyncsSent ${live.resyncsSent}, queuedBytes ${live.queuedBytes}, unackedBytes ${live.unackedBytes}, pendingTraces ${live.pendingTraces}, deferredBatches ${live.deferredBatches}.`,
  ].join("\n");
}

async function latency(): Promise<string> {
  const { daemon, inspector } = await start("latency");
  try {
    const recorder = await openRecorder(
      liveUrl(daemon.httpUrl),
      (summary) => summary.startTime * 1000,
    );
    const report = await sendFromChild(daemon, LATENCY.rate, LATENCY.seconds);
    const load = uptime();
    const received = await settledReceived(daemon);
    await sleep(500);
    recorder.socket.close();
    const delays = recorder.delays;
    return [
      `### Live latency: ${LATENCY.rate / 1000}k datagrams/s for ${LATENCY.seconds} s, one client`,
      "",
      "| sent | received | traces seen live | send → live client p50 | p99 | max | load (1, 5, 15 min) |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
      `| ${report.sent} | ${received} | ${delays.length} of ${report.traces} | ${ms(percentile(delays, 0.5))} | ${ms(percentile(delays, 0.99))} | ${ms(percentile(delays, 1))} | ${load.replace(/^.*load average: /, "")} |`,
    ].join("\n");
  } finally {
    inspector.close();
    await daemon.stop();
  }
}

const SCENARIOS: Record<string, () => Promise<string>> = { pressure, latency };
const USAGE =
  "Usage: pnpm bench:live [--scenario pressure|latency] [--cpu-prof DIR] (both scenarios when none is given)";

async function main(argv: readonly string[]): Promise<void> {
  let names = Object.keys(SCENARIOS);
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (flag === "--scenario" && value !== undefined && value in SCENARIOS) names = [value];
    else if (flag === "--cpu-prof" && value !== undefined && value !== "") cpuProfileDir = value;
    else {
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
  }
  process.stdout.write(`uptime before: ${uptime()}\n\n`);
  for (const name of names) {
    const run = SCENARIOS[name];
    if (run) process.stdout.write(`${await run()}\n\n`);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(),
  (error: unknown) => {
    process.stderr.write(
      `bench:live failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
