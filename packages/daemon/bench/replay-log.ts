/**
 * `npx tsx packages/daemon/bench/replay-log.ts [documents] [bytes]`: how fast a daemon start
 * replays its segment log. Writes a log of realistic documents (default 100,000 of about
 * 1 KB) to a temporary data dir, then times, in this process, a baseline that only reads
 * the lines and parses each as JSON, and the replay into a TraceStore (each record parsed,
 * its document checked, stored). Prints both and their ratio; the best of three runs each.
 */

import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  epochMillis,
  formatRecord,
  isTraceId,
  type TopLevelDocument,
  TraceStore,
  XRAY_UDP_ORIGIN,
} from "@xray-sandbox/segments";
import { silentLogger } from "../src/logger.ts";
import { openPersistence } from "../src/persistence/persistence.ts";
import { readLines } from "../src/persistence/read-lines.ts";
import { buildTracePool, stampTrace } from "./segment-generator.ts";
import { DATAGRAM_HEADER } from "./trace-documents.ts";

const RUNS = 3;
const documents = Number(process.argv[2] ?? 100_000);
const targetBytes = Number(process.argv[3] ?? 1024);

function writeLog(path: string): { bytes: number; traces: number } {
  const pool = buildTracePool({
    targetBytes,
    traceCount: 200,
    seed: 7,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  const lines: string[] = [];
  let traces = 0;
  let receivedAt = Date.now() - 3_600_000;
  while (lines.length < documents) {
    const trace = pool.traces[traces % pool.traces.length];
    if (!trace) break;
    stampTrace(trace, traces);
    traces++;
    for (const datagram of trace.datagrams) {
      if (lines.length >= documents) break;
      const raw = datagram.toString("utf8", Buffer.byteLength(DATAGRAM_HEADER));
      const traceId = (JSON.parse(raw) as TopLevelDocument).trace_id;
      if (!isTraceId(traceId)) throw new Error(`generated a bad trace id: ${traceId}`);
      lines.push(
        formatRecord({
          receivedAt: epochMillis(receivedAt++),
          traceId,
          raw,
          origin: XRAY_UDP_ORIGIN,
        }),
      );
    }
  }
  const text = `${lines.join("\n")}\n`;
  writeFileSync(path, text);
  return { bytes: Buffer.byteLength(text), traces };
}

function baseline(path: string): number {
  const started = performance.now();
  const fd = openSync(path, "r");
  let parsed = 0;
  for (const line of readLines(fd)) {
    JSON.parse(line.text);
    parsed++;
  }
  closeSync(fd);
  if (parsed !== documents) throw new Error(`read ${parsed} lines, expected ${documents}`);
  return performance.now() - started;
}

async function replay(dataDir: string): Promise<number> {
  const store = new TraceStore({ maxTraces: 10_000_000, maxBytes: 64 * 1024 ** 3 });
  const started = performance.now();
  const persistence = await openPersistence({ dataDir, store, logger: silentLogger() });
  const elapsed = performance.now() - started;
  const { replayed } = persistence.stats();
  await persistence.close();
  if (replayed !== documents) throw new Error(`replayed ${replayed}, expected ${documents}`);
  return elapsed;
}

const dataDir = mkdtempSync(join(tmpdir(), "xray-sandbox-replay-"));
try {
  const logPath = join(dataDir, "segments.ndjson");
  const log = writeLog(logPath);
  const baselineMs = Math.min(...Array.from({ length: RUNS }, () => baseline(logPath)));
  const replays: number[] = [];
  for (let run = 0; run < RUNS; run++) replays.push(await replay(dataDir));
  const replayMs = Math.min(...replays);
  const rate = (ms: number) => Math.round(documents / (ms / 1000)).toLocaleString("en-US");
  const lines = [
    `log: ${documents.toLocaleString("en-US")} documents, ${log.traces.toLocaleString("en-US")} traces, ${(log.bytes / 1024 ** 2).toFixed(1)} MiB`,
    `baseline (read lines + JSON.parse): ${baselineMs.toFixed(0)} ms (${rate(baselineMs)} lines/s)`,
    `replay (parse, check, store):        ${replayMs.toFixed(0)} ms (${rate(replayMs)} documents/s)`,
    `replay / baseline: ${(replayMs / baselineMs).toFixed(2)}x`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
