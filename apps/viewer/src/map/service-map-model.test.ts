import {
  epochSeconds,
  type ServiceGraph,
  type ServiceGraphEdge,
  type ServiceGraphService,
  type ServiceGraphStatistics,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { toMapGraph } from "./service-map-model.ts";

function statistics(ok: number, fault: number, totalResponseTime: number): ServiceGraphStatistics {
  return {
    OkCount: ok,
    ErrorStatistics: { ThrottleCount: 0, OtherCount: 0, TotalCount: 0 },
    FaultStatistics: { OtherCount: fault, TotalCount: fault },
    TotalCount: ok + fault,
    TotalResponseTime: totalResponseTime,
  };
}

function edge(to: number, stats = statistics(1, 0, 0.1)): ServiceGraphEdge {
  return {
    ReferenceId: to,
    StartTime: epochSeconds(0),
    EndTime: epochSeconds(1),
    SummaryStatistics: stats,
    ResponseTimeHistogram: [],
    Aliases: [],
  };
}

function service(
  id: number,
  name: string,
  type: string,
  root: boolean,
  edges: ServiceGraphEdge[],
  stats = statistics(3, 1, 2),
): ServiceGraphService {
  return {
    ReferenceId: id,
    Name: name,
    Names: [name],
    Root: root,
    Type: type,
    State: "active",
    StartTime: epochSeconds(0),
    EndTime: epochSeconds(1),
    Edges: edges,
    SummaryStatistics: stats,
    DurationHistogram: [],
    ResponseTimeHistogram: [],
  };
}

const graph: ServiceGraph = {
  StartTime: epochSeconds(0),
  EndTime: epochSeconds(1),
  ContainsOldGroupVersions: false,
  Services: [
    service(0, "gateway", "service", true, [edge(1), edge(2, statistics(2, 2, 1))]),
    service(1, "orders", "AWS::EC2::Instance", false, [edge(3)]),
    service(2, "orders", "remote", false, []),
    service(3, "orders-db@db.internal", "Database::SQL", false, [], statistics(0, 0, 0)),
  ],
};

describe("toMapGraph", () => {
  const map = toMapGraph(graph);
  const byName = (name: string, type: string) =>
    map.services.find((s) => s.name === name && s.type === type);

  it("keeps one node per service with its average latency and request count", () => {
    expect(map.services.map((s) => s.id)).toEqual([
      "service|gateway",
      "AWS::EC2::Instance|orders",
      "remote|orders",
      "Database::SQL|orders-db@db.internal",
    ]);
    const gateway = byName("gateway", "service");
    expect(gateway?.root).toBe(true);
    expect(gateway?.statistics.requests).toBe(4);
    expect(gateway?.statistics.averageLatency).toBe(0.5);
    expect(byName("orders-db@db.internal", "Database::SQL")?.statistics.averageLatency).toBe(
      undefined,
    );
  });

  it("without the daemon's Inferred flag, takes leaves of types no segment has as inferred", () => {
    expect(byName("orders", "remote")?.inferred).toBe(true);
    expect(byName("orders-db@db.internal", "Database::SQL")?.inferred).toBe(true);
    expect(byName("orders", "AWS::EC2::Instance")?.inferred).toBe(false);
    expect(byName("gateway", "service")?.inferred).toBe(false);
  });

  it("follows the daemon's Inferred flag when the graph carries it", () => {
    const flagged = toMapGraph({
      ...graph,
      Services: [
        { ...service(0, "gateway", "service", true, [edge(1), edge(2)]), Inferred: false },
        { ...service(1, "billing", "AWS::AppRunner::Service", false, []), Inferred: false },
        { ...service(2, "billing", "remote", false, []), Inferred: true },
      ],
    });
    expect(flagged.services.map((s) => [s.id, s.inferred])).toEqual([
      ["service|gateway", false],
      ["AWS::AppRunner::Service|billing", false],
      ["remote|billing", true],
    ]);
  });

  it("filters by name, or by name and type when two services share the name", () => {
    expect(byName("gateway", "service")?.filter).toBe('service("gateway")');
    expect(byName("orders", "remote")?.filter).toBe('service(id(name: "orders", type: "remote"))');
  });

  it("connects edges to the right services, each with its own statistics and filter", () => {
    expect(map.edges.map((e) => [e.from, e.to])).toEqual([
      ["service|gateway", "AWS::EC2::Instance|orders"],
      ["service|gateway", "remote|orders"],
      ["AWS::EC2::Instance|orders", "Database::SQL|orders-db@db.internal"],
    ]);
    const toRemote = map.edges[1];
    expect(toRemote?.statistics.counts).toEqual({ ok: 2, error: 0, throttle: 0, fault: 2 });
    expect(toRemote?.filter).toBe('edge("gateway", id(name: "orders", type: "remote"))');
  });
});
