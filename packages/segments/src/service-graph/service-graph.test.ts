import { fixtureDocument, loadFixtureRun } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import type { SegmentDocument } from "../document.ts";
import {
  MULTI_SERVICE,
  type MultiServiceTraceOptions,
  multiServiceDocuments,
  multiServiceTrace,
  traceOf,
  tracesFromDatagrams,
} from "../test-support/multi-service.ts";
import { epochSeconds } from "../units.ts";
import { histogramBucket } from "./histogram.ts";
import { buildServiceGraph } from "./service-graph.ts";
import type { ServiceGraph, ServiceGraphService } from "./service-graph-types.ts";

const START = 1795687000;

interface Named {
  readonly name: string;
  readonly type: string;
}

function serviceOf(graph: ServiceGraph, { name, type }: Named): ServiceGraphService {
  const found = graph.Services.find((s) => s.Name === name && s.Type === type);
  if (found === undefined) throw new Error(`no service ${type} ${name}`);
  return found;
}

function edgeOf(graph: ServiceGraph, from: Named, to: Named) {
  const callee = serviceOf(graph, to).ReferenceId;
  const found = serviceOf(graph, from).Edges.find((e) => e.ReferenceId === callee);
  if (found === undefined) throw new Error(`no edge ${from.name} -> ${to.name}`);
  return found;
}

/** How long the first subsegment of a captured segment (its outgoing call) took. */
function callDuration(segment: ReturnType<typeof fixtureDocument>): number {
  const call = segment.subsegments?.[0];
  return (call?.end_time ?? Number.NaN) - (call?.start_time ?? Number.NaN);
}

function counts(statistics: ServiceGraphService["SummaryStatistics"]) {
  return {
    ok: statistics.OkCount,
    error: statistics.ErrorStatistics.OtherCount,
    throttle: statistics.ErrorStatistics.ThrottleCount,
    errors: statistics.ErrorStatistics.TotalCount,
    fault: statistics.FaultStatistics.TotalCount,
    total: statistics.TotalCount,
  };
}

const { frontend, backend, dynamo, sql, payments } = MULTI_SERVICE;

const variants: MultiServiceTraceOptions[] = [
  { seq: 1, start: START },
  { seq: 2, start: START + 10, backend: "4xx" },
  { seq: 3, start: START + 20, backend: "429", dynamo: "429" },
  { seq: 4, start: START + 30, backend: "5xx", sql: "4xx", payments: "5xx" },
];

