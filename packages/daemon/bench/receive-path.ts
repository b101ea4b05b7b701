/**
 * `pnpm bench:receive-path`: the CPU the daemon's own code spends per UDP datagram, without
 * sockets, so that it can be measured on a busy machine. Two figures per datagram, each CPU
 * time of the whole process (`process.cpuUsage`, GC helper threads included):
 *
 * - worker part: what the receive worker does (scan, write the batch entry), the batch
 *   handed back at once, nothing kept;
 * - whole path: that, then the main thread's part on the same thread (read the entry, file
 *   the document in a store that keeps growing, as in the sustained bench), GC included.
 *
 * Each repetition runs the full scan (`scanDatagram`, the baseline) and the byte scan the
 * worker tries first (`scanDatagramBytes`), in alternating order; ratios are read within a
 * repetition.
 *
 *   NODE_OPTIONS="--expose-gc --max-old-space-size=8192" pnpm bench:receive-path [--datagrams 300000] [--reps 3]
 */

import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { newByteScan, scanDatagram, scanDatagramBytes, TraceStore } from "@xray-sandbox/segments";
import { BatchQueue } from "../src/ingest/batch-queue.ts";
import { readBatch } from "../src/ingest/scanned-batch.ts";
import { percentile } from "./percentile.ts";
import { buildTracePool, stampTrace, type TracePool } from "./segment-generator.ts";

const NEWLINE = 0x0a;

interface PathCost {
  /** µs of CPU per datagram: scanning and writing the batch entry (the worker's part). */
  readonly worker: number;
  /** µs of CPU per datagram: that, then reading the entry and filing the document. */
  readonly whole: number;
}

type Scanner = "full" | "bytes";

let traceCounter = 0;

/** µs of CPU per datagram; `keep` false: the worker's part alone, nothing stored. */
function measure(pool: TracePool, datagrams: number, scanner: Scanner, keep: boolean): number {
  // The previous measurement's store is garbage: collected now (with --expose-gc) rather
  // than billed to this one.
  (globalThis as { gc?: () => void }).gc?.();
  const store = new TraceStore({ maxTraces: 4_000_000, maxBytes: 2 ** 40 });
  const queue: BatchQueue = new BatchQueue({
    maxQueueBytes: 64 * 1024 * 1024,
    batchBytes: 256 * 1024,
    batchDelayMs: 2,
    maxInFlight: 4,
    post: (batch) => {
      if (keep) {
        readBatch(batch.buffer, batch.length, batch.senders, {
          accepted(index, raw, bodyBytes, _datagram, _address, _port, receivedAt) {
            store.ingest(index, raw, bodyBytes, receivedAt);
          },
          rejected() {},
          otlp() {},
        });
      }
      queue.applied(batch.buffer);
    },
  });
  const scan = newByteScan();
  const start = process.cpuUsage();
  let sent = 0;
  while (sent < datagrams) {
    for (const trace of pool.traces) {
      stampTrace(trace, traceCounter++);
      for (const bytes of trace.datagrams) {
        const receivedAt = Date.now();
        if (scanner === "bytes" && scanDatagramBytes(bytes, scan)) {
          queue.scanned(bytes, scan, "127.0.0.1", 40_000, receivedAt);
        } else {
          const result = scanDatagram(bytes);
          if (!result.ok)
            throw new Error(`the pool holds a rejected datagram: ${result.rejection.message}`);
          const bodyStart = bytes.indexOf(NEWLINE) + 1;
          queue.accepted(bytes, bodyStart, result.index, "127.0.0.1", 40_000, receivedAt);
        }
        sent++;
      }
      if (sent >= datagrams) break;
    }
  }
  queue.flush();
  const used = process.cpuUsage(start);
  if (keep && store.stats().documents !== sent) throw new Error("not every datagram was stored");
  return (used.user + used.system) / sent;
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5) ?? Number.NaN;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      datagrams: { type: "string", default: "300000" },
      reps: { type: "string", default: "3" },
    },
  });
  const datagrams = Number(values.datagrams);
  const reps = Number(values.reps);
  if (!(datagrams > 0) || !(reps > 0)) throw new Error("--datagrams and --reps must be positive");
  const load = (): string => loadavg()[0]?.toFixed(2) ?? "?";
  console.log(`receive path, ${datagrams} datagrams × ${reps} reps per size; 1-min load ${load()}`);
  for (const size of [800, 4000]) {
    const pool = buildTracePool({
      targetBytes: size,
      traceCount: 512,
      seed: 7,
      nowSeconds: Date.now() / 1000,
    });
    const full: PathCost[] = [];
    const bytes: PathCost[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const order: Scanner[] = rep % 2 === 0 ? ["full", "bytes"] : ["bytes", "full"];
      for (const scanner of order) {
        const cost: PathCost = {
          worker: measure(pool, datagrams, scanner, false),
          whole: measure(pool, datagrams, scanner, true),
        };
        (scanner === "full" ? full : bytes).push(cost);
        console.log(
          `  ${size} B rep ${rep + 1} ${scanner.padEnd(5)} worker part ${cost.worker.toFixed(2)} µs, whole path ${cost.whole.toFixed(2)} µs (load ${load()})`,
        );
      }
    }
    const med = (costs: PathCost[], part: keyof PathCost): number =>
      median(costs.map((cost) => cost[part]));
    const ratios = (part: keyof PathCost): number =>
      median(full.map((cost, rep) => (bytes[rep]?.[part] ?? Number.NaN) / cost[part]));
    console.log(
      `${size} B (mean ${Math.round(pool.meanBytes)} B), medians: worker part ${med(full, "worker").toFixed(2)} → ${med(bytes, "worker").toFixed(2)} µs (×${ratios("worker").toFixed(2)}), whole path ${med(full, "whole").toFixed(2)} → ${med(bytes, "whole").toFixed(2)} µs (×${ratios("whole").toFixed(2)})`,
    );
  }
  console.log(`1-min load at the end ${load()}`);
}

main();
