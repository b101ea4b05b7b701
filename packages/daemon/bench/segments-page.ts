/**
 * `npx tsx packages/daemon/bench/segments-page.ts [documents] [bytes]`: how long the largest page of
 * `GET /api/segments` takes. Fills an in-process daemon with realistic documents (default
 * 10,679 of about 1 KB, as a sample backend leaves after a while), then times, over HTTP, the
 * first `limit=2000` page, a page after a cursor, and a filtered page; the best of three each.
 */

import { Buffer } from "node:buffer";
import type { SegmentListBody } from "@xray-sandbox/segments";
import { startDaemon } from "../src/daemon.ts";
import { silentLogger } from "../src/logger.ts";
import { buildTracePool, stampTrace } from "./segment-generator.ts";

const RUNS = Number(process.env.RUNS ?? 3);
const documents = Number(process.argv[2] ?? 10_679);
const targetBytes = Number(process.argv[3] ?? 1024);

const daemon = await startDaemon(
  {
    udp: { host: "127.0.0.1", port: 0 },
    tcp: { host: "127.0.0.1", port: 0 },
    maxTraces: 1_000_000,
    maxBytes: 4 * 1024 ** 3,
  },
  { logger: silentLogger() },
);
try {
  const pool = buildTracePool({
    targetBytes,
    traceCount: 200,
    seed: 11,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  let sent = 0;
  for (let trace = 0; sent < documents; trace++) {
    const template = pool.traces[trace % pool.traces.length];
    if (!template) break;
    stampTrace(template, trace);
    for (const datagram of template.datagrams) {
      if (sent >= documents) break;
      daemon.ingestDatagram(new Uint8Array(Buffer.from(datagram)));
      sent++;
    }
  }
  const stats = daemon.stats();

  const time = async (path: string): Promise<{ ms: number; body: SegmentListBody }> => {
    let best = Number.POSITIVE_INFINITY;
    let body: SegmentListBody | undefined;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const response = await fetch(`${daemon.url}${path}`);
      body = (await response.json()) as SegmentListBody;
      best = Math.min(best, performance.now() - started);
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    }
    if (!body) throw new Error("no body");
    return { ms: best, body };
  };

  const first = await time("/api/segments?limit=2000");
  const next = await time(`/api/segments?limit=2000&cursor=${first.body.nextCursor ?? ""}`);
  const filtered = await time(`/api/segments?limit=2000&filter=${encodeURIComponent("fault")}`);
  const lines = [
    `store: ${stats.documents.toLocaleString("en-US")} documents, ${stats.traces.toLocaleString("en-US")} traces, ${first.body.total.toLocaleString("en-US")} nodes`,
    `first page (limit=2000):  ${first.ms.toFixed(0)} ms, ${first.body.segments.length.toLocaleString("en-US")} nodes`,
    `next page (cursor):        ${next.ms.toFixed(0)} ms, ${next.body.segments.length.toLocaleString("en-US")} nodes`,
    `filtered page ("fault"):   ${filtered.ms.toFixed(0)} ms, ${filtered.body.segments.length.toLocaleString("en-US")} nodes`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await daemon.close();
}
