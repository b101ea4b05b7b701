import { fixtureDocument, loadFixtureRun } from "@xray-sandbox/fixtures";
import { describe, expect, it } from "vitest";
import type { SegmentDocument, SubsegmentDocument } from "../document.ts";
import {
  MULTI_SERVICE,
  multiServiceDocuments,
  traceOf,
  tracesFromDatagrams,
} from "../test-support/multi-service.ts";
import type { TraceNode } from "../trace.ts";
import { epochSeconds, type SegmentId, type TraceId } from "../units.ts";
import { type TraceServiceMap, traceServiceMap } from "./trace-service-map.ts";

const key = (service: { name: string; type: string }): string => `${service.type}|${service.name}`;
const ids = (nodes: readonly TraceNode[]): string[] => nodes.map((node) => node.document.id);
const edgeKeys = (map: TraceServiceMap): string[][] => map.edges.map((e) => [e.from, e.to]);

describe("traceServiceMap on a multi-service trace", () => {
  const documents = multiServiceDocuments({ seq: 1, start: 1795687000 });
  const backendDoc = documents[1];
  const map = traceServiceMap(traceOf(documents));
  const node = (service: { name: string; type: string }) =>
    map.nodes.find((candidate) => candidate.key === key(service));

  it("has a node per service, typed by origin or by what the call reached", () => {
    expect(
      map.nodes.map(({ name, type, inferred, root }) => ({ name, type, inferred, root })),
    ).toEqual([
      { ...MULTI_SERVICE.frontend, inferred: false, root: true },
      { ...MULTI_SERVICE.backend, inferred: false, root: false },
      { ...MULTI_SERVICE.dynamo, inferred: true, root: false },
      { ...MULTI_SERVICE.sql, inferred: true, root: false },
      { ...MULTI_SERVICE.payments, inferred: true, root: false },
    ]);
  });

  it("keeps the segments behind real services and the subsegments behind inferred ones", () => {
    expect(node(MULTI_SERVICE.frontend)?.nodes.map((n) => n.kind)).toEqual(["segment"]);
    expect(ids(node(MULTI_SERVICE.backend)?.nodes ?? [])).toEqual([backendDoc?.id]);
    expect(node(MULTI_SERVICE.dynamo)?.nodes.map((n) => n.document.name)).toEqual(["DynamoDB"]);
  });

  it("draws the HTTP call answered by a downstream segment as an edge, not a remote node", () => {
    expect(map.nodes.some((n) => n.name === "orders-api.internal")).toBe(false);
    const edge = map.edges.find((e) => e.to === key(MULTI_SERVICE.backend));
    expect(edge?.from).toBe(key(MULTI_SERVICE.frontend));
    expect(ids(edge?.nodes ?? [])).toEqual([backendDoc?.parent_id, backendDoc?.id]);
  });

  it("draws an edge from the backend to each thing it called, and none for local work", () => {
    expect(edgeKeys(map)).toEqual([
      [key(MULTI_SERVICE.frontend), key(MULTI_SERVICE.backend)],
      [key(MULTI_SERVICE.backend), key(MULTI_SERVICE.dynamo)],
      [key(MULTI_SERVICE.backend), key(MULTI_SERVICE.sql)],
      [key(MULTI_SERVICE.backend), key(MULTI_SERVICE.payments)],
    ]);
    expect(map.edges.every((e) => e.nodes.every((n) => n.document.name !== "validate-order"))).toBe(
      true,
    );
  });

  it("infers a remote node for the call while the backend's segment is missing", () => {
    const alone = traceServiceMap(traceOf(documents.slice(0, 1)));
    expect(alone.nodes.map(({ name, type, inferred }) => ({ name, type, inferred }))).toEqual([
      { ...MULTI_SERVICE.frontend, inferred: false },
      { name: "orders-api.internal", type: "remote", inferred: true },
    ]);
    expect(edgeKeys(alone)).toEqual([[key(MULTI_SERVICE.frontend), "remote|orders-api.internal"]]);
  });
});

const TRACE = "1-6b080246-96730d51abf3c08e1122f59e" as TraceId;
const sid = (n: number): SegmentId => n.toString(16).padStart(16, "0") as SegmentId;
const at = (offset: number) => epochSeconds(1795686982 + offset);

function segment(n: number, name: string, fields: Partial<SegmentDocument> = {}): SegmentDocument {
  return { trace_id: TRACE, id: sid(n), name, start_time: at(0), end_time: at(1), ...fields };
}

function sub(
  n: number,
  name: string,
  fields: Partial<SubsegmentDocument> = {},
): SubsegmentDocument {
  return { id: sid(n), name, start_time: at(0.1), end_time: at(0.2), ...fields };
}

