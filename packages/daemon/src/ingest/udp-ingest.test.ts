import { spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { afterEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../logger.ts";
import { MAX_ENTRY_BYTES } from "./scanned-batch.ts";
import { startUdpIngest, type UdpIngest, type UdpIngestTuning } from "./udp-ingest.ts";

/**
 * Sends `count` datagrams of `size` bytes to a port from another process, then waits until
 * the receiving socket's kernel queue is empty (`rx_queue` in /proc/net/udp): run with
 * spawnSync, it shows the datagrams were read while this thread could do nothing at all.
 * Datagram n is a segment named `n` in one of ten traces.
 */
const SENDER = `
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
const [port, count, size] = process.argv.slice(1).map(Number);
const socket = createSocket("udp4");
const hex = (n, width) => n.toString(16).padStart(width, "0");
for (let n = 0; n < count; n++) {
  const document = JSON.stringify({
    name: String(n),
    id: hex(n + 1, 16),
    trace_id: "1-5f000000-" + hex(n % 10, 24),
    start_time: 1600000000 + n,
    end_time: 1600000001 + n,
    pad: "",
  });
  const text = '{"format":"json","version":1}\\n' + document;
  const padded = text.replace('"pad":""', '"pad":"' + "x".repeat(Math.max(0, size - text.length)) + '"');
  await new Promise((resolve, reject) =>
    socket.send(padded, port, "127.0.0.1", (error) => (error ? reject(error) : resolve())),
  );
}
socket.close();
const deadline = Date.now() + 60000;
for (;;) {
  const line = readFileSync("/proc/net/udp", "utf8").split("\\n").slice(1)
    .map((row) => row.trim().split(/\\s+/))
    .find((columns) => Number.parseInt(columns[1]?.split(":")[1] ?? "", 16) === port);
  if (line === undefined) process.exit(2);
  if (Number.parseInt(line[4].split(":")[1], 16) === 0) break;
  if (Date.now() > deadline) process.exit(3);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
`;

/** Blocks this thread while another process sends; true once the worker read them all. */
function sendWhileBlocked(port: number, count: number, size: number): boolean {
  const result = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", SENDER, String(port), String(count), String(size)],
    { stdio: ["ignore", "ignore", "inherit"], timeout: 120_000 },
  );
  return result.status === 0;
}

const running: UdpIngest[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((ingest) => ingest.close()));
});

async function start(tuning: Partial<UdpIngestTuning> = {}) {
  const applied: string[] = [];
  const rejected: string[] = [];
  const ingest = await startUdpIngest({
    bind: { host: "127.0.0.1", port: 0 },
    logger: silentLogger(),
    tuning,
    reader: {
      accepted: (index) => applied.push(index.name),
      rejected: (_datagram, reason) => rejected.push(reason),
      otlp: () => rejected.push("otlp"),
    },
  });
  running.push(ingest);
  return { ingest, applied, rejected };
}

const inOrder = (count: number): string[] => Array.from({ length: count }, (_, n) => String(n));

describe.runIf(process.platform === "linux")("UDP receive in a worker thread", () => {
  it("drains the socket while the main thread is blocked, then applies every datagram in order", async () => {
    const { ingest, applied, rejected } = await start();
    const count = 2_000;
    expect(sendWhileBlocked(ingest.address.port, count, 500)).toBe(true);
    expect(applied).toHaveLength(0);
    await vi.waitFor(() => expect(applied).toHaveLength(count), { timeout: 30_000 });
    expect(applied).toEqual(inOrder(count));
    expect(rejected).toEqual([]);
    const stats = ingest.stats();
    // Everything was read while this thread was blocked, so all of it waited in the worker.
    expect(stats.queue.peakQueuedBytes).toBe(count * 500);
    expect(stats.queue).toMatchObject({ queuedBytes: 0, overflowDatagrams: 0 });
    expect(stats.kernelDrops).toBe(0);
  });

  it("applies everything the worker received before close() resolves", async () => {
    const { ingest, applied } = await start();
    const count = 1_500;
    expect(sendWhileBlocked(ingest.address.port, count, 700)).toBe(true);
    await ingest.close();
    expect(applied).toEqual(inOrder(count));
  });

  it("turns datagrams away past the queue's bound and counts them", async () => {
    const { ingest, applied } = await start({
      maxQueueBytes: 2 * MAX_ENTRY_BYTES,
      batchBytes: MAX_ENTRY_BYTES,
      maxInFlight: 1,
    });
    const count = 600;
    expect(sendWhileBlocked(ingest.address.port, count, 1_000)).toBe(true);
    await vi.waitFor(
      () => expect(applied.length + ingest.stats().queue.overflowDatagrams).toBe(count),
      { timeout: 30_000 },
    );
    const { queue, kernelDrops } = ingest.stats();
    expect(queue.overflowDatagrams).toBeGreaterThan(0);
    expect(queue.overflowBytes).toBe(queue.overflowDatagrams * 1_000);
    expect(applied).toEqual(inOrder(applied.length));
    expect(kernelDrops).toBe(0);
  });

  it("restarts a failed worker on the same port and counts what it held", async () => {
    const { ingest, applied } = await start({ maxInFlight: 1 });
    const { port } = ingest.address;
    const count = 2_000;
    expect(sendWhileBlocked(port, count, 1_000)).toBe(true);
    await ingest.terminateWorker();
    await vi.waitFor(() => expect(ingest.stats().workerRestarts).toBe(1));
    const { lostInRestarts } = ingest.stats();
    expect(lostInRestarts).toBeGreaterThan(0);
    expect(applied.length + lostInRestarts).toBe(count);
    expect(applied).toEqual(inOrder(applied.length));

    // The new worker listens on the same port.
    const socket = createSocket("udp4");
    try {
      const datagram = `{"format":"json","version":1}\n${JSON.stringify({
        name: "after",
        id: "00000000000000ff",
        trace_id: "1-5f000000-0000000000000000000000ff",
        start_time: 1,
        end_time: 2,
      })}`;
      await vi.waitFor(
        async () => {
          await new Promise<void>((resolve) =>
            socket.send(datagram, port, "127.0.0.1", () => resolve()),
          );
          expect(applied).toContain("after");
        },
        { timeout: 30_000, interval: 100 },
      );
    } finally {
      socket.close();
    }
    expect(ingest.address.port).toBe(port);
  });
});
