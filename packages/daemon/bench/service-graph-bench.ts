/**
 * `pnpm bench:service-graph`: what `GetServiceGraph` costs over 100,000 kept traces, and how
 * long it holds the event loop, against the way it was computed before, measured in the same
 * run.
 *
 * An in-process daemon (loopback, free ports, `maxTraces` 100,000) is filled with 100,000
 * traces shaped like the Node SDK's output (2 to 6 documents of about 600 B each, downstream
 * services, streamed subsegments, some faulty), one trace starting every 0.9 s over the last
 * 25 hours, filed in its store as the receive path files them (scanned, nothing parsed). Two
 * windows: `all` (the epoch to now, what the map's "all" range asks: every trace counts) and
 * `last hour` (about 4,000 traces count). For each, in turns, REPEATS times after one
 * unmeasured call:
 *
 * - `before`: every stored trace assembled, then `buildServiceGraph` over all of them, in one
 *   synchronous run on the event loop (the code before the change, kept here as the baseline);
 * - `after`: `POST /ServiceGraph` over HTTP, as a client asks.
 *
 * Reported: median wall and CPU time (the process's: the `/api/health` requests, client and
 * server, included), the longest event-loop block during the call (the largest gap between
 * two turns of a `setImmediate` ticker, the most CPU the process used between two turns, and
 * the largest delay seen by `monitorEventLoopDelay`), the slowest `/api/health` answer asked
 * for meanwhile (the first is asked just before the call starts), yields, and the 1-minute
 * load average (the machine is shared). Then where the time of the `all` graph goes:
 * assembling the traces against adding them to the graph. The unmeasured call of each window
 * also checks that both give the same graph. It measures; it never fails on a number.
 */

import { loadavg } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import {
  type AssembledTrace,
  buildServiceGraph,
  epochMillis,
  epochSeconds,
  type ServiceGraph,
  ServiceGraphBuilder,
  scanDocumentText,
} from "@xray-sandbox/segments";
import { type Daemon, startDaemon } from "../src/daemon.ts";
import { FILTER_SLICE_MS } from "../src/filter-scans.ts";
import { silentLogger } from "../src/logger.ts";
import { percentile } from "./percentile.ts";
import { Shapes } from "./seeded-shapes.ts";
import { buildTraceDocuments } from "./trace-documents.ts";

const TRACES = 100_000;
const REPEATS = 3;
const TARGET_BYTES = 600;
/** One trace starts every this many seconds, the newest a few seconds ago. */
const SPACING_SECONDS = 0.9;
const NOW = Math.floor(Date.now() / 1000);

interface Reading {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly longestGapMs: number;
  /** CPU the process used in its most CPU-hungry gap: the block without other processes' time. */
  readonly longestGapCpuMs: number;
  readonly maxDelayMs: number;
  readonly slowestHealthMs: number | undefined;
  readonly healthAnswers: number;
  /** Health requests that failed (connection reset): counted, not timed. */
  readonly healthFailures: number;
  readonly yields: number;
  readonly services: number;
  readonly load: number;
}

interface Window {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const WINDOWS: readonly Window[] = [
  { name: "all", start: 0, end: NOW + 60 },
  { name: "last hour", start: NOW - 3_600, end: NOW + 60 },
];

async function startFilled(): Promise<Daemon> {
  const daemon = await startDaemon(
    {
      udp: { host: "127.0.0.1", port: 0 },
      tcp: { host: "127.0.0.1", port: 0 },
      maxTraces: TRACES,
      maxBytes: 4 * 1024 * 1024 * 1024,
    },
    { logger: silentLogger() },
  );
  const shapes = new Shapes(23);
  let documents = 0;
  let bytes = 0;
  for (let n = 0; n < TRACES; n++) {
    const nowSeconds = NOW - (TRACES - n) * SPACING_SECONDS;
    const traceId = `1-${Math.floor(nowSeconds).toString(16)}-${shapes.hex(24)}`;
    for (const document of buildTraceDocuments(shapes, n, {
      traceId,
      targetBytes: TARGET_BYTES,
      nowSeconds,
    })) {
      const raw = JSON.stringify(document);
      const scanned = scanDocumentText(raw);
      if (!scanned.ok) throw new Error(`generated document refused: ${scanned.rejection.message}`);
      daemon.store.ingest(scanned.index, raw, raw.length, epochMillis(Date.now()));
      documents++;
      bytes += raw.length;
    }
  }
  const kept = daemon.store.traceIds().length;
  if (kept !== TRACES) throw new Error(`the store kept ${kept} traces, expected ${TRACES}`);
  console.log(
    `store: ${TRACES.toLocaleString("en")} traces, ${documents.toLocaleString("en")} documents, ${(bytes / 1024 / 1024).toFixed(0)} MiB`,
  );
  return daemon;
}

/** The graph as it was computed before: every stored trace assembled, then walked in one go. */
function graphBefore(daemon: Daemon, window: Window): ServiceGraph {
  const ids = daemon.store.traceIds();
  const traces = ids.flatMap((id) => daemon.store.getTrace(id) ?? []);
  return buildServiceGraph(traces, {
    start: epochSeconds(window.start),
    end: epochSeconds(window.end),
  });
}

async function graphAfter(daemon: Daemon, window: Window): Promise<ServiceGraph> {
  const response = await fetch(`${daemon.url}/ServiceGraph`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ StartTime: window.start, EndTime: window.end }),
  });
  if (response.status !== 200) throw new Error(`GetServiceGraph answered ${response.status}`);
  return (await response.json()) as ServiceGraph;
}

