/**
 * `pnpm bench:trace-query`: what the slow-requests queries cost the daemon at 100,000 kept
 * traces, against 1,000 measured in the same run: `GET /api/traces/distribution`, `GET
 * /api/traces/query` sorted by response time, narrowed to a time range, and with a filter. Per
 * call: the median and slowest wall time over HTTP on loopback, the median CPU time of the
 * process (server and client side together: less shaken by a busy machine than wall time),
 * and the longest the event loop went without a turn meanwhile (the gap between two turns of a `setImmediate` ticker), which
 * says whether UDP and other requests wait. The first call after ingest, which also builds
 * every trace's summary, is reported on its own ("cold"). The 1-minute load average is given:
 * the machine is shared. It measures; it never fails on a number.
 *
 *   pnpm bench:trace-query [--sizes 1000,100000] [--reps 5]
 */

import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { Daemon } from "../src/daemon.ts";
import { percentile } from "./percentile.ts";
import { slowRequestDatagram, startSlowRequestDaemon } from "./slow-request-datagram.ts";

const CALLS = [
  { name: "distribution", path: "/api/traces/distribution?points=1000" },
  { name: "sort by response time", path: "/api/traces/query?sort=responsetime&limit=200" },
  { name: "time range (last 5 min)", path: "/api/traces/query?from=-5m&limit=200" },
  {
    name: "filter + sort by size",
    path: `/api/traces/query?sort=size&limit=200&filter=${encodeURIComponent("http.status >= 500")}`,
  },
] as const;

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly longestGapMs: number;
}

/** One GET, with a setImmediate ticker noting the longest gap between its turns. */
async function timed(daemon: Daemon, path: string): Promise<Timing> {
  let last = performance.now();
  let longestGapMs = 0;
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const response = await fetch(`${daemon.url}${path}`);
  await response.arrayBuffer();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  ticking = false;
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, longestGapMs };
}

interface SizeResult {
  readonly traces: number;
  readonly ingestMs: number;
  readonly cold: Timing;
  readonly calls: Record<string, Timing[]>;
  readonly load: number;
}

async function measure(traces: number, reps: number): Promise<SizeResult> {
  const daemon = await startSlowRequestDaemon(traces);
  try {
    const now = Date.now() / 1000;
    const start = performance.now();
    for (let n = 0; n < traces; n++) daemon.ingestDatagram(slowRequestDatagram(n, now));
    const ingestMs = performance.now() - start;
    if (daemon.stats().traces !== traces) throw new Error(`not every trace was kept`);
    const cold = await timed(daemon, CALLS[0].path);
    const calls: Record<string, Timing[]> = {};
    for (let rep = 0; rep < reps; rep++) {
      for (const call of CALLS) {
        calls[call.name] ??= [];
        calls[call.name]?.push(await timed(daemon, call.path));
      }
    }
    process.stderr.write(`${traces} traces measured\n`);
    return { traces, ingestMs, cold, calls, load: loadavg()[0] ?? 0 };
  } finally {
    await daemon.close();
  }
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join("  ");
}

function report(results: readonly SizeResult[]): string {
  const ms = (value: number | undefined) => (value === undefined ? "–" : `${value.toFixed(1)} ms`);
  const lines: string[][] = [];
  lines.push([
    "",
    ...results.map((result) => `${result.traces.toLocaleString("en")} traces`),
    ...(results.length > 1 ? ["ratio"] : []),
  ]);
  const add = (name: string, values: (number | undefined)[]) => {
    const first = values[0];
    const last = values.at(-1);
    lines.push([
      name,
      ...values.map(ms),
      ...(results.length > 1
        ? [first && last !== undefined ? `×${(last / first).toFixed(1)}` : "–"]
        : []),
    ]);
  };
  add(
    "ingest (in-process, all traces)",
    results.map((r) => r.ingestMs),
  );
  add(
    "cold distribution (summaries built)",
    results.map((r) => r.cold.wallMs),
  );
  add(
    "cold: longest event-loop gap",
    results.map((r) => r.cold.longestGapMs),
  );
  for (const call of CALLS) {
    const of = (r: SizeResult) => r.calls[call.name] ?? [];
    add(
      `${call.name}: median`,
      results.map((r) =>
        percentile(
          of(r).map((t) => t.wallMs),
          0.5,
        ),
      ),
    );
    add(
      `${call.name}: slowest`,
      results.map((r) => Math.max(...of(r).map((t) => t.wallMs))),
    );
    add(
      `${call.name}: CPU median`,
      results.map((r) =>
        percentile(
          of(r).map((t) => t.cpuMs),
          0.5,
        ),
      ),
    );
    add(
      `${call.name}: longest loop gap`,
      results.map((r) => Math.max(...of(r).map((t) => t.longestGapMs))),
    );
  }
  const widths = (lines[0] ?? []).map((_, i) =>
    Math.max(...lines.map((line) => (line[i] ?? "").length)),
  );
  const loads = results.map((r) => r.load.toFixed(2)).join(", ");
  return `${lines.map((line) => row(line, widths)).join("\n")}\n\n1-minute load average after each size: ${loads}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,100000" },
      reps: { type: "string", default: "5" },
    },
  });
  const sizes = values.sizes.split(",").map((text) => Number(text.replaceAll("_", "")));
  const reps = Number(values.reps);
  if (sizes.some((size) => !Number.isSafeInteger(size) || size < 1) || !(reps >= 1)) {
    throw new Error("usage: trace-query-bench [--sizes 1000,100000] [--reps 5]");
  }
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await measure(size, reps));
  process.stdout.write(`\n${report(results)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
