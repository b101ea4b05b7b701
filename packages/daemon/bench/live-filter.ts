/**
 * What a filter typed in the viewer costs the daemon, part by part, at 100,000 kept traces:
 * the live `subscribe` until its `snapshot` arrives (what the list waits for) and until the
 * whole `count` arrives, alone and with the viewer's distribution request sent at the same
 * moment; beside them, in the same run, `GET /api/traces?filter=&limit=100` (a scan of every
 * trace) and the matching alone in process, per trace. Filters: one in ten traces (`http.status
 * = 500`), one in seven (`name = "service-3"`), and one in 997 (`responsetime > 7`), which must
 * read every trace before its snapshot is full. The 1-minute load average is given: the
 * machine is shared. It measures; it never fails on a number.
 *
 *   npx tsx packages/daemon/bench/live-filter.ts [--traces 100000] [--reps 5]
 */

import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { compileFilter, LIVE_PATH, type LiveServerMessage } from "@xray-sandbox/segments";
import { WebSocket } from "ws";
import type { Daemon } from "../src/daemon.ts";
import { matchingSummary } from "../src/trace-filter.ts";
import { percentile } from "./percentile.ts";
import { slowRequestDatagram, startSlowRequestDaemon } from "./slow-request-datagram.ts";

const FILTERS = ["http.status = 500", 'name = "service-3"', "responsetime > 7"] as const;

/** A live client whose messages are awaited in order. */
async function openLive(daemon: Daemon): Promise<{
  ws: WebSocket;
  next: () => Promise<{ message: LiveServerMessage; bytes: number }>;
}> {
  const ws = new WebSocket(`${daemon.url.replace("http", "ws")}${LIVE_PATH}`);
  const queue: { message: LiveServerMessage; bytes: number }[] = [];
  let waiting: (() => void) | undefined;
  ws.on("message", (data: Buffer) => {
    const message = JSON.parse(data.toString()) as LiveServerMessage;
    if (message.type === "snapshot" || message.type === "batch") {
      ws.send(JSON.stringify({ type: "ack", seq: message.seq }));
    }
    queue.push({ message, bytes: data.length });
    waiting?.();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const next = async () => {
    while (queue.length === 0) await new Promise<void>((resolve) => (waiting = resolve));
    waiting = undefined;
    return queue.shift() as { message: LiveServerMessage; bytes: number };
  };
  return { ws, next };
}

interface Run {
  snapshotMs: number;
  countMs: number;
  snapshotBytes: number;
  total: number;
}

/** What the viewer asks for in a subscription's snapshot (`SUBSCRIBE_SNAPSHOT_LIMIT`). */
const VIEWER_LIMIT = 500;

async function subscribeOnce(
  live: Awaited<ReturnType<typeof openLive>>,
  filter: string,
  limit: number | undefined,
  alongside: () => Promise<unknown>,
): Promise<Run> {
  const start = performance.now();
  live.ws.send(JSON.stringify({ type: "subscribe", filter, ...(limit ? { limit } : {}) }));
  const beside = alongside();
  let snapshotMs = 0;
  let snapshotBytes = 0;
  for (;;) {
    const { message, bytes } = await live.next();
    if (message.type === "snapshot") {
      snapshotMs = performance.now() - start;
      snapshotBytes = bytes;
      if (!message.counting) {
        await beside;
        return { snapshotMs, countMs: snapshotMs, snapshotBytes, total: message.total };
      }
    }
    if (message.type === "count") {
      const countMs = performance.now() - start;
      await beside;
      return { snapshotMs, countMs, snapshotBytes, total: message.total };
    }
  }
}

async function timedGet(daemon: Daemon, path: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${daemon.url}${path}`);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return performance.now() - start;
}

const med = (values: number[]) => percentile(values, 0.5) ?? Number.NaN;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      traces: { type: "string", default: "100000" },
      reps: { type: "string", default: "5" },
    },
  });
  const traces = Number(values.traces);
  const reps = Number(values.reps);
  const daemon = await startSlowRequestDaemon(traces);
  try {
    const now = Date.now() / 1000;
    for (let n = 0; n < traces; n++) daemon.ingestDatagram(slowRequestDatagram(n, now, true));
    // Every summary built once, as the live list and the first query do.
    await timedGet(daemon, "/api/traces?limit=1&filter=ok");
    const live = await openLive(daemon);
    await live.next();
    await live.next();
    const lines: string[] = [];
    for (const filter of FILTERS) {
      const query = encodeURIComponent(filter);
      const full: Run[] = [];
      const alone: Run[] = [];
      const withDistribution: Run[] = [];
      const get: number[] = [];
      const matchUs: number[] = [];
      for (let rep = 0; rep < reps; rep++) {
        full.push(await subscribeOnce(live, filter, undefined, async () => undefined));
        alone.push(await subscribeOnce(live, filter, VIEWER_LIMIT, async () => undefined));
        withDistribution.push(
          await subscribeOnce(live, filter, VIEWER_LIMIT, () =>
            timedGet(daemon, `/api/traces/distribution?filter=${query}&points=600`),
          ),
        );
        get.push(await timedGet(daemon, `/api/traces?filter=${query}&limit=100`));
        matchUs.push(matchingCost(daemon, filter));
      }
      const first = full[0];
      const kib = (run: Run | undefined) => `${((run?.snapshotBytes ?? 0) / 1024).toFixed(0)} KiB`;
      lines.push(
        `${filter}: ${first?.total} match; snapshot ${kib(first)} (limit 2000), ${kib(alone[0])} (limit ${VIEWER_LIMIT})`,
        `  limit 2000: subscribe → snapshot / → count     ${fmt(med(full.map((r) => r.snapshotMs)))} / ${fmt(med(full.map((r) => r.countMs)))}`,
        `  limit ${VIEWER_LIMIT}: subscribe → snapshot (median / slowest) ${fmt(med(alone.map((r) => r.snapshotMs)))} / ${fmt(Math.max(...alone.map((r) => r.snapshotMs)))}`,
        `  subscribe → whole count                        ${fmt(med(alone.map((r) => r.countMs)))}`,
        `  with the distribution: → snapshot / → count    ${fmt(med(withDistribution.map((r) => r.snapshotMs)))} / ${fmt(med(withDistribution.map((r) => r.countMs)))}`,
        `  GET /api/traces?filter&limit=100 (every trace) ${fmt(med(get))}`,
        `  matching alone, in process                     ${med(matchUs).toFixed(3)} µs a trace`,
      );
    }
    live.ws.close();
    process.stdout.write(
      `\n${traces.toLocaleString("en")} traces, ${reps} repetitions; 1-minute load ${loadavg()[0]?.toFixed(2)}\n\n${lines.join("\n")}\n`,
    );
  } finally {
    await daemon.close();
  }
}

/** Microseconds a trace to match every kept trace against `source`, in one loop. */
function matchingCost(daemon: Daemon, source: string): number {
  const compiled = compileFilter(source);
  if (!compiled.ok) throw new Error(compiled.error.message);
  const ids = daemon.store.traceIds();
  const start = performance.now();
  let matched = 0;
  for (const id of ids)
    if (matchingSummary(daemon.store, id, compiled.filter, undefined)) matched++;
  const ms = performance.now() - start;
  if (matched < 0) throw new Error("unreachable");
  return (ms * 1000) / ids.length;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
