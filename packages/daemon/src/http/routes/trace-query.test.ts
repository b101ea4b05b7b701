import {
  epochMillis,
  parseDatagram,
  type TraceDistributionBody,
  type TraceQueryBody,
  TraceStore,
} from "@xray-sandbox/segments";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.ts";
import { errorHandler } from "../error-handler.ts";
import { traceQueryRoutes } from "./trace-query.ts";
import { tracesRoutes } from "./traces.ts";

const RECEIVED_AT = 1_700_000_000_000;

function traceId(n: number): string {
  return `1-6ab00000-${n.toString(16).padStart(24, "0")}`;
}

/** One segment per trace: trace n received n seconds after RECEIVED_AT. */
function storeWith(traces: readonly { responseTime: number; status?: number; name?: string }[]) {
  const store = new TraceStore({ maxTraces: 10_000, maxBytes: 1 << 26 });
  traces.forEach(({ responseTime, status = 200, name = "web" }, n) => {
    const start = 1_790_000_000 + n;
    const segment = {
      trace_id: traceId(n),
      id: n.toString(16).padStart(16, "0"),
      name,
      start_time: start,
      end_time: start + responseTime,
      http: { request: { method: "GET", url: `http://shop/orders/${n}` }, response: { status } },
      ...(status >= 500 ? { fault: true } : status >= 400 ? { error: true } : {}),
    };
    const bytes = new TextEncoder().encode(
      `{"format":"json","version":1}\n${JSON.stringify(segment)}`,
    );
    const parsed = parseDatagram(bytes);
    if (!parsed.ok) throw new Error(parsed.rejection.message);
    store.ingest(parsed.document, parsed.raw, bytes.length, epochMillis(RECEIVED_AT + n * 1000));
  });
  return store;
}

function appFor(store: TraceStore): Hono {
  const app = new Hono();
  app.route("/api", traceQueryRoutes({ store }));
  app.route("/api", tracesRoutes({ store }));
  app.onError(errorHandler(silentLogger()));
  return app;
}

async function get<T>(app: Hono, path: string, status = 200): Promise<T> {
  const response = await app.request(path);
  const body = (await response.json()) as T;
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body;
}

interface ErrorBody {
  error: { code: string; message: string };
}