describe("traceServiceMap", () => {
  it("calls a service without origin a `service` and merges calls to one host", () => {
    const http = (url: string) => ({ request: { url } });
    const map = traceServiceMap(
      traceOf([
        segment(1, "shop", {
          subsegments: [
            sub(2, "api", { namespace: "remote", http: http("https://api.example.com/a") }),
            sub(3, "api", { namespace: "remote", http: http("https://api.example.com/b") }),
          ],
        }),
      ]),
    );
    expect(map.nodes.map((n) => [n.key, n.nodes.length])).toEqual([
      ["service|shop", 1],
      ["remote|api.example.com", 2],
    ]);
    expect(map.edges.map((e) => [e.from, e.to, ids(e.nodes)])).toEqual([
      ["service|shop", "remote|api.example.com", [sid(2), sid(3)]],
    ]);
  });

  it("finds calls nested in local subsegments but not the subsegments of a call", () => {
    const map = traceServiceMap(
      traceOf([
        segment(1, "shop", {
          subsegments: [
            sub(2, "checkout", {
              subsegments: [
                sub(3, "S3", {
                  namespace: "aws",
                  aws: { bucket_name: "invoices" },
                  subsegments: [sub(4, "attempt", { namespace: "remote" })],
                }),
              ],
            }),
          ],
        }),
      ]),
    );
    expect(map.nodes.map((n) => n.key)).toEqual(["service|shop", "AWS::S3::Bucket|invoices"]);
    expect(map.edges.map((e) => ids(e.nodes))).toEqual([[sid(3)]]);
  });

  it("draws an edge when a segment's parent is another segment", () => {
    const map = traceServiceMap(
      traceOf([
        segment(1, "gateway"),
        segment(2, "worker", { parent_id: sid(1), start_time: at(0.5) }),
      ]),
    );
    expect(map.nodes.map((n) => [n.key, n.root])).toEqual([
      ["service|gateway", true],
      ["service|worker", false],
    ]);
    expect(map.edges.map((e) => [e.from, e.to, ids(e.nodes)])).toEqual([
      ["service|gateway", "service|worker", [sid(2)]],
    ]);
  });

  it("makes a segment whose caller is not in the trace a root", () => {
    const map = traceServiceMap(traceOf([segment(1, "api", { parent_id: sid(99) })]));
    expect(map.nodes.map((n) => [n.key, n.root])).toEqual([["service|api", true]]);
    expect(map.edges).toEqual([]);
  });

  it("gives one node to several segments of one service", () => {
    const map = traceServiceMap(
      traceOf([
        segment(1, "api", { subsegments: [sub(2, "self", { namespace: "remote" })] }),
        segment(3, "api", { parent_id: sid(2), start_time: at(0.15) }),
      ]),
    );
    expect(map.nodes.map((n) => [n.key, ids(n.nodes)])).toEqual([
      ["service|api", [sid(1), sid(3)]],
    ]);
    expect(map.edges.map((e) => [e.from, e.to])).toEqual([["service|api", "service|api"]]);
  });
});

describe("traceServiceMap on real SDK output", () => {
  it("infers the remote host called in run1 and keeps other traces to one service", () => {
    const maps = tracesFromDatagrams(loadFixtureRun("run1-basic").map((d) => d.bytes)).map(
      traceServiceMap,
    );
    expect(maps).toHaveLength(12);
    const withCalls = maps.filter((map) => map.edges.length > 0);
    expect(withCalls).toHaveLength(3);
    for (const map of withCalls) {
      expect(map.nodes.map(({ key, inferred, root }) => ({ key, inferred, root }))).toEqual([
        { key: "service|sample-express", inferred: false, root: true },
        { key: "remote|127.0.0.1", inferred: true, root: false },
      ]);
      expect(edgeKeys(map)).toEqual([["service|sample-express", "remote|127.0.0.1"]]);
    }
    for (const map of maps.filter((m) => m.edges.length === 0)) {
      expect(map.nodes.map(({ key, root }) => ({ key, root }))).toEqual([
        { key: "service|sample-express", root: true },
      ]);
    }
  });

  it("treats run7's segment as the root even though its upstream caller sent nothing", () => {
    const traces = tracesFromDatagrams(loadFixtureRun("run7-outgoing-header").map((d) => d.bytes));
    expect(traces).toHaveLength(1);
    const [trace] = traces;
    if (trace === undefined) throw new Error("run7 has a trace");
    const map = traceServiceMap(trace);
    expect(map.nodes.map(({ key, inferred, root }) => ({ key, inferred, root }))).toEqual([
      { key: "service|sample-express", inferred: false, root: true },
      { key: "service|sample-downstream", inferred: false, root: false },
    ]);
    const call = fixtureDocument("run7-outgoing-header", "002.dgram").subsegments?.[0];
    const downstream = fixtureDocument("run7-outgoing-header", "001.dgram");
    expect(map.edges.map((e) => [e.from, e.to, ids(e.nodes)])).toEqual([
      ["service|sample-express", "service|sample-downstream", [call?.id, downstream.id]],
    ]);
  });
});