async function measure(
  daemon: Daemon,
  call: () => ServiceGraph | Promise<ServiceGraph>,
): Promise<Reading> {
  const load = loadavg()[0] ?? 0;
  const yieldsBefore = daemon.stats().filters.yields;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let done = false;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longestGapMs = 0;
  let longestGapCpuMs = 0;
  const tick = () => {
    const now = performance.now();
    const cpuNow = process.cpuUsage();
    longestGapMs = Math.max(longestGapMs, now - last);
    const gapCpu = (cpuNow.user - lastCpu.user + cpuNow.system - lastCpu.system) / 1000;
    longestGapCpuMs = Math.max(longestGapCpuMs, gapCpu);
    last = now;
    lastCpu = cpuNow;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  // /api/health asked for one after another from just before the call until it ends: each
  // one asked meanwhile is timed until answered, even after the call.
  let slowestHealthMs: number | undefined;
  let healthAnswers = 0;
  let healthFailures = 0;
  const health = (async () => {
    while (!done) {
      const asked = performance.now();
      try {
        const response = await fetch(`${daemon.url}/api/health`);
        await response.body?.cancel();
      } catch {
        healthFailures++;
        continue;
      }
      healthAnswers++;
      slowestHealthMs = Math.max(slowestHealthMs ?? 0, performance.now() - asked);
    }
  })();
  delay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const graph = await call();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  done = true;
  // A few ms more: a block that just ended reaches the ticker and the delay histogram (whose
  // timer runs in the loop's timers phase, after a `setImmediate`).
  await new Promise((resolve) => setTimeout(resolve, 5));
  delay.disable();
  await health;
  return {
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    longestGapMs,
    longestGapCpuMs,
    maxDelayMs: delay.max / 1e6,
    slowestHealthMs,
    healthAnswers,
    healthFailures,
    yields: daemon.stats().filters.yields - yieldsBefore,
    services: graph.Services.length,
    load,
  };
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5) ?? Number.NaN;
}

function fixed(value: number | undefined, digits = 0): string {
  return value === undefined ? "none answered" : value.toFixed(digits);
}

/** Where the time of the `all` graph goes, on the event loop in one go: CPU ms of each part. */
function breakdown(daemon: Daemon): { assemble: number; add: number } {
  const cpu = process.cpuUsage();
  const traces: AssembledTrace[] = daemon.store
    .traceIds()
    .flatMap((id) => daemon.store.getTrace(id) ?? []);
  const assembled = process.cpuUsage(cpu);
  const builder = new ServiceGraphBuilder();
  for (const trace of traces) builder.add(trace);
  builder.finish();
  const added = process.cpuUsage(cpu);
  return {
    assemble: (assembled.user + assembled.system) / 1000,
    add: (added.user + added.system - assembled.user - assembled.system) / 1000,
  };
}

console.log(
  `bench:service-graph: GetServiceGraph over ${TRACES.toLocaleString("en")} traces, ${REPEATS} calls per row after one unmeasured; slices of ${FILTER_SLICE_MS} ms; node ${process.version}; load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
const daemon = await startFilled();
try {
  console.log(
    "\n| window | code | services | wall ms (median) | CPU ms (median) | wall × before | longest block ms (ticker gap, max) | CPU ms in the longest-CPU gap | event-loop delay max ms | slowest /api/health ms (answers, failures) | yields / call | load 1 min |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const window of WINDOWS) {
    const calls = {
      before: () => graphBefore(daemon, window),
      after: () => graphAfter(daemon, window),
    };
    const same =
      JSON.stringify(await calls.after()) ===
      JSON.stringify(JSON.parse(JSON.stringify(calls.before())));
    if (!same) throw new Error(`the ${window.name} graph differs from the one computed before`);
    const readings: Record<keyof typeof calls, Reading[]> = { before: [], after: [] };
    for (let n = 0; n < REPEATS; n++) {
      for (const code of ["before", "after"] as const) {
        readings[code].push(await measure(daemon, calls[code]));
      }
    }
    const beforeWall = median(readings.before.map((r) => r.wallMs));
    for (const code of ["before", "after"] as const) {
      const rows = readings[code];
      const wall = median(rows.map((r) => r.wallMs));
      const health = rows.map((r) => r.slowestHealthMs).filter((ms) => ms !== undefined);
      const answers = rows.reduce((sum, r) => sum + r.healthAnswers, 0);
      const failures = rows.reduce((sum, r) => sum + r.healthFailures, 0);
      console.log(
        `| ${window.name} | ${code} | ${rows[0]?.services} | ${fixed(wall)} | ${fixed(median(rows.map((r) => r.cpuMs)))} | ${fixed(wall / beforeWall, 2)} | ${fixed(Math.max(...rows.map((r) => r.longestGapMs)))} | ${fixed(Math.max(...rows.map((r) => r.longestGapCpuMs)))} | ${fixed(Math.max(...rows.map((r) => r.maxDelayMs)))} | ${health.length === 0 ? "none answered" : fixed(Math.max(...health))} (${answers}${failures > 0 ? `, ${failures} failed` : ""}) | ${fixed(median(rows.map((r) => r.yields)))} | ${rows.map((r) => r.load.toFixed(2)).join(", ")} |`,
      );
    }
  }
  const parts = breakdown(daemon);
  console.log(
    `\nThe all graph in one go, CPU: assembling ${parts.assemble.toFixed(0)} ms, adding to the graph ${parts.add.toFixed(0)} ms (load ${(loadavg()[0] ?? 0).toFixed(2)})`,
  );
} finally {
  await daemon.close();
}
