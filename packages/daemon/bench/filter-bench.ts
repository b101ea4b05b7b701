/**
 * `pnpm bench:filter`: what one heavy filter costs `POST /TraceSummaries` over 2,000 traces,
 * and how long it holds the event loop, against a one-term filter measured in the same run.
 *
 * An in-process daemon (loopback, free ports) holds 2,000 traces put with PutTraceSegments,
 * each annotated `mod = n % 10`, and a group `big` of 100 annotation terms. Filters:
 *
 * - `1 term`: `annotation.mod = 3`, the baseline;
 * - `100 terms`: 99 terms no trace matches OR `annotation.mod = 3` (the most one filter holds);
 * - `909 terms`: `group.name = "big"` 9 times (the most with groups expanded, under 1,000);
 * - `10,000 terms`: the filter, `annotation.kN = N` OR'd 10,000 times: refused.
 *
 * Each runs REPEATS times with filters in slices (the daemon's default) and again with one
 * slice per query (the behaviour before slicing), in two rounds (the second is warm). Reported: median wall and CPU time of the
 * process per query (CPU includes the client's side, the same for every filter), CPU per
 * trace, the CPU ratio to the baseline, and the longest event-loop block during the query:
 * the largest gap between two turns of a `setImmediate` ticker, the most CPU time the process
 * used between two turns (the block without the time the machine ran other work), and the
 * largest delay seen by `monitorEventLoopDelay`. The 1-minute load average is given with every row: the machine is
 * shared. It measures; it never fails on a number.
 */

import { loadavg } from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { type Daemon, startDaemon } from "../src/daemon.ts";
import { FILTER_SLICE_MS } from "../src/filter-scans.ts";
import { silentLogger } from "../src/logger.ts";
import { percentile } from "./percentile.ts";

const TRACES = 2_000;
const REPEATS = 5;
const FIRST_TRACE_SECOND = 0x6a000000;

const BIG = [
  ...Array.from({ length: 99 }, (_, n) => `annotation.k${n} = ${n}`),
  "annotation.mod = 3",
].join(" OR ");

const FILTERS: ReadonlyArray<{ readonly name: string; readonly source: string }> = [
  { name: "1 term (baseline)", source: "annotation.mod = 3" },
  { name: "100 terms", source: BIG },
  {
    name: "909 terms (9 groups of 101)",
    source: Array.from({ length: 9 }, () => 'group.name = "big"').join(" OR "),
  },
  {
    name: "10,000 terms",
    source: Array.from({ length: 10_000 }, (_, n) => `annotation.k${n} = ${n}`).join(" OR "),
  },
];

interface Reading {
  readonly status: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly longestGapMs: number;
  readonly longestGapCpuMs: number;
  readonly maxDelayMs: number;
  readonly yields: number;
  readonly load: number;
  readonly message: string | undefined;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0").slice(-width);
}

function document(n: number): string {
  const start = FIRST_TRACE_SECOND + n;
  return JSON.stringify({
    name: `service-${n % 7}`,
    id: hex(0xabc0000000 + n, 16),
    trace_id: `1-${hex(FIRST_TRACE_SECOND + n, 8)}-${hex(n, 24)}`,
    start_time: start,
    end_time: start + 0.25,
    annotations: { mod: n % 10 },
  });
}

async function post(daemon: Daemon, path: string, body: unknown): Promise<Response> {
  return await fetch(`${daemon.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function start(filterSliceMs: number): Promise<Daemon> {
  const daemon = await startDaemon(
    { udp: { host: "127.0.0.1", port: 0 }, tcp: { host: "127.0.0.1", port: 0 }, maxTraces: 10_000 },
    { logger: silentLogger(), filterSliceMs },
  );
  const put = await post(daemon, "/TraceSegments", {
    TraceSegmentDocuments: Array.from({ length: TRACES }, (_, n) => document(n)),
  });
  if (put.status !== 200) throw new Error(`PutTraceSegments answered ${put.status}`);
  const group = await post(daemon, "/CreateGroup", { GroupName: "big", FilterExpression: BIG });
  if (group.status !== 200) throw new Error(`CreateGroup answered ${group.status}`);
  return daemon;
}

async function query(daemon: Daemon, source: string): Promise<Reading> {
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
  delay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const response = await post(daemon, "/TraceSummaries", {
    StartTime: FIRST_TRACE_SECOND,
    EndTime: FIRST_TRACE_SECOND + TRACES,
    FilterExpression: source,
  });
  const body = (await response.json()) as { TracesProcessedCount?: number; message?: string };
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  done = true;
  delay.disable();
  if (response.status === 200 && body.TracesProcessedCount !== TRACES) {
    throw new Error(`processed ${body.TracesProcessedCount} traces, expected ${TRACES}`);
  }
  return {
    status: response.status,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    longestGapMs,
    longestGapCpuMs,
    maxDelayMs: delay.max / 1e6,
    yields: daemon.stats().filters.yields - yieldsBefore,
    load,
    message: body.message,
  };
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5) ?? Number.NaN;
}

function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

async function run(label: string, filterSliceMs: number): Promise<void> {
  const daemon = await start(filterSliceMs);
  try {
    // One unmeasured query of each filter first: JIT and caches warm.
    for (const filter of FILTERS) await query(daemon, filter.source);
    console.log(`\n${label}`);
    console.log(
      "| filter | status | wall ms (median) | CPU ms (median) | CPU µs / trace | CPU × baseline | longest block ms (ticker gap, max) | CPU ms in the longest-CPU gap | event-loop delay max ms | yields / query | load 1 min |",
    );
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let baselineCpu: number | undefined;
    for (const filter of FILTERS) {
      const readings: Reading[] = [];
      for (let n = 0; n < REPEATS; n++) readings.push(await query(daemon, filter.source));
      const cpu = median(readings.map((r) => r.cpuMs));
      baselineCpu ??= cpu;
      const first = readings[0];
      const status =
        first === undefined || first.status === 200
          ? "200"
          : `${first.status}: ${first.message?.slice(0, 90)}…`;
      console.log(
        `| ${filter.name} | ${status} | ${fixed(median(readings.map((r) => r.wallMs)))} | ${fixed(cpu)} | ${fixed((cpu * 1000) / TRACES, 2)} | ${fixed(cpu / baselineCpu, 2)} | ${fixed(Math.max(...readings.map((r) => r.longestGapMs)))} | ${fixed(Math.max(...readings.map((r) => r.longestGapCpuMs)))} | ${fixed(Math.max(...readings.map((r) => r.maxDelayMs)))} | ${fixed(median(readings.map((r) => r.yields)), 0)} | ${readings.map((r) => fixed(r.load, 2)).join(", ")} |`,
      );
    }
  } finally {
    await daemon.close();
  }
}

console.log(
  `bench:filter: ${TRACES} traces, ${REPEATS} queries per filter, POST /TraceSummaries; node ${process.version}; load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
// Two rounds, each configuration in turn: the first daemon in the process also pays for the
// JIT's first compilations, so the second round is the one to compare.
for (const round of [1, 2]) {
  await run(`Round ${round}: in slices of ${FILTER_SLICE_MS} ms (the default)`, FILTER_SLICE_MS);
  await run(`Round ${round}: in one slice per query (as before slicing)`, 1e9);
}