describe("buildServiceGraph over multi-service traces", () => {
  const graph = buildServiceGraph(variants.map(multiServiceTrace));

  it("lists each service once, the root first, then by name", () => {
    expect(
      graph.Services.map(({ ReferenceId, Name, Names, Type, Root, State }) => ({
        ReferenceId,
        Name,
        Names,
        Type,
        Root,
        State,
      })),
    ).toEqual(
      [frontend, dynamo, backend, sql, payments].map((service, index) => ({
        ReferenceId: index,
        Name: service.name,
        Names: [service.name],
        Type: service.type,
        Root: service === frontend,
        State: "active",
      })),
    );
  });

  it("flags the services known only from their callers' subsegments as inferred", () => {
    const inferred = (service: Named) => serviceOf(graph, service).Inferred;
    expect([frontend, backend].map(inferred)).toEqual([false, false]);
    expect([dynamo, sql, payments].map(inferred)).toEqual([true, true, true]);
  });

  it("points every edge at the ReferenceId of its callee", () => {
    const callees = (from: Named) =>
      serviceOf(graph, from).Edges.map(
        (e) => graph.Services.find((s) => s.ReferenceId === e.ReferenceId)?.Name,
      );
    expect(callees(frontend)).toEqual([backend.name]);
    expect(callees(backend)).toEqual([dynamo.name, sql.name, payments.name]);
    for (const leaf of [dynamo, sql, payments]) expect(callees(leaf)).toEqual([]);
    expect(serviceOf(graph, backend).Edges.every((e) => e.Aliases.length === 0)).toBe(true);
  });

  it("counts ok, error, throttle and fault per service, a throttle being an error too", () => {
    const oneOfEach = { ok: 1, error: 1, throttle: 1, errors: 2, fault: 1, total: 4 };
    expect(counts(serviceOf(graph, frontend).SummaryStatistics)).toEqual(oneOfEach);
    expect(counts(serviceOf(graph, backend).SummaryStatistics)).toEqual(oneOfEach);
    const none = { ok: 4, error: 0, throttle: 0, errors: 0, fault: 0, total: 4 };
    expect(counts(serviceOf(graph, dynamo).SummaryStatistics)).toEqual({
      ...none,
      ok: 3,
      throttle: 1,
      errors: 1,
    });
    expect(counts(serviceOf(graph, sql).SummaryStatistics)).toEqual({
      ...none,
      ok: 3,
      error: 1,
      errors: 1,
    });
    expect(counts(serviceOf(graph, payments).SummaryStatistics)).toEqual({
      ...none,
      ok: 3,
      fault: 1,
    });
  });

  it("counts the calls on each edge", () => {
    expect(counts(edgeOf(graph, frontend, backend).SummaryStatistics)).toEqual({
      ok: 1,
      error: 1,
      throttle: 1,
      errors: 2,
      fault: 1,
      total: 4,
    });
    expect(counts(edgeOf(graph, backend, payments).SummaryStatistics)).toMatchObject({
      ok: 3,
      fault: 1,
      total: 4,
    });
  });

  it("sums response times: the service's own for nodes, the caller's view for edges", () => {
    expect(serviceOf(graph, frontend).SummaryStatistics.TotalResponseTime).toBeCloseTo(0.4, 6);
    expect(serviceOf(graph, backend).SummaryStatistics.TotalResponseTime).toBeCloseTo(0.24, 6);
    expect(serviceOf(graph, dynamo).SummaryStatistics.TotalResponseTime).toBeCloseTo(0.04, 6);
    expect(edgeOf(graph, frontend, backend).SummaryStatistics.TotalResponseTime).toBeCloseTo(
      4 * 0.064,
      6,
    );
  });

  it("gives response time and trace duration histograms", () => {
    expect(serviceOf(graph, backend).ResponseTimeHistogram).toEqual([{ Value: 0.06, Count: 4 }]);
    expect(serviceOf(graph, backend).DurationHistogram).toEqual([{ Value: 0.1, Count: 4 }]);
    expect(edgeOf(graph, frontend, backend).ResponseTimeHistogram).toEqual([
      { Value: 0.064, Count: 4 },
    ]);
    expect(serviceOf(graph, payments).ResponseTimeHistogram).toEqual([{ Value: 0.015, Count: 4 }]);
  });

  it("spans the graph, services and edges over their traces", () => {
    expect(graph.StartTime).toBe(START);
    expect(graph.EndTime).toBeCloseTo(START + 30.1, 6);
    expect(serviceOf(graph, backend).StartTime).toBeCloseTo(START + 0.007, 6);
    expect(serviceOf(graph, backend).EndTime).toBeCloseTo(START + 30.067, 6);
    expect(edgeOf(graph, frontend, backend).StartTime).toBeCloseTo(START + 0.005, 6);
    expect(graph.ContainsOldGroupVersions).toBe(false);
  });

  it("does not depend on the order of the traces", () => {
    expect(buildServiceGraph(variants.map(multiServiceTrace).reverse())).toEqual(graph);
  });
});

