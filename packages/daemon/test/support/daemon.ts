import { isTraceId, type TraceId, type TraceNode } from "@xray-sandbox/segments";
import { expect, vi } from "vitest";
import type { Daemon, DaemonOptions } from "../../src/daemon.ts";
import { startDaemon } from "../../src/daemon.ts";
import { silentLogger } from "../../src/logger.ts";
import type { DaemonStats } from "../../src/stats.ts";

/** A daemon on loopback with free ports and no log output. */
export function startTestDaemon(
  config: Parameters<typeof startDaemon>[0] = {},
  options: Omit<DaemonOptions, "logger"> = {},
): Promise<Daemon> {
  return startDaemon(
    { udp: { host: "127.0.0.1", port: 0 }, tcp: { host: "127.0.0.1", port: 0 }, ...config },
    { logger: silentLogger(), ...options },
  );
}

/** Resolves once the daemon has counted `count` datagrams. */
export async function waitForReceived(daemon: Daemon, count: number): Promise<void> {
  await vi.waitFor(() => expect(daemon.stats().datagrams.received).toBe(count), {
    timeout: 10_000,
    interval: 10,
  });
}

export async function getJson<T>(daemon: Daemon, path: string): Promise<T> {
  const response = await fetch(`${daemon.url}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

export function fetchStats(daemon: Daemon): Promise<DaemonStats> {
  return getJson<DaemonStats>(daemon, "/api/stats");
}

export function traceId(text: string): TraceId {
  if (!isTraceId(text)) throw new Error(`not a trace id: ${text}`);
  return text;
}

/** Depth-first search of an assembled tree by node name. */
export function findNode(nodes: readonly TraceNode[], name: string): TraceNode | undefined {
  for (const node of nodes) {
    if (node.document.name === name) return node;
    const found = findNode(node.children, name);
    if (found) return found;
  }
  return undefined;
}

const BATCH_BYTES = 1024 * 1024;
const BATCH_DATAGRAMS = 200;

/**
 * Sends datagrams over UDP in batches, waiting for the daemon to count each batch before
 * sending the next, so that no test depends on the kernel queue absorbing a whole corpus.
 */
export async function sendPaced(
  daemon: Daemon,
  payloads: readonly Uint8Array[],
  send: (batch: readonly Uint8Array[]) => Promise<unknown>,
): Promise<void> {
  let expected = daemon.stats().datagrams.received;
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await send(batch);
    expected += batch.length;
    await waitForReceived(daemon, expected);
    batch = [];
    batchBytes = 0;
  };
  for (const payload of payloads) {
    if (batchBytes + payload.byteLength > BATCH_BYTES || batch.length === BATCH_DATAGRAMS) {
      await flush();
    }
    batch.push(payload);
    batchBytes += payload.byteLength;
  }
  await flush();
}
