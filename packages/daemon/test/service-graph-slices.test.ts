import {
  buildServiceGraph,
  epochSeconds,
  type ServiceGraph,
  type ServiceGraphOptions,
  type TraceId,
} from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { fetchStats, startTestDaemon } from "./support/daemon.ts";
import { hex, traceId } from "./support/segments.ts";

const TRACES = 3_000;
/** On a 300 s boundary, so periods start at T0 + 300 k. */
const T0 = 1_780_000_200;
const PUT_BATCH = 1_000;

/** Trace n: `web-(n % 4)` calls `api` at T0 + n, whose own segment answers; every 7th faults. */
function documents(n: number): string[] {
  const start = T0 + n;
  const call = hex(0xca110000000 + n, 16);
  const fault = n % 7 === 0;
  return [
    JSON.stringify({
      name: `web-${n % 4}`,
      id: hex(0xabc0000000 + n, 16),
      trace_id: traceId(n),
      start_time: start,
      end_time: start + 0.5,
      http: { request: { method: "GET", url: `http://web/${n}` }, response: { status: 200 } },
      subsegments: [
        {
          name: "api",
          id: call,
          namespace: "remote",
          start_time: start + 0.1,
          end_time: start + 0.4,
          http: { request: { method: "GET", url: "http://api/" }, response: { status: 200 } },
        },
      ],
    }),
    JSON.stringify({
      name: "api",
      id: hex(0xa910000000 + n, 16),
      trace_id: traceId(n),
      parent_id: call,
      start_time: start + 0.15,
      end_time: start + 0.35,
      ...(fault ? { fault: true } : {}),
      http: { request: { method: "GET" }, response: { status: fault ? 500 : 200 } },
    }),
  ];
}