describe("GET /api/traces/query", () => {
  // The slowest trace is the oldest: a list of the newest would not show it.
  const times = [9, ...Array.from({ length: 49 }, (_, i) => 0.01 * ((i % 7) + 1))];
  const app = appFor(storeWith(times.map((responseTime) => ({ responseTime }))));

  it("finds the slowest trace among every kept one, and counts the matches", async () => {
    const body = await get<TraceQueryBody>(app, "/api/traces/query?sort=responsetime&limit=3");
    expect(body.traces.map((trace) => trace.id)[0]).toBe(traceId(0));
    // Times are epoch seconds as floats: a response time is exact to about a microsecond.
    const rounded = body.traces.map((trace) => Number(trace.responseTime?.toFixed(4)));
    expect(rounded).toEqual([9, 0.07, 0.07]);
    expect(body).toMatchObject({ total: 50, scanned: 50, sort: "responsetime", order: "desc" });
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it("pages through every trace once with the cursor", async () => {
    const seen: string[] = [];
    let cursor = "";
    for (let pages = 0; pages < 20; pages++) {
      const body = await get<TraceQueryBody>(
        app,
        `/api/traces/query?sort=responsetime&order=asc&limit=7&cursor=${cursor}`,
      );
      seen.push(...body.traces.map((trace) => trace.id));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
    expect(seen.at(-1)).toBe(traceId(0));
  });

  it("narrows by received time (both ends included), response time and filter", async () => {
    const from = RECEIVED_AT + 10_000;
    const to = new Date(RECEIVED_AT + 12_000).toISOString();
    const range = await get<TraceQueryBody>(app, `/api/traces/query?from=${from}&to=${to}`);
    expect(range.traces.map((trace) => trace.id)).toEqual([traceId(12), traceId(11), traceId(10)]);
    const slow = await get<TraceQueryBody>(app, "/api/traces/query?minResponseTime=0.069");
    expect(slow.total).toBe(8);
    const filtered = await get<TraceQueryBody>(
      app,
      `/api/traces/query?filter=${encodeURIComponent("responsetime > 1")}`,
    );
    expect(filtered.traces.map((trace) => trace.id)).toEqual([traceId(0)]);
  });

  it("takes a time before now as -5m, -1h", async () => {
    // The traces were received in 2023: an hour back from now holds none of them.
    const recent = await get<TraceQueryBody>(app, "/api/traces/query?from=-1h");
    expect(recent.total).toBe(0);
    const since = Math.ceil((Date.now() - RECEIVED_AT) / 86_400_000) + 1;
    const all = await get<TraceQueryBody>(app, `/api/traces/query?from=-${since}d`);
    expect(all.total).toBe(50);
  });

  it("refuses every bad parameter with a message that names it", async () => {
    const cases: [string, string, RegExp][] = [
      ["sort=duration", "INVALID_PARAMETER", /sort must be one of received, responsetime/],
      ["order=up", "INVALID_PARAMETER", /order must be one of desc, asc/],
      ["limit=0", "INVALID_PARAMETER", /limit must be a whole number from 1 to 1000/],
      ["from=yesterday", "INVALID_PARAMETER", /from must be a time/],
      ["from=2000&to=1000", "INVALID_PARAMETER", /from .* is after to/],
      ["minResponseTime=-1", "INVALID_PARAMETER", /minResponseTime must be a number of seconds/],
      ["minResponseTime=2&maxResponseTime=1", "INVALID_PARAMETER", /is above maxResponseTime/],
      ["minDuration=1", "INVALID_PARAMETER", /"minDuration" is not a parameter/],
      ["cursor=nothex", "INVALID_CURSOR", /nextCursor of the previous page/],
      ["filter=responsetime%20%3E", "INVALID_FILTER", /./],
    ];
    for (const [query, code, message] of cases) {
      const body = await get<ErrorBody>(app, `/api/traces/query?${query}`, 400);
      expect(body.error.code, query).toBe(code);
      expect(body.error.message, query).toMatch(message);
    }
  });

  it("refuses a cursor from another sort, saying which", async () => {
    const first = await get<TraceQueryBody>(app, "/api/traces/query?sort=size&limit=2");
    const body = await get<ErrorBody>(
      app,
      `/api/traces/query?sort=status&limit=2&cursor=${first.nextCursor}`,
      400,
    );
    expect(body.error.message).toMatch(/sort=size&order=desc/);
  });

  it("leaves GET /api/traces/:id as it was", async () => {
    const body = await get<{ id: string }>(app, `/api/traces/${traceId(3)}`);
    expect(body.id).toBe(traceId(3));
  });
});

describe("GET /api/traces/distribution", () => {
  const times = Array.from({ length: 100 }, (_, n) => ({
    responseTime: (n + 1) / 100,
    status: n === 99 ? 503 : 200,
  }));
  const app = appFor(storeWith(times));

  it("gives bins, percentiles and scatter points of every matching trace", async () => {
    const body = await get<TraceDistributionBody>(app, "/api/traces/distribution?points=20");
    expect(body).toMatchObject({ total: 100, timed: 100, scanned: 100, scale: "log" });
    expect(body.percentiles?.p50).toBeCloseTo(0.5, 4);
    expect(body.percentiles?.p90).toBeCloseTo(0.9, 4);
    expect(body.percentiles?.p99).toBeCloseTo(0.99, 4);
    expect(body.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(100);
    expect(body.bins[0]?.from).toBeLessThanOrEqual(0.01);
    expect(body.bins.at(-1)?.to).toBeGreaterThanOrEqual(1);
    expect(body.points).toHaveLength(20);
    expect(body.pointsSampled).toBe(true);
    expect(body.points).toContainEqual(
      expect.objectContaining({ traceId: traceId(99), outcome: "fault" }),
    );
  });

  it("takes the selection of the query route", async () => {
    const body = await get<TraceDistributionBody>(
      app,
      "/api/traces/distribution?scale=linear&bins=10&minResponseTime=0.4999&maxResponseTime=0.5999",
    );
    expect(body.total).toBe(10);
    expect(body.bins.map((bin) => bin.count).reduce((a, b) => a + b, 0)).toBe(10);
    expect(body.min).toBeCloseTo(0.5, 4);
  });

  it("is empty, not an error, when nothing matches", async () => {
    const body = await get<TraceDistributionBody>(
      app,
      `/api/traces/distribution?from=${RECEIVED_AT + 1_000_000}`,
    );
    expect(body).toMatchObject({ total: 0, timed: 0, bins: [], points: [] });
    expect(body.percentiles).toBeUndefined();
  });

  it("refuses bad bins, scale and points", async () => {
    for (const [query, message] of [
      ["bins=0", /bins must be a whole number from 1 to 200/],
      ["scale=cubic", /scale must be one of log, linear/],
      ["points=9999999", /points must be a whole number from 0 to 5000/],
      ["sort=size", /"sort" is not a parameter/],
    ] as const) {
      const body = await get<ErrorBody>(app, `/api/traces/distribution?${query}`, 400);
      expect(body.error.message, query).toMatch(message);
    }
  });
});
