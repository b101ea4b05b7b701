/**
 * The first request after a start is traced, every time. The SDK's sampler lives as long as
 * its process, so each run starts a fresh backend process (and a fresh sandbox), probes
 * `/health` as a load balancer would, then makes one request and finds its trace. Without
 * the backend's local sampling rules the probe takes the SDK's one request of the second and
 * the request is traced one time in twenty.
 */

import { readFileSync } from "node:fs";
import { startSandbox } from "@xray-sandbox/testing";
import "@xray-sandbox/testing/vitest";
import { expect, it } from "vitest";
import { startBackend } from "./support/backend.ts";

const RULES = JSON.parse(readFileSync(new URL("../sampling-rules.json", import.meta.url), "utf8"));
const RUNS = 20;
/** Runs at once: each is a sandbox and a process that spends its start loading code. */
const CONCURRENT = 3;
/** The route under test does not call the notifications service: none is started. */
const NO_NOTIFICATIONS = "http://127.0.0.1:1";

async function firstRequestOfAFreshBackend(): Promise<void> {
  const sandbox = await startSandbox({ samplingRules: RULES });
  try {
    const backend = await startBackend(sandbox, { notificationsUrl: NO_NOTIFICATIONS });
    try {
      expect((await backend.call("/health", { traceHeader: null })).status).toBe(200);
      const answer = await backend.call("/api/activities/@andrewbrown", { traceHeader: null });
      expect(answer.status).toBe(200);
      const trace = await sandbox.waitForTrace(answer.traceId);
      expect(trace).toHaveSubsegment("UserData", {
        metadata: { default: { username: "andrewbrown" } },
      });
      // Sent before the request's segment over the same socket: it would be here by now.
      await sandbox.expectNoTrace('http.url ENDSWITH "/health"', { within: 0 });
    } finally {
      await backend.stop();
    }
  } finally {
    await sandbox.close();
  }
}

it(`traces the first request of a fresh backend process, ${RUNS} times out of ${RUNS}`, async () => {
  let next = 0;
  const worker = async () => {
    while (next < RUNS) {
      next += 1;
      await firstRequestOfAFreshBackend();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT }, worker));
}, 240_000);
