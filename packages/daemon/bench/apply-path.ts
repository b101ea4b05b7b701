/**
 * `pnpm bench:apply-path`: the receive path without sockets, as `bench:receive-path` runs it
 * (byte scan, batch, read the entry, file the document in a store that keeps growing, all on
 * one thread), with the process's CPU time split by thread: this thread (scan, batch, apply,
 * and the part of garbage collection V8 does on it) against V8's helper threads (parallel
 * scavenges, concurrent marking). Made for A/B runs of V8 flags and of the apply path's code:
 * start it several times, alternating the variants, and read the ratios.
 *
 *   pnpm bench:apply-path [--size 800] [--datagrams 150000] [--max-bytes BYTES]
 *   node --max-semi-space-size=64 --import tsx packages/daemon/bench/apply-path.ts --size 4000
 *
 * Prints one JSON line: µs of CPU per datagram in all, on this thread and on the others, and
 * the RSS at the end. Linux only (it reads `/proc/self/task`). The 1.5 % of the pool's
 * datagrams that carry a `cause` (the byte scan leaves them to the full scan) are skipped.
 */

import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { newByteScan, scanDatagramBytes, TraceStore } from "@xray-sandbox/segments";
import { BatchQueue } from "../src/ingest/batch-queue.ts";
import { readBatch } from "../src/ingest/scanned-batch.ts";
import { parseProcStatCpuMicros } from "./process-cpu.ts";
import { buildTracePool, stampTrace } from "./segment-generator.ts";

const WARM_UP_DATAGRAMS = 20_000;

interface ThreadCpu {
  readonly main: number;
  readonly others: number;
}

/** This process's CPU time in µs: its main thread, and every other thread together. */
function threadCpu(): ThreadCpu {
  let main = 0;
  let others = 0;
  for (const task of readdirSync("/proc/self/task")) {
    let micros: number | undefined;
    try {
      micros = parseProcStatCpuMicros(readFileSync(`/proc/self/task/${task}/stat`, "utf8"));
    } catch {
      continue; // the thread ended meanwhile
    }
    if (micros === undefined) continue;
    if (Number(task) === process.pid) main += micros;
    else others += micros;
  }
  return { main, others };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      size: { type: "string", default: "800" },
      datagrams: { type: "string", default: "150000" },
      "max-bytes": { type: "string", default: String(2 ** 40) },
    },
  });
  const size = Number(values.size);
  const datagrams = Number(values.datagrams);
  const maxBytes = Number(values["max-bytes"]);
  if (!(size >= 300) || !(datagrams > 0) || !(maxBytes > 0))
    throw new Error("--size (at least 300), --datagrams and --max-bytes must be positive numbers");

  const pool = buildTracePool({
    targetBytes: size,
    traceCount: 512,
    seed: 7,
    nowSeconds: Date.now() / 1000,
  });
  const store = new TraceStore({ maxTraces: 4_000_000, maxBytes });
  const queue: BatchQueue = new BatchQueue({
    maxQueueBytes: 64 * 1024 * 1024,
    batchBytes: 256 * 1024,
    batchDelayMs: 2,
    maxInFlight: 4,
    post: (batch) => {
      readBatch(batch.buffer, batch.length, batch.senders, {
        accepted(index, raw, bodyBytes, _datagram, _address, _port, receivedAt) {
          store.ingest(index, raw, bodyBytes, receivedAt);
        },
        rejected() {},
        otlp() {},
      });
      queue.applied(batch.buffer);
    },
  });
  const scan = newByteScan();
  let counter = 0;
  const run = (count: number): number => {
    let sent = 0;
    while (sent < count) {
      for (const trace of pool.traces) {
        stampTrace(trace, counter++);
        for (const bytes of trace.datagrams) {
          if (!scanDatagramBytes(bytes, scan)) continue;
          queue.scanned(bytes, scan, "127.0.0.1", 40_000, Date.now());
          sent++;
        }
        if (sent >= count) break;
      }
    }
    queue.flush();
    return sent;
  };

  run(WARM_UP_DATAGRAMS);
  const load = loadavg()[0] ?? 0;
  const before = threadCpu();
  const sent = run(datagrams);
  const after = threadCpu();
  const perDatagram = (micros: number): number => Number((micros / sent).toFixed(2));
  // Node's own flags, without the ones tsx adds to load itself.
  const nodeFlags = process.execArgv.filter(
    (arg, at, all) =>
      arg.startsWith("--") &&
      !arg.startsWith("--require") &&
      !arg.startsWith("--import") &&
      !arg.startsWith("--loader") &&
      !(all[at - 1] ?? "").match(/^--(require|import|loader)$/),
  );
  console.log(
    JSON.stringify({
      size,
      meanBytes: Math.round(pool.meanBytes),
      datagrams: sent,
      nodeFlags,
      cpuMicrosPerDatagram: perDatagram(after.main - before.main + (after.others - before.others)),
      mainThread: perDatagram(after.main - before.main),
      otherThreads: perDatagram(after.others - before.others),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      storedDocuments: store.stats().documents,
      loadAtStart: Number(load.toFixed(2)),
    }),
  );
}

main();
