import { epochMillis, type TraceStore } from "@xray-sandbox/segments";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { DatagramHandler } from "./datagram-handler.ts";
import { RejectionLog } from "./rejection-log.ts";

const encoder = new TextEncoder();
const HEADER = '{"format":"json","version":1}\n';
const BODY =
  '{"name":"svc","id":"70de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1478293361.271,"end_time":1478293361.449}';

function setup(ingest: TraceStore["ingest"]) {
  const logged: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "info" },
    { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const rejections = new RejectionLog(10);
  const handler = new DatagramHandler({
    store: { ingest },
    rejections,
    logger,
    now: () => epochMillis(1_700_000_000_000),
  });
  return { handler, rejections, logged };
}

const noopOutcome = () => ({ traceId: "x", created: true, replaced: false, evicted: [] });

describe("DatagramHandler", () => {
  it("stores an accepted document with the body's size and the receive time", () => {
    const calls: unknown[][] = [];
    const { handler } = setup(((...args: unknown[]) => {
      calls.push(args);
      return noopOutcome();
    }) as unknown as TraceStore["ingest"]);
    const bytes = encoder.encode(HEADER + BODY);
    handler.handle(bytes, "127.0.0.1", 40000);
    expect(calls).toHaveLength(1);
    const [document, raw, size, receivedAt] = calls[0] ?? [];
    expect(document).toMatchObject({ name: "svc", id: "70de5b6f19ff9a0a" });
    expect(raw).toBe(BODY);
    expect(size).toBe(encoder.encode(BODY).byteLength);
    expect(receivedAt).toBe(1_700_000_000_000);
    expect(handler.counts()).toEqual({
      received: 1,
      accepted: 1,
      rejected: 0,
      bytesReceived: bytes.byteLength,
      internalErrors: 0,
    });
  });

  it("records a rejected datagram with its sender and reason", () => {
    const { handler, rejections } = setup(noopOutcome as unknown as TraceStore["ingest"]);
    handler.handle(encoder.encode(`${HEADER}{not json`), "10.1.2.3", 5555);
    handler.handle(encoder.encode("no newline at all"), "::1", 6666);
    expect(handler.counts()).toMatchObject({ received: 2, accepted: 0, rejected: 2 });
    expect(rejections.byReason()).toEqual({ "not-json": 1, "no-separator": 1 });
    expect(rejections.entries().map((entry) => entry.from)).toEqual([
      "[::1]:6666",
      "10.1.2.3:5555",
    ]);
  });

  it("counts a throw as internal-error, keeps going, and logs each kind once", () => {
    let calls = 0;
    const { handler, rejections, logged } = setup(() => {
      calls++;
      throw new RangeError(calls <= 2 ? "store exploded" : "another failure");
    });
    const bytes = encoder.encode(HEADER + BODY);
    expect(() => {
      for (let i = 0; i < 3; i++) handler.handle(bytes, "127.0.0.1", 1);
    }).not.toThrow();
    expect(handler.counts()).toMatchObject({
      received: 3,
      accepted: 0,
      rejected: 3,
      internalErrors: 3,
    });
    expect(rejections.byReason()).toEqual({ "internal-error": 3 });
    expect(rejections.entries()[0]?.message).toBe("RangeError: another failure");
    expect(logged.map((line) => line.msg)).toEqual([
      expect.stringContaining("RangeError: store exploded"),
      expect.stringContaining("RangeError: another failure"),
    ]);
  });

  it("labels a datagram handed over in-process (port 0) by its label alone", () => {
    const { handler, rejections } = setup(noopOutcome as unknown as TraceStore["ingest"]);
    handler.handle(encoder.encode("junk"), "in-process", 0);
    expect(rejections.entries()[0]?.from).toBe("in-process");
  });
});
