import { once } from "node:events";
import { createServer } from "node:net";
import { type Sandbox, startSandbox } from "@xray-sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTraffic } from "../src/traffic/run-traffic.ts";
import type { TrafficCounts } from "../src/traffic/traffic-counts.ts";
import { type Backend, startBackend } from "./support/backend.ts";

let sandbox: Sandbox;
let backend: Backend;

beforeAll(async () => {
  sandbox = await startSandbox();
  backend = await startBackend(sandbox);
});

afterAll(async () => {
  await backend?.stop();
  await sandbox?.close();
});

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

describe("runTraffic", () => {
  it("sends the requested number of requests and counts every answer by status", async () => {
    const progress: TrafficCounts[] = [];
    const result = await runTraffic({
      target: backend.url,
      rate: 200,
      requests: 40,
      seed: 5,
      onProgress: (counts) => progress.push(counts),
    });

    expect(result).toMatchObject({ ok: true, stoppedBy: "requests" });
    const { counts } = result;
    expect(counts).toMatchObject({ sent: 40, answered: 40, failed: 0 });
    expect(Object.values(counts.byStatus).reduce((sum, n) => sum + n, 0)).toBe(40);
    expect(progress).toHaveLength(40);
    expect(progress.at(-1)?.answered).toBe(40);

    for (const status of Object.keys(counts.byStatus)) {
      expect([200, 201, 400, 404, 429, 500, 502]).toContain(Number(status));
    }
  });

  it("fails at once, saying how to start the backend, when nothing answers", async () => {
    const target = `http://127.0.0.1:${await closedPort()}`;
    const result = await runTraffic({ target, rate: 10, requests: 5, seed: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(
      `cannot reach the backend at ${target} (connection refused). ` +
        "Start it with `pnpm --filter ./apps/sample-backend start`, or point --target at it.",
    );
    expect(result.counts.sent).toBe(0);
  });

  it("stops when its signal aborts, with what it sent so far", async () => {
    const stop = new AbortController();
    const result = await runTraffic({
      target: backend.url,
      rate: 50,
      seed: 2,
      signal: stop.signal,
      onProgress: (counts) => {
        if (counts.answered === 5) stop.abort();
      },
    });
    expect(result).toMatchObject({ ok: true, stoppedBy: "signal" });
    expect(result.counts.answered).toBeGreaterThanOrEqual(5);
    expect(result.counts.failed).toBe(0);
  });
});
