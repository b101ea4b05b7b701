/**
 * ADOT's unsampled spans (`T1U` datagrams, as captured) on the daemon's UDP port: counted and
 * not stored by default; with `keepUnsampled` stored under their own bound, so that however
 * many arrive they evict only each other, never a sampled trace; kept across a restart and
 * an export and import, still unsampled.
 */

import type { ImportResultBody, TraceDetailBody, TraceListBody } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import {
  type AdotCapture,
  adotCaptures,
  adotDatagramInTrace,
  movedXrayTraceId,
} from "./support/adot-datagrams.ts";
import { fetchStats, getJson, waitForReceived } from "./support/daemon.ts";
import { daemonsClosedAfterEach } from "./support/daemons-closed-after-each.ts";
import { tempDir } from "./support/temp-dir.ts";
import { sendDatagrams } from "./support/udp.ts";

const captures = adotCaptures();
/** Each capture is one span: a `GET /user` server span and its `UserData` child. */
const sampled = captures.filter((capture) => capture.prefix === "T1S");
const unsampled = captures.filter((capture) => capture.prefix === "T1U");
const [firstSampled] = sampled;
if (sampled.length !== 2 || unsampled.length !== 2 || firstSampled === undefined) {
  throw new Error("expected two T1S and two T1U captures");
}

const { start } = daemonsClosedAfterEach();

/** Both spans of the captured request (T1S or T1U), moved to trace `n`. */
function traceDatagrams(pair: readonly AdotCapture[], n: number): Uint8Array[] {
  return pair.map((capture) => adotDatagramInTrace(capture, n));
}

async function send(daemon: Daemon, datagrams: readonly Uint8Array[]): Promise<void> {
  const before = daemon.stats().datagrams.received;
  await sendDatagrams(daemon.udpAddress, datagrams);
  await waitForReceived(daemon, before + datagrams.length);
}

/** The trace's detail, or undefined on a 404. */
async function traceOf(daemon: Daemon, n: number): Promise<TraceDetailBody | undefined> {
  const response = await fetch(`${daemon.url}/api/traces/${movedXrayTraceId(n)}`);
  if (response.status === 404) return undefined;
  expect(response.status).toBe(200);
  return (await response.json()) as TraceDetailBody;
}