describe("buildServiceGraph", () => {
  it("buckets response times that differ", () => {
    const graph = buildServiceGraph(
      [0.05, 0.0504, 0.12].map((seconds, seq) =>
        multiServiceTrace({
          seq,
          start: START + seq,
          latency: { backend: seconds, frontend: 0.2 },
        }),
      ),
    );
    expect(serviceOf(graph, backend).ResponseTimeHistogram).toEqual([
      { Value: 0.05, Count: 2 },
      { Value: 0.12, Count: 1 },
    ]);
  });

  it("gives exact p50, p90 and p99 response times per service and per edge", () => {
    const latencies = Array.from({ length: 20 }, (_, index) => 0.01 * (index + 1));
    const graph = buildServiceGraph(
      latencies.map((seconds, seq) =>
        multiServiceTrace({ seq, start: START + seq, latency: { backend: seconds, frontend: 1 } }),
      ),
    );
    const percentiles = serviceOf(graph, backend).ResponseTimePercentiles;
    expect(percentiles?.P50).toBeCloseTo(0.1, 6);
    expect(percentiles?.P90).toBeCloseTo(0.18, 6);
    expect(percentiles?.P99).toBeCloseTo(0.2, 6);
    const call = edgeOf(graph, frontend, backend).ResponseTimePercentiles;
    // The frontend's call lasts the backend's time plus the network both ways.
    expect(call?.P50).toBeCloseTo(0.1 + 2 * 0.002, 6);
    expect(call?.P99).toBeCloseTo(0.2 + 2 * 0.002, 6);
  });

  it("has no percentiles for a service whose requests are all in progress", () => {
    const [front, back] = multiServiceDocuments({ seq: 1, start: START });
    if (front === undefined || back === undefined) throw new Error("two documents");
    const open: SegmentDocument = {
      ...(back as SegmentDocument),
      end_time: undefined,
      in_progress: true,
    };
    const graph = buildServiceGraph([traceOf([front, open])]);
    expect(serviceOf(graph, backend).ResponseTimePercentiles).toBeUndefined();
    expect(serviceOf(graph, frontend).ResponseTimePercentiles).toBeDefined();
  });

  it("leaves out traces outside the time window", () => {
    const traces = [0, 100, 200].map((offset, seq) =>
      multiServiceTrace({ seq, start: START + offset, backend: seq === 1 ? "5xx" : "ok" }),
    );
    const window = { start: epochSeconds(START + 50), end: epochSeconds(START + 150) };
    const graph = buildServiceGraph(traces, window);
    expect(counts(serviceOf(graph, frontend).SummaryStatistics)).toMatchObject({
      total: 1,
      fault: 1,
    });
    expect([graph.StartTime, graph.EndTime]).toEqual([window.start, window.end]);
    expect(buildServiceGraph(traces, { start: epochSeconds(START + 300) }).Services).toEqual([]);
    expect(buildServiceGraph(traces, { end: epochSeconds(START - 1) }).Services).toEqual([]);
  });

  it("keeps a trace that overlaps the window's edge", () => {
    const trace = multiServiceTrace({ seq: 1, start: START });
    const inside = buildServiceGraph([trace], { start: epochSeconds(START + 0.05) });
    expect(counts(serviceOf(inside, frontend).SummaryStatistics).total).toBe(1);
    const after = buildServiceGraph([trace], { start: epochSeconds(START + 0.2) });
    expect(after.Services).toEqual([]);
  });

  it("shows a service still in progress without counting it", () => {
    const [front, back] = multiServiceDocuments({ seq: 1, start: START });
    if (front === undefined || back === undefined) throw new Error("two documents");
    const open: SegmentDocument = {
      ...(back as SegmentDocument),
      end_time: undefined,
      in_progress: true,
    };
    const graph = buildServiceGraph([traceOf([front, open])]);
    expect(counts(serviceOf(graph, backend).SummaryStatistics).total).toBe(0);
    expect(counts(serviceOf(graph, frontend).SummaryStatistics).total).toBe(1);
    expect(counts(edgeOf(graph, backend, dynamo).SummaryStatistics).total).toBe(1);
  });

  it("is empty without traces", () => {
    expect(buildServiceGraph([])).toEqual({
      StartTime: 0,
      EndTime: 0,
      Services: [],
      ContainsOldGroupVersions: false,
    });
  });
});

describe("buildServiceGraph on real SDK output", () => {
  it("counts run1's requests and its calls to the remote host", () => {
    const graph = buildServiceGraph(
      tracesFromDatagrams(loadFixtureRun("run1-basic").map((d) => d.bytes)),
    );
    const app = { name: "sample-express", type: "service" };
    const remote = { name: "127.0.0.1", type: "remote" };
    expect(graph.Services.map((s) => [s.ReferenceId, s.Name, s.Type, s.Root])).toEqual([
      [0, app.name, app.type, true],
      [1, remote.name, remote.type, false],
    ]);
    expect(counts(serviceOf(graph, app).SummaryStatistics)).toEqual({
      ok: 7,
      error: 1,
      throttle: 1,
      errors: 2,
      fault: 3,
      total: 12,
    });
    const calls = edgeOf(graph, app, remote);
    expect(counts(calls.SummaryStatistics)).toMatchObject({ ok: 1, fault: 2, total: 3 });
    // The calls of /outgoing, /outgoing-fail and /outgoing-refused, as their callers timed them.
    const durations = ["007.dgram", "008.dgram", "009.dgram"].map((file) =>
      callDuration(fixtureDocument("run1-basic", file)),
    );
    expect(calls.SummaryStatistics.TotalResponseTime).toBeCloseTo(
      durations.reduce((sum, duration) => sum + duration, 0),
      6,
    );
    const buckets = new Map<number, number>();
    for (const duration of durations) {
      const bucket = histogramBucket(duration);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
    expect(calls.ResponseTimeHistogram).toEqual(
      [...buckets].sort(([a], [b]) => a - b).map(([Value, Count]) => ({ Value, Count })),
    );
  });

  it("draws run7's outgoing call to the traced downstream service", () => {
    const graph = buildServiceGraph(
      tracesFromDatagrams(loadFixtureRun("run7-outgoing-header").map((d) => d.bytes)),
    );
    const app = { name: "sample-express", type: "service" };
    const downstream = { name: "sample-downstream", type: "service" };
    expect(graph.Services.map((s) => [s.Name, s.Type, s.Root, s.Inferred])).toEqual([
      [app.name, app.type, true, false],
      [downstream.name, downstream.type, false, false],
    ]);
    const calls = edgeOf(graph, app, downstream);
    expect(counts(calls.SummaryStatistics)).toMatchObject({ ok: 1, total: 1 });
    expect(calls.SummaryStatistics.TotalResponseTime).toBeCloseTo(
      callDuration(fixtureDocument("run7-outgoing-header", "002.dgram")),
      6,
    );
  });
});