async function post(daemon: Daemon, path: string, body: unknown): Promise<Response> {
  return await fetch(`${daemon.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The graph as the store gave it before: every trace assembled, then walked in one go. */
function graphInOneGo(daemon: Daemon, options: ServiceGraphOptions): ServiceGraph {
  const traces = daemon.store.traceIds().flatMap((id) => daemon.store.getTrace(id) ?? []);
  return JSON.parse(JSON.stringify(buildServiceGraph(traces, options))) as ServiceGraph;
}

describe("GetServiceGraph over many traces", () => {
  let daemon: Daemon;

  beforeAll(async () => {
    daemon = await startTestDaemon({ maxTraces: 10_000 });
    for (let first = 0; first < TRACES; first += PUT_BATCH) {
      const batch = Array.from({ length: PUT_BATCH }, (_, k) => documents(first + k)).flat();
      const put = await post(daemon, "/TraceSegments", { TraceSegmentDocuments: batch });
      expect(put.status).toBe(200);
      expect(await put.json()).toEqual({ UnprocessedTraceSegments: [] });
    }
    expect(daemon.store.traceIds()).toHaveLength(TRACES);
  });

  afterAll(async () => {
    await daemon?.close();
  });

  it("answers health checks and timers while it builds the graph, and gives the same graph", async () => {
    const before = (await fetchStats(daemon)).filters;
    const window = { start: epochSeconds(T0), end: epochSeconds(T0 + TRACES) };
    let finished = false;
    // Turns of the event loop taken while the graph was being built (between its slices).
    let ticks = 0;
    const tick = () => {
      if (daemon.stats().filters.running > 0) ticks++;
      if (!finished) setImmediate(tick);
    };
    setImmediate(tick);
    const graph = post(daemon, "/ServiceGraph", { StartTime: window.start, EndTime: window.end })
      .then(async (response) => {
        expect(response.status).toBe(200);
        return (await response.json()) as ServiceGraph;
      })
      .finally(() => {
        finished = true;
      });
    let healthAnswers = 0;
    while (!finished) {
      const response = await fetch(`${daemon.url}/api/health`);
      expect(response.status).toBe(200);
      await response.body?.cancel();
      if (daemon.stats().filters.running > 0) healthAnswers++;
    }
    const body = await graph;
    const ticksBeforeAnswer = ticks;

    expect(body).toEqual(graphInOneGo(daemon, window));
    expect(body.Services.map((service) => service.Name)).toEqual([
      "web-0",
      "web-1",
      "web-2",
      "web-3",
      "api",
    ]);
    const api = body.Services.find((service) => service.Name === "api");
    expect(api?.SummaryStatistics.TotalCount).toBe(TRACES);
    expect(api?.SummaryStatistics.FaultStatistics.TotalCount).toBe(Math.ceil(TRACES / 7));

    const after = (await fetchStats(daemon)).filters;
    expect(after.scans - before.scans).toBe(1);
    expect(after.tracesScanned - before.tracesScanned).toBe(TRACES);
    expect(after.yields - before.yields).toBeGreaterThanOrEqual(3);
    expect(ticksBeforeAnswer).toBeGreaterThanOrEqual(3);
    expect(healthAnswers).toBeGreaterThanOrEqual(1);
    expect(after.running).toBe(0);
  });

  it("assembles only the traces active in the window, and gives the same graph", async () => {
    // Traces 1000 to 1100 start in the window; 999 (ending at T0 + 999.5) does not reach it.
    const window = { start: epochSeconds(T0 + 999.6), end: epochSeconds(T0 + 1_100) };
    const assembled = new Set<TraceId>();
    const getTrace = vi.spyOn(daemon.store, "getTrace");
    let body: ServiceGraph;
    try {
      const response = await post(daemon, "/ServiceGraph", {
        StartTime: window.start,
        EndTime: window.end,
      });
      expect(response.status).toBe(200);
      body = (await response.json()) as ServiceGraph;
      for (const [id] of getTrace.mock.calls) assembled.add(id);
    } finally {
      getTrace.mockRestore();
    }
    expect([...assembled].sort()).toEqual(
      Array.from({ length: 101 }, (_, k) => traceId(1_000 + k)).sort(),
    );
    expect(body).toEqual(graphInOneGo(daemon, window));
    expect(
      body.Services.find((service) => service.Name === "api")?.SummaryStatistics.TotalCount,
    ).toBe(101);
  });

  it("counts each period's traces in GetTimeSeriesServiceStatistics, in slices too", async () => {
    const before = (await fetchStats(daemon)).filters;
    const response = await post(daemon, "/TimeSeriesServiceStatistics", {
      StartTime: T0 + 600,
      EndTime: T0 + 1_800,
      Period: 300,
      EntitySelectorExpression: 'service("api")',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      TimeSeriesServiceStatistics: Array<{
        Timestamp: number;
        ServiceSummaryStatistics: { TotalCount: number; FaultStatistics: { TotalCount: number } };
      }>;
    };
    // Traces 600 to 1800 started in the range: 300 a period, and trace 1800 alone in the last.
    const faults = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => from + k).filter((n) => n % 7 === 0).length;
    expect(
      body.TimeSeriesServiceStatistics.map((entry) => [
        entry.Timestamp - T0,
        entry.ServiceSummaryStatistics.TotalCount,
        entry.ServiceSummaryStatistics.FaultStatistics.TotalCount,
      ]),
    ).toEqual([
      [600, 300, faults(600, 900)],
      [900, 300, faults(900, 1_200)],
      [1_200, 300, faults(1_200, 1_500)],
      [1_500, 300, faults(1_500, 1_800)],
      [1_800, 1, faults(1_800, 1_801)],
    ]);
    const after = (await fetchStats(daemon)).filters;
    expect(after.tracesScanned - before.tracesScanned).toBe(TRACES);
    expect(after.yields - before.yields).toBeGreaterThanOrEqual(1);
  });

  it("stops building a graph its client no longer waits for", async () => {
    const before = (await fetchStats(daemon)).filters;
    const controller = new AbortController();
    // The client gives up once the daemon has assembled the first traces of the graph.
    let assembled = 0;
    const original = daemon.store.getTrace.bind(daemon.store);
    const getTrace = vi.spyOn(daemon.store, "getTrace").mockImplementation((id) => {
      if (++assembled === 10) controller.abort();
      return original(id);
    });
    try {
      const call = fetch(`${daemon.url}/ServiceGraph`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ StartTime: T0, EndTime: T0 + TRACES }),
        signal: controller.signal,
      });
      await expect(call).rejects.toThrow();
      await vi.waitFor(() => expect(daemon.stats().filters.running).toBe(0), {
        timeout: 30_000,
        interval: 10,
      });
    } finally {
      getTrace.mockRestore();
    }
    const after = (await fetchStats(daemon)).filters;
    expect(after.scans - before.scans).toBe(1);
    expect(after.tracesScanned - before.tracesScanned).toBeLessThan(TRACES);
    // The daemon answers the next graph whole.
    const again = await post(daemon, "/ServiceGraph", { StartTime: T0, EndTime: T0 + TRACES });
    expect(again.status).toBe(200);
    const graph = (await again.json()) as ServiceGraph;
    expect(
      graph.Services.find((service) => service.Name === "api")?.SummaryStatistics.TotalCount,
    ).toBe(TRACES);
  });
});
