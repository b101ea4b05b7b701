import { loadFixtureRun } from "@xray-sandbox/fixtures";
import {
  LIVE_PROTOCOL_VERSION,
  type LiveServerMessage,
  type TraceSummary,
} from "@xray-sandbox/segments";
import { afterEach, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { DEFAULT_LIVE_BOUNDS } from "../src/live/live-bounds.ts";
import { sendPaced, startTestDaemon, waitForReceived } from "./support/daemon.ts";
import { type LiveTestClient, openLive } from "./support/live.ts";
import { hex, segmentDatagram, traceId } from "./support/segments.ts";
import { sendDatagrams } from "./support/udp.ts";

type Batch = Extract<LiveServerMessage, { type: "batch" }>;

let daemon: Daemon | undefined;
const clients: LiveTestClient[] = [];

async function start(...args: Parameters<typeof startTestDaemon>): Promise<Daemon> {
  daemon = await startTestDaemon(...args);
  return daemon;
}

async function connect(target: Daemon): Promise<LiveTestClient> {
  const client = await openLive(target.url);
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await daemon?.close();
  daemon = undefined;
});

/** Reads batches until `done` holds for everything gathered; returns every batch read. */
async function batchesUntil(
  client: LiveTestClient,
  done: (upserted: ReadonlyMap<string, TraceSummary>, batches: readonly Batch[]) => boolean,
): Promise<{ batches: Batch[]; upserted: Map<string, TraceSummary> }> {
  const batches: Batch[] = [];
  const upserted = new Map<string, TraceSummary>();
  await client.until((message) => {
    if (message.type !== "batch") return false;
    batches.push(message);
    for (const summary of message.upserts) upserted.set(summary.id, summary);
    return done(upserted, batches);
  });
  return { batches, upserted };
}

const encoder = new TextEncoder();

function datagram(document: Record<string, unknown>): Uint8Array {
  return encoder.encode(`{"format":"json","version":1}\n${JSON.stringify(document)}`);
}

/** A segment with annotations that make its summary about 1.5 KB. */
function wideSegmentDatagram(n: number): Uint8Array {
  const annotations = Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [`field_${i}`, `value ${n} ${"x".repeat(90)}`]),
  );
  const start = 1_780_000_000 + n / 1000;
  return datagram({
    name: `service-${n % 7}`,
    id: hex(0xbc00000000 + n, 16),
    trace_id: traceId(n),
    start_time: start,
    end_time: start + 0.01,
    annotations,
  });
}

