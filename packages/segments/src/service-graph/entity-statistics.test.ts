import { describe, expect, it } from "vitest";
import { epochSeconds } from "../units.ts";
import { entityStatistics, parseEntitySelector } from "./entity-statistics.ts";
import type {
  ServiceGraph,
  ServiceGraphService,
  ServiceGraphStatistics,
} from "./service-graph-types.ts";

describe("parseEntitySelector", () => {
  it.each([
    ["", { kind: "clients" }],
    ['service("api")', { kind: "service", name: "api" }],
    [' service( "a \\"b\\"" ) ', { kind: "service", name: 'a "b"' }],
    [
      'service(id(name: "api", type: "AWS::EC2::Instance"))',
      { kind: "service", name: "api", type: "AWS::EC2::Instance" },
    ],
    ['id(name: "api")', { kind: "service", name: "api" }],
    ['edge("api", "db")', { kind: "edge", from: "api", to: "db" }],
  ])("reads %j", (text, selector) => {
    expect(parseEntitySelector(text)).toEqual({ ok: true, selector });
  });

  it.each(["service(api)", "annotation.x = 1", 'edge("a")', 'service("a") AND fault'])(
    "refuses %j",
    (text) => {
      const result = parseEntitySelector(text);
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.message).toContain('edge("caller", "callee")');
    },
  );
});

function statistics(ok: number, faults: number): ServiceGraphStatistics {
  return {
    OkCount: ok,
    ErrorStatistics: { ThrottleCount: 0, OtherCount: 0, TotalCount: 0 },
    FaultStatistics: { OtherCount: faults, TotalCount: faults },
    TotalCount: ok + faults,
    TotalResponseTime: (ok + faults) * 0.1,
  };
}

function service(
  id: number,
  name: string,
  type: string,
  root: boolean,
  edges: ServiceGraphService["Edges"] = [],
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
    SummaryStatistics: statistics(id + 1, 1),
    DurationHistogram: [],
    ResponseTimeHistogram: [{ Value: 0.1, Count: id + 2 }],
  };
}

const graph: ServiceGraph = {
  StartTime: epochSeconds(0),
  EndTime: epochSeconds(1),
  ContainsOldGroupVersions: false,
  Services: [
    service(0, "api", "AWS::EC2::Instance", true, [
      {
        ReferenceId: 2,
        StartTime: epochSeconds(0),
        EndTime: epochSeconds(1),
        SummaryStatistics: statistics(5, 0),
        ResponseTimeHistogram: [{ Value: 0.05, Count: 5 }],
        Aliases: [],
      },
    ]),
    service(1, "api", "AWS::Lambda", true),
    service(2, "db", "remote", false),
  ],
};

describe("entityStatistics", () => {
  it("sums a service over its types, or takes one type", () => {
    expect(entityStatistics(graph, { kind: "service", name: "api" })).toMatchObject({
      kind: "service",
      statistics: { OkCount: 3, TotalCount: 5, FaultStatistics: { TotalCount: 2 } },
      histogram: [{ Value: 0.1, Count: 5 }],
    });
    expect(
      entityStatistics(graph, { kind: "service", name: "api", type: "AWS::Lambda" }).statistics
        .TotalCount,
    ).toBe(3);
  });

  it("takes an edge by the names at its ends, and the roots for the clients", () => {
    expect(entityStatistics(graph, { kind: "edge", from: "api", to: "db" })).toMatchObject({
      kind: "edge",
      statistics: { OkCount: 5, TotalCount: 5 },
      histogram: [{ Value: 0.05, Count: 5 }],
    });
    expect(entityStatistics(graph, { kind: "clients" }).statistics.TotalCount).toBe(5);
  });

  it("gives zeros for an entity the graph does not have", () => {
    expect(entityStatistics(graph, { kind: "edge", from: "db", to: "api" })).toMatchObject({
      statistics: { TotalCount: 0, OkCount: 0, TotalResponseTime: 0 },
      histogram: [],
    });
  });
});
