import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datagram, requestSegment } from "../test/support/segments.ts";
import { sendDatagrams } from "../test/support/udp.ts";
import { InvalidFilterError, SandboxApiError } from "./errors.ts";
import { type Sandbox, startSandbox } from "./start-sandbox.ts";

let sandbox: Sandbox;

/** 30 requests to /orders, the slowest (3 s) sent first, and one 500 to /pay. */
beforeAll(async () => {
  sandbox = await startSandbox();
  const documents = Array.from({ length: 30 }, (_, n) => {
    const segment = requestSegment({ path: "/orders", status: 200 });
    const start = segment.start_time as number;
    return { ...segment, end_time: start + (n === 0 ? 3 : 0.01 + n / 1000) };
  });
  const fault = requestSegment({ path: "/pay", status: 500, extra: { fault: true } });
  await sendDatagrams(sandbox.udpAddress, [...documents, fault].map(datagram));
  await sandbox.waitForTraces("", { count: 31 });
});
afterAll(() => sandbox.close());

describe("sandbox.queryTraces", () => {
  it("gives the slowest request of a route first, among every kept trace", async () => {
    const page = await sandbox.queryTraces({
      sort: "responsetime",
      filter: 'http.url CONTAINS "/orders"',
      limit: 5,
    });
    expect(page.total).toBe(30);
    expect(page.traces).toHaveLength(5);
    expect(page.traces[0]?.responseTime).toBeCloseTo(3, 3);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it("pages on with nextCursor, every trace once", async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sandbox.queryTraces({
        sort: "responsetime",
        order: "asc",
        limit: 8,
        cursor,
      });
      ids.push(...page.traces.map((trace) => trace.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(ids).toHaveLength(31);
    expect(new Set(ids).size).toBe(31);
  });

  it("takes a time range as Dates and response-time bounds in seconds", async () => {
    const future = await sandbox.queryTraces({ from: new Date(Date.now() + 60_000) });
    expect(future.total).toBe(0);
    const slow = await sandbox.queryTraces({ minResponseTime: 1, to: new Date(Date.now() + 1000) });
    expect(slow.total).toBe(1);
  });

  it("rejects a bad filter with InvalidFilterError and a bad option with the daemon's message", async () => {
    await expect(sandbox.queryTraces({ filter: "responsetime >" })).rejects.toBeInstanceOf(
      InvalidFilterError,
    );
    const error = await sandbox.queryTraces({ limit: 5000 }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(SandboxApiError);
    expect((error as SandboxApiError).message).toMatch(
      /limit must be a whole number from 1 to 1000/,
    );
  });
});

describe("sandbox.latency", () => {
  it("gives percentiles, bins and points of the selection", async () => {
    const latency = await sandbox.latency({ filter: 'http.url CONTAINS "/orders"', points: 10 });
    expect(latency.timed).toBe(30);
    expect(latency.max).toBeCloseTo(3, 3);
    expect(latency.percentiles?.p50).toBeCloseTo(0.025, 2);
    expect(latency.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(30);
    expect(latency.points).toHaveLength(10);
    expect(latency.points.some((point) => point.responseTime > 2)).toBe(true);
  });

  it("colours the 500 as a fault", async () => {
    const latency = await sandbox.latency({ filter: "fault" });
    expect(latency.points.map((point) => point.outcome)).toEqual(["fault"]);
  });
});
