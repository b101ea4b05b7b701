/**
 * ADOT's OTLP-over-UDP datagrams (`T1S`/`T1U`) on the daemon's UDP port, as captured and
 * altered the ways they go wrong: each is stored or refused with a specific reason.
 */

import { loadFixtureRun } from "@xray-sandbox/fixtures";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import type { RejectionEntry } from "../src/rejection-log.ts";
import { fetchStats, getJson, startTestDaemon, waitForReceived } from "./support/daemon.ts";
import { sendDatagrams } from "./support/udp.ts";

const captures = loadFixtureRun("adot-otlp-udp");
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function parts(bytes: Uint8Array): { header: string; prefix: string; base64: string } {
  const text = decoder.decode(bytes);
  const newline = text.indexOf("\n");
  return {
    header: text.slice(0, newline),
    prefix: text.slice(newline + 1, newline + 4),
    base64: text.slice(newline + 4),
  };
}

const sampled = captures.find((capture) => parts(capture.bytes).prefix === "T1S");
if (sampled === undefined) throw new Error("the ADOT captures hold no T1S datagram");
const { base64 } = parts(sampled.bytes);

let daemon: Daemon;
beforeEach(async () => {
  daemon = await startTestDaemon();
});
afterEach(() => daemon.close());

async function send(datagrams: readonly string[]): Promise<void> {
  await sendDatagrams(
    daemon.udpAddress,
    datagrams.map((text) => encoder.encode(text)),
  );
  await waitForReceived(daemon, datagrams.length);
}

async function rejections(): Promise<RejectionEntry[]> {
  return (await getJson<{ rejections: RejectionEntry[] }>(daemon, "/api/rejected")).rejections;
}

describe("ADOT OTLP datagrams over UDP", () => {
  it("stores a captured T1S datagram byte for byte, and the same spans under ADOT Java's spaced header", async () => {
    await sendDatagrams(daemon.udpAddress, [sampled.bytes]);
    await waitForReceived(daemon, 1);
    const first = await fetchStats(daemon);
    expect(first.otlp.byTransport["otlp-udp"]).toMatchObject({ requests: 1, rejectedSpans: 0 });
    expect(first.otlp.byTransport["otlp-udp"].storedSpans).toBeGreaterThan(0);
    const documents = first.documents;

    await sendDatagrams(daemon.udpAddress, [
      encoder.encode(`{"format": "json", "version": 1}\nT1S${base64}`),
    ]);
    await waitForReceived(daemon, 1 + documents);
    const second = await fetchStats(daemon);
    expect(second.otlp.byTransport["otlp-udp"].requests).toBe(2);
    // The same spans again: the store already holds every document.
    expect(second.documents).toBe(documents);
    expect(second.datagrams.rejected).toBe(0);
  });

  it("counts T1U spans without storing them", async () => {
    await send([`{"format":"json","version":1}\nT1U${base64}`]);
    const stats = await fetchStats(daemon);
    expect(stats.documents).toBe(0);
    expect(stats.otlp.unsampled).toEqual({ spans: expect.any(Number), kept: false });
    expect(stats.otlp.unsampled.spans).toBeGreaterThan(0);
    expect(stats.datagrams).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it("refuses a datagram cut short, and valid base64 of bytes that are not a trace request, each with its reason", async () => {
    const garbage = Buffer.from([0x0a, 0x05, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]).toString(
      "base64",
    );
    await send([
      `{"format":"json","version":1}\nT1S${base64.slice(0, 101)}`,
      `{"format":"json","version":1}\nT1S${garbage}`,
    ]);
    const stats = await fetchStats(daemon);
    expect(stats.documents).toBe(0);
    expect(stats.datagrams.rejectedByReason).toEqual({
      "otlp-bad-base64": 1,
      "otlp-bad-protobuf": 1,
    });
    expect(stats.otlp.byTransport["otlp-udp"]).toMatchObject({ requests: 2, refusedRequests: 2 });
    const [protobuf, cut] = await rejections();
    expect(cut?.message).toMatch(
      /^the T1S body is not base64 \(101 characters, not a multiple of 4\)/,
    );
    expect(protobuf?.message).toMatch(
      /^the body is not a protobuf ExportTraceServiceRequest \(.+\)$/,
    );
  });
});

describe("OTLP payloads inside PutTraceSegments", () => {
  it("stores a T1S entry and reports a bad one as unprocessed", async () => {
    const response = await fetch(`${daemon.url}/TraceSegments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ TraceSegmentDocuments: [`T1S${base64}`, "T1S@@@@"] }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      UnprocessedTraceSegments: { ErrorCode: string; Message: string }[];
    };
    expect(body.UnprocessedTraceSegments).toHaveLength(1);
    expect(body.UnprocessedTraceSegments[0]?.Message).toMatch(/not base64/);
    const stats = await fetchStats(daemon);
    expect(stats.otlp.byTransport["put-trace-segments"]).toMatchObject({
      requests: 2,
      refusedRequests: 1,
    });
    expect(stats.documents).toBeGreaterThan(0);
  });
});
