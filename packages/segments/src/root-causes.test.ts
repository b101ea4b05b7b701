import { describe, expect, it } from "vitest";
import { assembleTrace } from "./assemble-trace.ts";
import type {
  IndependentSubsegmentDocument,
  SegmentDocument,
  SubsegmentDocument,
  TopLevelDocument,
} from "./document.ts";
import { documentIndex } from "./document-index.ts";
import {
  analyseRootCauses,
  MAX_ENTITY_PATH,
  MAX_ROOT_CAUSES,
  rootCauseNodes,
  type TraceRootCauses,
  traceRootCauses,
} from "./root-causes.ts";
import { epochMillis, epochSeconds, type SegmentId, type TraceId } from "./units.ts";

const TRACE = "1-6b080246-96730d51abf3c08e1122f59e" as TraceId;
const T0 = 1_780_000_000;
const sid = (hex: string): SegmentId => hex.padStart(16, "0") as SegmentId;

function segment(
  id: string,
  name: string,
  start: number,
  end: number,
  extra: Partial<SegmentDocument> = {},
): SegmentDocument {
  return {
    trace_id: TRACE,
    id: sid(id),
    name,
    start_time: epochSeconds(T0 + start),
    end_time: epochSeconds(T0 + end),
    ...extra,
  };
}

function sub(
  id: string,
  name: string,
  start: number,
  end: number,
  extra: Partial<SubsegmentDocument> = {},
): SubsegmentDocument {
  return {
    id: sid(id),
    name,
    start_time: epochSeconds(T0 + start),
    end_time: epochSeconds(T0 + end),
    ...extra,
  };
}

function assembled(documents: readonly TopLevelDocument[]) {
  const stored = documents.map((document, index) => ({
    document,
    index: documentIndex(document),
    raw: "",
    bytes: 100,
    receivedAt: epochMillis(5_000 + index),
    origin: undefined,
  }));
  return assembleTrace(TRACE, stored);
}

function rootCauses(documents: readonly TopLevelDocument[]): TraceRootCauses {
  return traceRootCauses(assembled(documents));
}

const exception = (type: string, message: string) => ({
  cause: { exceptions: [{ id: sid("e1"), type, message }] },
});

/** A frontend calls an orders backend, whose validation step throws (a 500 all the way up). */
const deepFault: TopLevelDocument[] = [
  segment("a", "web-frontend", 0, 1, {
    origin: "AWS::EC2::Instance",
    fault: true,
    aws: { account_id: "123456789012" },
    subsegments: [
      sub("a1", "render", 0, 0.1),
      sub("a2", "orders-api.internal", 0.1, 0.9, { namespace: "remote", fault: true }),
    ],
  }),
  segment("b", "orders-api", 0.11, 0.89, {
    origin: "AWS::ECS::Container",
    parent_id: sid("a2"),
    fault: true,
    subsegments: [
      sub("b1", "handler", 0.12, 0.88, {
        fault: true,
        subsegments: [
          sub("b2", "load", 0.12, 0.2),
          sub("b3", "validate", 0.2, 0.3, {
            fault: true,
            ...exception("ValidationError", "total is negative"),
          }),
        ],
      }),
    ],
  }),
];

/** A checkout service whose DynamoDB call is throttled; DynamoDB sends no segment. */
const throttledCall: TopLevelDocument[] = [
  segment("c", "checkout", 0, 0.5, {
    subsegments: [
      sub("c1", "DynamoDB", 0.1, 0.2, {
        namespace: "aws",
        error: true,
        throttle: true,
        aws: { operation: "PutItem", table_name: "carts" },
        ...exception("ProvisionedThroughputExceededException", "rate exceeded"),
      }),
    ],
  }),
];

/** A service that spends most of its second in one SQL query. */
const slowQuery: TopLevelDocument[] = [
  segment("d", "reports", 0, 1, {
    subsegments: [
      sub("d1", "auth", 0, 0.1),
      sub("d2", "orders@db.internal", 0.1, 0.8, {
        namespace: "remote",
        sql: { url: "postgresql://db.internal:5432/orders" },
      }),
      sub("d3", "render", 0.8, 0.95),
    ],
  }),
];

/** The root fails on its own; its subsegments went well. */
const rootFault: TopLevelDocument[] = [
  segment("e", "api", 0, 0.2, {
    fault: true,
    ...exception("Error", "out of memory"),
    subsegments: [sub("e1", "parse", 0, 0.05), sub("e2", "respond", 0.05, 0.2)],
  }),
];

const healthy: TopLevelDocument[] = [
  segment("f", "api", 0, 0.2, { subsegments: [sub("f1", "work", 0, 0.1)] }),
];