describe("T1U (unsampled) spans", () => {
  it("are counted and not stored unless the daemon keeps them", async () => {
    const daemon = await start({});
    await send(
      daemon,
      unsampled.map((capture) => capture.bytes),
    );
    const stats = await fetchStats(daemon);
    expect(stats.documents).toBe(0);
    expect(stats.otlp.unsampled).toEqual({ spans: 2, kept: false });
    expect(stats.datagrams).toMatchObject({ accepted: 2, rejected: 0 });
    expect(stats.store.unsampled).toMatchObject({ traces: 0, documents: 0, bytes: 0 });
  });

  it("are stored with keepUnsampled, as an unsampled trace", async () => {
    const daemon = await start({ keepUnsampled: true });
    await send(daemon, traceDatagrams(unsampled, 1));
    const stats = await fetchStats(daemon);
    expect(stats.otlp.unsampled).toEqual({ spans: 2, kept: true });
    expect(stats.otlp.byTransport["otlp-udp"]).toMatchObject({ spans: 2, storedSpans: 2 });
    expect(stats.store.unsampled).toMatchObject({ traces: 1, documents: 2, evictedTraces: 0 });
    expect(stats.store.unsampled.bytes).toBeGreaterThan(0);
    expect(stats.traces).toBe(1);

    const detail = await traceOf(daemon, 1);
    expect(detail?.summary).toMatchObject({ unsampled: true, documentCount: 2 });
    expect(detail?.summary.origins).toEqual(["adot-udp"]);
    for (const { origin } of detail?.documents ?? []) {
      expect(origin).toMatchObject({ kind: "otlp", span: { sampled: false } });
    }
    const list = await getJson<TraceListBody>(daemon, "/api/traces");
    expect(list.traces.map((summary) => summary.unsampled)).toEqual([true]);
  });

  it("evict only each other at their bound: every sampled trace stays", async () => {
    const daemon = await start({ keepUnsampled: true, maxTraces: 10, unsampledMaxTraces: 3 });
    const sampledTraces = [1, 2, 3, 4];
    const unsampledTraces = [101, 102, 103, 104, 105, 106, 107, 108];
    await send(
      daemon,
      sampledTraces.flatMap((n) => traceDatagrams(sampled, n)),
    );
    // Every unsampled trace arrives after the sampled ones: the oldest traces are sampled.
    await send(
      daemon,
      unsampledTraces.flatMap((n) => traceDatagrams(unsampled, n)),
    );

    const stats = await fetchStats(daemon);
    expect(stats.datagrams).toMatchObject({ received: 24, accepted: 24, rejected: 0 });
    expect(stats.traces).toBe(7);
    expect(stats.evicted).toBe(5);
    expect(stats.store).toMatchObject({
      traces: 7,
      documents: 14,
      evictedTraces: 5,
      evictedDocuments: 10,
      maxTraces: 10,
      unsampled: {
        traces: 3,
        documents: 6,
        evictedTraces: 5,
        evictedDocuments: 10,
        promotedTraces: 0,
        maxTraces: 3,
      },
    });
    expect(stats.otlp.unsampled).toEqual({ spans: 16, kept: true });

    for (const n of sampledTraces) {
      expect((await traceOf(daemon, n))?.summary, `sampled trace ${n}`).toMatchObject({
        unsampled: false,
        documentCount: 2,
      });
    }
    for (const n of unsampledTraces) {
      const detail = await traceOf(daemon, n);
      if (n <= 105) expect(detail, `unsampled trace ${n}`).toBeUndefined();
      else expect(detail?.summary.unsampled, `unsampled trace ${n}`).toBe(true);
    }

    // A sampled span of an unsampled trace makes it a sampled trace, out of the unsampled pool.
    await send(daemon, [adotDatagramInTrace(firstSampled, 108)]);
    expect((await traceOf(daemon, 108))?.summary).toMatchObject({
      unsampled: false,
      documentCount: 3,
    });
    expect((await fetchStats(daemon)).store).toMatchObject({
      traces: 7,
      unsampled: { traces: 2, promotedTraces: 1 },
    });
  });

  it("come back unsampled after a restart, and after an export and import", async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir, keepUnsampled: true });
    await send(first, [
      ...traceDatagrams(unsampled, 1),
      ...traceDatagrams(unsampled, 2),
      ...traceDatagrams(sampled, 3),
    ]);
    await first.close();

    // Restored into the unsampled pool even without keepUnsampled, and within its bound.
    const second = await start({ dataDir, unsampledMaxTraces: 1 });
    const restored = await fetchStats(second);
    expect(restored.persistence).toMatchObject({ replayed: 6, skippedLines: 0 });
    expect(restored.store).toMatchObject({
      traces: 2,
      unsampled: { traces: 1, documents: 2, evictedTraces: 1 },
    });
    expect((await traceOf(second, 2))?.summary.unsampled).toBe(true);
    expect((await traceOf(second, 3))?.summary.unsampled).toBe(false);

    const exported = await (await fetch(`${second.url}/api/export`)).text();
    expect((await fetch(`${second.url}/api/traces`, { method: "DELETE" })).status).toBe(200);
    const response = await fetch(`${second.url}/api/import`, { method: "POST", body: exported });
    expect((await response.json()) as ImportResultBody).toMatchObject({
      imported: 4,
      errorCount: 0,
    });
    const imported = await traceOf(second, 2);
    expect(imported?.summary).toMatchObject({ unsampled: true, origins: ["import"] });
    for (const { origin } of imported?.documents ?? []) {
      expect(origin).toMatchObject({
        kind: "import",
        exported: { kind: "otlp", span: { sampled: false } },
      });
    }
    expect((await fetchStats(second)).store).toMatchObject({
      traces: 2,
      unsampled: { traces: 1, documents: 2 },
    });
  });
});
