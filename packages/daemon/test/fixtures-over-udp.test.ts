import { fixtureDocument, fixtureTraceId, loadAllFixtures } from "@xray-sandbox/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import type { RejectionEntry } from "../src/rejection-log.ts";
import {
  fetchStats,
  getJson,
  startTestDaemon,
  traceId,
  waitForReceived,
} from "./support/daemon.ts";
import { sendDatagrams } from "./support/udp.ts";

const fixtures = loadAllFixtures();
const otlp = fixtures.filter((fixture) => fixture.run === "adot-otlp-udp");

/** `T1S` (sampled) or `T1U` (unsampled), the prefix of an OTLP datagram's body. */
function otlpPrefix(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes);
  return text.slice(text.indexOf("\n") + 1, text.indexOf("\n") + 4);
}
let daemon: Daemon;

beforeAll(async () => {
  daemon = await startTestDaemon();
  await sendDatagrams(
    daemon.udpAddress,
    fixtures.map((fixture) => fixture.bytes),
  );
  await waitForReceived(daemon, fixtures.length);
});

afterAll(() => daemon.close());

describe("every real SDK datagram over UDP", () => {
  it("is counted: every JSON segment and every ADOT OTLP datagram accepted", async () => {
    expect(otlp.map((fixture) => otlpPrefix(fixture.bytes))).toEqual(["T1S", "T1S", "T1U", "T1U"]);
    const stats = await fetchStats(daemon);
    expect(stats.datagrams).toMatchObject({
      received: fixtures.length,
      accepted: fixtures.length,
      rejected: 0,
      rejectedByReason: {},
      internalErrors: 0,
    });
    // run1/011, both of run7's documents and py-095/004 continue one upstream trace: 19
    // distinct trace ids from the X-Ray SDKs; the two sampled ADOT spans make one more.
    expect(stats.traces).toBe(20);
    expect(stats.evicted).toBe(0);
    expect(stats.udp).toEqual({
      address: `127.0.0.1:${daemon.udpAddress.port}`,
      receiveBufferBytes: daemon.receiveBufferBytes,
      kernelDrops: process.platform === "linux" ? 0 : null,
      queue: {
        queuedBytes: 0,
        peakQueuedBytes: expect.any(Number),
        maxBytes: 64 * 1024 * 1024,
        overflowDatagrams: 0,
        overflowBytes: 0,
      },
      workerRestarts: 0,
      lostInRestarts: 0,
    });
  });

  it("stores ADOT's sampled (T1S) spans as X-Ray documents and counts the unsampled (T1U) ones", async () => {
    const stats = await fetchStats(daemon);
    expect(stats.otlp.byTransport["otlp-udp"]).toEqual({
      requests: 4,
      refusedRequests: 0,
      spans: 4,
      storedSpans: 2,
      rejectedSpans: 0,
    });
    expect(stats.otlp.unsampled).toEqual({ spans: 2, kept: false });
    const body = await getJson<{ kept: number; rejections: RejectionEntry[] }>(
      daemon,
      "/api/rejected",
    );
    expect(body.kept).toBe(0);
  });

  it("assembles run2's parent with the subsegments streamed before it", () => {
    const parent = fixtureDocument("run2-streaming-default", "005.dgram");
    const trace = daemon.store.getTrace(
      traceId(fixtureTraceId("run2-streaming-default", "005.dgram")),
    );
    expect(trace?.orphans).toEqual([]);
    expect(trace?.segments).toHaveLength(1);
    const root = trace?.segments[0];
    expect(root?.document).toMatchObject({ id: parent.id, name: "sample-express" });
    const children = root?.children ?? [];
    expect(children).toHaveLength(105);
    expect(new Set(children.map((child) => child.document.name))).toEqual(
      new Set(Array.from({ length: 105 }, (_, i) => `sub-${i}`)),
    );
    const streamed = children
      .filter((child) => child.independent)
      .map((child) => child.document.name);
    expect(streamed.sort()).toEqual(["sub-0", "sub-1", "sub-2", "sub-3"]);
  });

  it("keeps run6's completed segment in place of its in-progress version", () => {
    const trace = daemon.store.getTrace(traceId(fixtureTraceId("run6-manual", "003.dgram")));
    expect(trace?.segments).toHaveLength(1);
    const segment = trace?.segments[0]?.document;
    expect(segment?.name).toBe("manual-svc");
    expect(segment?.in_progress).not.toBe(true);
    expect(segment?.end_time).toEqual(expect.any(Number));
  });

  it("keeps the fault and its cause from run1's /error request", () => {
    const segment = daemon.store.getTrace(traceId(fixtureTraceId("run1-basic", "004.dgram")))
      ?.segments[0]?.document;
    expect(segment).toMatchObject({
      fault: true,
      http: { response: { status: 500 } },
      cause: { exceptions: [expect.objectContaining({ message: "boom from /error" })] },
    });
  });

  it("joins the Python and Node segments that share an upstream trace id", () => {
    const trace = daemon.store.getTrace(traceId("1-5759e988-bd862e3fe1be46a994272793"));
    expect(trace?.segments.map((segment) => segment.document.name).sort()).toEqual([
      "flask-seed",
      "sample-downstream",
      "sample-express",
      "sample-express",
    ]);
  });
});