describe("the live stream", () => {
  it("greets with hello and a snapshot, then batches the summaries of what arrives over UDP", async () => {
    const target = await start();
    const client = await connect(target);
    const hello = await client.expectNext("hello");
    expect(hello).toMatchObject({ protocol: LIVE_PROTOCOL_VERSION, version: target.version });
    const snapshot = await client.expectNext("snapshot");
    expect(snapshot).toMatchObject({ filter: null, summaries: [], total: 0, limit: 2000 });
    expect(snapshot.stats.live).toMatchObject({ clients: 1, bounds: DEFAULT_LIVE_BOUNDS });

    const run = loadFixtureRun("run1-basic");
    await sendDatagrams(
      target.udpAddress,
      run.map((fixture) => fixture.bytes),
    );
    await waitForReceived(target, run.length);
    const expected = target.store.traceIds();
    const { batches, upserted } = await batchesUntil(client, (seen) =>
      expected.every(
        (id) => seen.get(id)?.documentCount === target.store.getSummary(id)?.documentCount,
      ),
    );
    // Live summaries come before the trace doctor's counts (a follow-up brings them).
    const withoutCounts = ({ problems: _, ...summary }: TraceSummary) => summary;
    expect([...upserted.values()].map(withoutCounts)).toEqual(
      expect.arrayContaining(
        expected.flatMap((id) => target.store.getSummary(id) ?? []).map(withoutCounts),
      ),
    );
    // Snapshots and batches are numbered together: the snapshot was 1.
    expect(batches.map((batch) => batch.seq)).toEqual(batches.map((_, i) => i + 2));
    expect(batches.at(-1)?.stats.datagrams.accepted).toBe(run.length);
  });

  it("sends a new snapshot on subscribe, then only traces that match the filter", async () => {
    const target = await start();
    target.ingestDatagram(segmentDatagram(1, "checkout"));
    target.ingestDatagram(segmentDatagram(2, "billing"));
    const client = await connect(target);
    await client.expectNext("hello");
    await client.expectNext("snapshot");

    client.send({ type: "subscribe", filter: 'service("checkout")' });
    const snapshot = await client.expectNext("snapshot");
    expect(snapshot.filter).toBe('service("checkout")');
    expect(snapshot.summaries.map((summary) => summary.id)).toEqual([traceId(1)]);
    expect(snapshot.total).toBe(1);

    const marker = traceId(9);
    await sendDatagrams(target.udpAddress, [
      segmentDatagram(3, "billing"),
      segmentDatagram(4, "checkout"),
      segmentDatagram(5, "billing"),
      segmentDatagram(9, "checkout"),
    ]);
    const { upserted } = await batchesUntil(client, (seen) => seen.has(marker));
    expect([...upserted.keys()].sort()).toEqual([traceId(4), marker]);
  });

  it("answers an invalid filter with an error and keeps the subscription it had", async () => {
    const target = await start();
    const client = await connect(target);
    await client.expectNext("hello");
    await client.expectNext("snapshot");
    client.send({ type: "subscribe", filter: 'service("checkout")' });
    await client.expectNext("snapshot");

    client.send({ type: "subscribe", filter: "http.status >= " });
    const error = await client.expectNext("error");
    expect(error).toMatchObject({
      code: "INVALID_FILTER",
      filterError: { line: 1, column: 16, expected: expect.arrayContaining(["number"]) },
    });

    await sendDatagrams(target.udpAddress, [
      segmentDatagram(1, "billing"),
      segmentDatagram(2, "checkout"),
    ]);
    const { upserted } = await batchesUntil(client, (seen) => seen.size > 0);
    expect([...upserted.keys()]).toEqual([traceId(2)]);
  });

  it("answers ping with pong", async () => {
    const target = await start();
    const client = await connect(target);
    await client.expectNext("hello");
    await client.expectNext("snapshot");
    client.send({ type: "ping" });
    expect(await client.expectNext("pong")).toEqual({ type: "pong" });
  });

  it("reports evicted traces as removed", async () => {
    const target = await start({ maxTraces: 2 });
    target.ingestDatagram(segmentDatagram(1));
    target.ingestDatagram(segmentDatagram(2));
    const client = await connect(target);
    await client.expectNext("hello");
    expect((await client.expectNext("snapshot")).total).toBe(2);

    await sendDatagrams(target.udpAddress, [segmentDatagram(3)]);
    const { batches } = await batchesUntil(client, (_, read) =>
      read.some((batch) => batch.removed.length > 0),
    );
    expect(batches.flatMap((batch) => batch.removed)).toEqual([traceId(1)]);
    expect(batches.flatMap((batch) => batch.upserts.map((summary) => summary.id))).toEqual([
      traceId(3),
    ]);
  });

  it("sends cleared after DELETE /api/traces", async () => {
    const target = await start();
    target.ingestDatagram(segmentDatagram(1));
    const client = await connect(target);
    await client.expectNext("hello");
    await client.expectNext("snapshot");

    const response = await fetch(`${target.url}/api/traces`, { method: "DELETE" });
    expect(response.status).toBe(200);
    const { batches } = await batchesUntil(client, (_, read) =>
      read.some((batch) => batch.cleared),
    );
    expect(batches.at(-1)).toMatchObject({ cleared: true, upserts: [], removed: [] });
  });

  it("refuses a plain GET of the stream with 426", async () => {
    const target = await start();
    const response = await fetch(`${target.url}/api/live`);
    expect(response.status).toBe(426);
    expect(await response.json()).toMatchObject({ error: { code: "UPGRADE_REQUIRED" } });
  });

  it("keeps ingest and other clients going while one client does not read", async () => {
    const bounds = {
      maxBufferedBytes: 256 * 1024,
      maxUnackedBytes: 512 * 1024,
      maxPendingTraces: 5000,
      // Not what this test is about: a slow machine must not see the stalled client dropped.
      stallTimeoutMs: 10 * 60_000,
    };
    const count = 20_000;
    const target = await start({ maxTraces: count }, { liveBounds: bounds });
    const stalled = await connect(target);
    await stalled.expectNext("hello");
    await stalled.expectNext("snapshot");
    stalled.socket.pause();
    const reader = await connect(target);
    await reader.expectNext("hello");
    await reader.expectNext("snapshot");

    const payloads = Array.from({ length: count }, (_, n) => wideSegmentDatagram(n));
    const live: Array<{ queuedBytes: number; unackedBytes: number; pendingTraces: number }> = [];
    const readerDone = batchesUntil(reader, (seen) => seen.size === count);
    await sendPaced(target, payloads, async (batch) => {
      await sendDatagrams(target.udpAddress, batch);
      live.push(target.stats().live);
    });

    const stats = target.stats();
    expect(stats.datagrams).toMatchObject({ received: count, accepted: count, rejected: 0 });
    expect(stats.traces).toBe(count);
    const { upserted } = await readerDone;
    expect(upserted.size).toBe(count);

    // What the daemon holds for its clients stays bounded while the stalled one holds on.
    const largestBatch = reader.largestMessageBytes;
    const queueBound = 2 * (bounds.maxBufferedBytes + largestBatch);
    expect(Math.max(...live.map((sample) => sample.queuedBytes))).toBeLessThanOrEqual(queueBound);
    // Sent and not acknowledged: at most one batch past the bound, for each of the two.
    const unackedBound = 2 * (bounds.maxUnackedBytes + largestBatch);
    expect(Math.max(...live.map((sample) => sample.unackedBytes))).toBeLessThanOrEqual(
      unackedBound,
    );
    expect(Math.max(...live.map((sample) => sample.pendingTraces))).toBeLessThanOrEqual(
      3 * bounds.maxPendingTraces,
    );
    // Which bound holds the stalled client first depends on how often rounds run: its
    // queue, what it has not acknowledged (both bounded above), or the changes kept for it,
    // past which it is told to resync (below, once it reads again).
    stalled.socket.resume();
    const resync = await stalled.until((message) => message.type === "resync");
    expect(resync).toMatchObject({ reason: expect.stringMatching(/subscribe again/) });
    expect(target.stats().live).toMatchObject({ clients: 2, resyncsSent: 1, droppedClients: 0 });

    stalled.send({ type: "subscribe", filter: null });
    const snapshot = await stalled.until((message) => message.type === "snapshot");
    expect(snapshot).toMatchObject({ total: count });
  }, 60_000); // 20,000 datagrams and four clients: more than the default budget on a busy machine
});
