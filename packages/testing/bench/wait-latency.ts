/**
 * `pnpm bench:waits`: how long after a datagram reaches the daemon a wait for its trace
 * resolves, over the live stream (settled and not) and, for comparison, by polling the HTTP
 * API every 25 ms as the waits did before. One trace at a time; each wait is listening
 * before its datagram is sent, at a random moment in the next 100 ms. Measures, never fails
 * on a number.
 *
 *   pnpm bench:waits [--traces 200] [--quiet 150]
 */

import { createSocket } from "node:dgram";
import { loadavg } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { parseArgs } from "node:util";
import { NODE_SDK_FIELDS, newSegmentId, newTraceId, sdkDatagram } from "@xray-sandbox/fixtures";
import { LIVE_BATCH_INTERVAL_MS } from "@xray-sandbox/segments";
import { connectSandbox, type SandboxClient, startSandbox } from "../src/index.ts";

const WARMUP = 20;
const POLL_INTERVAL_MS = 25;

interface Sample {
  /** Milliseconds from the datagram's arrival at the daemon to the wait resolving. */
  readonly latency: number;
  /** HTTP requests the wait made. */
  readonly requests: number;
}

type Scenario = (traceId: string, send: () => void) => Promise<Sample>;

const { values } = parseArgs({
  options: {
    traces: { type: "string", default: "200" },
    quiet: { type: "string", default: "150" },
  },
});
const traces = Number(values.traces);
const quiet = Number(values.quiet);
if (!(Number.isInteger(traces) && traces > 0) || !(Number.isFinite(quiet) && quiet >= 0)) {
  process.stderr.write(
    "bench:waits: --traces takes a whole number > 0, --quiet milliseconds ≥ 0\n",
  );
  process.exit(2);
}

const sandbox = await startSandbox();
const udp = createSocket("udp4");
const [udpHost, udpPort] = [
  sandbox.udpAddress.slice(0, sandbox.udpAddress.lastIndexOf(":")),
  Number(sandbox.udpAddress.slice(sandbox.udpAddress.lastIndexOf(":") + 1)),
];

/** Counts the HTTP requests a client makes, and tells when the next trace query is answered. */
function countingFetch() {
  let requests = 0;
  let answered: (() => void) | undefined;
  const fetchFunction: typeof fetch = async (input, init) => {
    requests += 1;
    const response = await fetch(input, init);
    if (new URL(String(input)).pathname === "/api/traces") answered?.();
    return response;
  };
  return {
    fetch: fetchFunction,
    /** Zeroes the count; resolves when the next `/api/traces` request has been answered. */
    next(): Promise<void> {
      requests = 0;
      return new Promise<void>((resolve) => {
        answered = resolve;
      });
    },
    requests: () => requests,
  };
}

function sendTrace(traceId: string): void {
  const start = Date.now() / 1000;
  const document = {
    trace_id: traceId,
    id: newSegmentId(),
    name: "bench-service",
    start_time: start,
    end_time: start + 0.01,
    ...NODE_SDK_FIELDS,
    http: {
      request: { method: "GET", url: "http://127.0.0.1:3000/user" },
      response: { status: 200 },
    },
  };
  udp.send(sdkDatagram(document), udpPort, udpHost);
}

/**
 * Waits through one handle, as a test suite makes them; each datagram goes out once its
 * wait's first read has been answered, so the trace reaches the wait over the live stream.
 */
async function liveScenario(settle: boolean): Promise<Scenario> {
  const counter = countingFetch();
  const client: SandboxClient = await connectSandbox(sandbox.url, { fetch: counter.fetch, quiet });
  return async (traceId, send) => {
    const firstRead = counter.next();
    const waiting = client.waitForTrace(traceId, { settle, timeout: 10_000 });
    void firstRead.then(send);
    const trace = await waiting;
    return { latency: Date.now() - trace.summary.lastReceivedAt, requests: counter.requests() };
  };
}

/** The waits as they were: `GET /api/traces?filter=<id>` every 25 ms until the trace is there. */
const pollingScenario: Scenario = async (traceId, send) => {
  let requests = 0;
  for (;;) {
    requests += 1;
    const response = await fetch(
      `${sandbox.url}/api/traces?${new URLSearchParams({ filter: traceId, expand: "true" })}`,
    );
    const body = (await response.json()) as {
      traces: { summary: { lastReceivedAt: number } }[];
    };
    const found = body.traces[0];
    if (found) return { latency: Date.now() - found.summary.lastReceivedAt, requests };
    if (requests === 1) send();
    await delay(POLL_INTERVAL_MS);
  }
};

async function measure(name: string, scenario: Scenario): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let index = 0; index < WARMUP + traces; index += 1) {
    const traceId = newTraceId();
    // At a random moment: arrivals fall anywhere in the daemon's live batch interval and in
    // the polling interval, as a service's requests do.
    const send = () =>
      void delay(Math.random() * LIVE_BATCH_INTERVAL_MS).then(() => sendTrace(traceId));
    const sample = await scenario(traceId, send);
    if (index >= WARMUP) samples.push(sample);
    if (index % 50 === 0) process.stderr.write(`${name}: ${index}/${WARMUP + traces}\n`);
  }
  await sandbox.reset();
  return samples;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function row(name: string, samples: readonly Sample[]): string {
  const latencies = samples.map((sample) => sample.latency).sort((a, b) => a - b);
  const requests = samples.reduce((sum, sample) => sum + sample.requests, 0) / samples.length;
  const cells = [50, 90, 99].map((p) => `${percentile(latencies, p)} ms`);
  return `| ${name} | ${samples.length} | ${cells.join(" | ")} | ${latencies.at(-1)} ms | ${requests.toFixed(1)} |`;
}

const loadBefore = loadavg()[0] ?? 0;
const results: [string, Sample[]][] = [];
for (const [name, scenario] of [
  ["live stream, `settle: false`", await liveScenario(false)],
  [`live stream, settled (quiet ${quiet} ms)`, await liveScenario(true)],
  [`polling every ${POLL_INTERVAL_MS} ms (before)`, pollingScenario],
] as const) {
  results.push([name, await measure(name, scenario)]);
}
const loadAfter = loadavg()[0] ?? 0;

udp.close();
await sandbox.close();

process.stdout.write(
  [
    `Traces: ${traces} per row (after ${WARMUP} not counted), one at a time; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`,
    "",
    "| wait | traces | p50 | p90 | p99 | max | HTTP requests per wait |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(([name, samples]) => row(name, samples)),
    "",
  ].join("\n"),
);