describe("traceRootCauses", () => {
  it("finds a fault deep in a downstream service, with its exception", () => {
    const causes = rootCauses(deepFault);
    expect(causes.FaultRootCauses).toEqual([
      {
        Services: [
          {
            Name: "web-frontend",
            Names: ["web-frontend"],
            Type: "AWS::EC2::Instance",
            AccountId: "123456789012",
            EntityPath: [
              { Name: "web-frontend", Exceptions: [], Remote: false },
              { Name: "orders-api.internal", Exceptions: [], Remote: true },
            ],
            Inferred: false,
          },
          {
            Name: "orders-api",
            Names: ["orders-api"],
            Type: "AWS::ECS::Container",
            EntityPath: [
              { Name: "orders-api", Exceptions: [], Remote: false },
              { Name: "handler", Exceptions: [], Remote: false },
              {
                Name: "validate",
                Exceptions: [{ Name: "ValidationError", Message: "total is negative" }],
                Remote: false,
              },
            ],
            Inferred: false,
          },
        ],
        ClientImpacting: true,
      },
    ]);
    expect(causes.ErrorRootCauses).toEqual([]);
  });

  it("gives the same answer whatever order the documents arrive in", () => {
    expect(rootCauses([...deepFault].reverse())).toEqual(rootCauses(deepFault));
  });

  it("ends an error at a remote call nothing answers in the inferred service", () => {
    const causes = rootCauses(throttledCall);
    expect(causes.FaultRootCauses).toEqual([]);
    expect(causes.ErrorRootCauses).toEqual([
      {
        Services: [
          {
            Name: "checkout",
            Names: ["checkout"],
            Type: "service",
            EntityPath: [
              { Name: "checkout", Exceptions: [], Remote: false },
              { Name: "DynamoDB", Exceptions: [], Remote: true },
            ],
            Inferred: false,
          },
          {
            Name: "carts",
            Names: ["carts"],
            Type: "AWS::DynamoDB::Table",
            EntityPath: [
              {
                Name: "carts",
                Exceptions: [
                  { Name: "ProvisionedThroughputExceededException", Message: "rate exceeded" },
                ],
                Remote: true,
              },
            ],
            Inferred: true,
          },
        ],
        ClientImpacting: false,
      },
    ]);
  });

  it("follows the longest child down to a slow database query", () => {
    const [cause, ...rest] = rootCauses(slowQuery).ResponseTimeRootCauses;
    expect(rest).toEqual([]);
    expect(cause?.ClientImpacting).toBe(true);
    const services = cause?.Services ?? [];
    expect(services.map(({ Name, Type, Inferred }) => ({ Name, Type, Inferred }))).toEqual([
      { Name: "reports", Type: "service", Inferred: false },
      { Name: "orders@db.internal", Type: "Database::SQL", Inferred: true },
    ]);
    const path = services.flatMap((service) => service.EntityPath);
    expect(path.map(({ Name, Remote }) => ({ Name, Remote }))).toEqual([
      { Name: "reports", Remote: false },
      { Name: "orders@db.internal", Remote: true },
      { Name: "orders@db.internal", Remote: true },
    ]);
    expect(path[0]?.Coverage).toBe(1);
    expect(path[1]?.Coverage).toBeCloseTo(0.7, 6);
    expect(path[2]?.Coverage).toBeCloseTo(0.7, 6);
  });

  it("descends into downstream segments for response time", () => {
    const [cause] = rootCauses(deepFault).ResponseTimeRootCauses;
    const names = cause?.Services.map((service) => ({
      service: service.Name,
      path: service.EntityPath.map((entity) => entity.Name),
    }));
    expect(names).toEqual([
      { service: "web-frontend", path: ["web-frontend", "orders-api.internal"] },
      { service: "orders-api", path: ["orders-api", "handler", "validate"] },
    ]);
    const coverages = cause?.Services.flatMap((s) => s.EntityPath.map((e) => e.Coverage)) ?? [];
    for (let i = 1; i < coverages.length; i++) {
      expect(coverages[i]).toBeLessThanOrEqual(coverages[i - 1] ?? 1);
      expect(coverages[i]).toBeGreaterThanOrEqual(0);
    }
  });

  it("puts a fault of the root alone on the root, impacting the client", () => {
    const causes = rootCauses(rootFault);
    expect(causes.FaultRootCauses).toEqual([
      {
        Services: [
          {
            Name: "api",
            Names: ["api"],
            Type: "service",
            EntityPath: [
              {
                Name: "api",
                Exceptions: [{ Name: "Error", Message: "out of memory" }],
                Remote: false,
              },
            ],
            Inferred: false,
          },
        ],
        ClientImpacting: true,
      },
    ]);
  });

  it("reports no fault or error root causes for a healthy trace", () => {
    const causes = rootCauses(healthy);
    expect(causes.FaultRootCauses).toEqual([]);
    expect(causes.ErrorRootCauses).toEqual([]);
    expect(causes.ResponseTimeRootCauses).toHaveLength(1);
  });

  it("reports nothing for a trace without segments", () => {
    const orphan: IndependentSubsegmentDocument = {
      ...sub("g1", "lost", 0, 1, { fault: true }),
      type: "subsegment",
      trace_id: TRACE,
      parent_id: sid("99"),
    };
    expect(rootCauses([orphan])).toEqual({
      FaultRootCauses: [],
      ErrorRootCauses: [],
      ResponseTimeRootCauses: [],
    });
  });

  it("gives one root cause per faulty branch, and looks up an exception given by id", () => {
    const causes = rootCauses([
      segment("h", "api", 0, 1, {
        fault: true,
        subsegments: [
          sub("h1", "first", 0, 0.5, { fault: true, ...exception("A", "first failed") }),
          sub("h2", "second", 0.5, 1, { fault: true, cause: sid("e1") }),
        ],
      }),
    ]);
    expect(causes.FaultRootCauses.map((cause) => cause.Services.at(-1)?.EntityPath.at(-1))).toEqual(
      [
        { Name: "first", Exceptions: [{ Name: "A", Message: "first failed" }], Remote: false },
        { Name: "second", Exceptions: [{ Name: "A", Message: "first failed" }], Remote: false },
      ],
    );
  });

  it(`lists at most ${MAX_ROOT_CAUSES} fault root causes and counts the rest`, () => {
    const subsegments = Array.from({ length: MAX_ROOT_CAUSES + 10 }, (_, i) =>
      sub(`100${i}`, `step-${i}`, 0, 0.1, { fault: true }),
    );
    const { causes, leftOut } = analyseRootCauses(
      assembled([segment("i", "api", 0, 1, { fault: true, subsegments })]),
    );
    expect(causes.FaultRootCauses).toHaveLength(MAX_ROOT_CAUSES);
    expect(causes.FaultRootCauses[0]?.Services[0]?.EntityPath.at(-1)?.Name).toBe("step-0");
    expect(leftOut).toBe(10);
  });

  it("walks a chain of 20,000 streamed subsegments without recursion, bounding its path", () => {
    const depth = 20_000;
    const documents: TopLevelDocument[] = [segment("1", "deep", 0, 1, { fault: true })];
    for (let i = 2; i <= depth + 1; i++) {
      documents.push({
        ...sub(i.toString(16), `level-${i}`, 0, 1, { fault: true }),
        type: "subsegment",
        trace_id: TRACE,
        parent_id: sid((i - 1).toString(16)),
      });
    }
    const { causes, entitiesLeftOut } = analyseRootCauses(assembled(documents));
    const entities = causes.FaultRootCauses[0]?.Services[0]?.EntityPath ?? [];
    const left = depth + 1 - (MAX_ENTITY_PATH - 1);
    expect(causes.FaultRootCauses).toHaveLength(1);
    expect(entities).toHaveLength(MAX_ENTITY_PATH);
    expect(entities.slice(0, 3).map((entity) => entity.Name)).toEqual([
      "deep",
      `… ${left} levels …`,
      `level-${depth + 1 - (MAX_ENTITY_PATH - 3)}`,
    ]);
    expect(entities.at(-1)?.Name).toBe(`level-${depth + 1}`);
    expect(entities.at(-1)?.Exceptions).toEqual([]);
    const timePath = causes.ResponseTimeRootCauses[0]?.Services[0]?.EntityPath ?? [];
    expect(timePath).toHaveLength(MAX_ENTITY_PATH);
    expect(timePath[1]).toEqual({ Name: `… ${left} levels …`, Coverage: 1, Remote: false });
    expect(entitiesLeftOut).toBe(2 * left);
  });

  it("stops at segments whose parent ids form a cycle", () => {
    const causes = rootCauses([
      segment("j", "one", 0, 1, {
        parent_id: sid("k1"),
        fault: true,
        subsegments: [sub("j1", "call-two", 0, 1, { namespace: "remote", fault: true })],
      }),
      segment("k", "two", 0.1, 0.9, {
        parent_id: sid("j1"),
        fault: true,
        subsegments: [sub("k1", "call-one", 0.1, 0.9, { namespace: "remote", fault: true })],
      }),
    ]);
    expect(causes.FaultRootCauses).toHaveLength(1);
    const services = causes.FaultRootCauses[0]?.Services.map((service) => service.Name);
    expect(services).toEqual(["one", "two", "call-one"]);
  });
});

describe("rootCauseNodes", () => {
  it("gives the nodes the fault and error root causes end at, in the same order", () => {
    const trace = assembled(deepFault);
    const nodes = rootCauseNodes(trace);
    const causes = traceRootCauses(trace);
    expect(nodes.faults).toHaveLength(causes.FaultRootCauses.length);
    const lastEntity = causes.FaultRootCauses[0]?.Services.at(-1)?.EntityPath.at(-1);
    expect(nodes.faults[0]?.document.name).toBe(lastEntity?.Name);
    expect(nodes.errors).toEqual([]);
  });
});
