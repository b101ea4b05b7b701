/**
 * Paging of BatchGetTraces, GetTraceGraph, GetServiceGraph, GetGroups and GetSamplingRules,
 * walked with the official @aws-sdk/client-xray paginators as a user's script would.
 */

import {
  paginateBatchGetTraces,
  paginateGetGroups,
  paginateGetSamplingRules,
  paginateGetServiceGraph,
  paginateGetTraceGraph,
  XRay,
} from "@aws-sdk/client-xray";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { MAX_TRACE_IDS_PER_CALL, PAGE_SIZES } from "../src/xray-api/list-page.ts";
import { startTestDaemon } from "./support/daemon.ts";
import { rejection } from "./support/rejection.ts";
import { hexId, newTraceId, segmentDocument } from "./support/xray-documents.ts";

const NOW = Math.floor(Date.now() / 1000);
const T0 = NOW - 7200;
/** Documents in each big trace: two of them do not fit one BatchGetTraces page. */
const BIG_TRACE_DOCUMENTS = 60;
/** Services in the chain trace: more than one graph page. */
const CHAIN_SERVICES = 130;

let daemon: Daemon;
let xray: XRay;
const bigTraces = [newTraceId(T0), newTraceId(T0 + 1), newTraceId(T0 + 2)];
const smallTraces = Array.from({ length: 5 }, (_, i) => newTraceId(T0 + 10 + i));
const chainTrace = newTraceId(T0 + 20);

beforeAll(async () => {
  daemon = await startTestDaemon();
  xray = new XRay({
    endpoint: daemon.url,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
  const documents: string[] = [];
  for (const [i, traceId] of bigTraces.entries()) {
    for (let n = 0; n < BIG_TRACE_DOCUMENTS; n++) {
      documents.push(segmentDocument({ traceId, name: "big", start: T0 + i + n / 1000 }));
    }
  }
  for (const [i, traceId] of smallTraces.entries()) {
    documents.push(segmentDocument({ traceId, name: "small", start: T0 + 10 + i }));
  }
  let parentId: string | undefined;
  for (let n = 0; n < CHAIN_SERVICES; n++) {
    const id = hexId(16);
    documents.push(
      segmentDocument({
        traceId: chainTrace,
        id,
        name: `svc-${n}`,
        start: T0 + 20 + n / 1000,
        end: T0 + 21,
        ...(parentId === undefined ? {} : { parentId }),
      }),
    );
    parentId = id;
  }
  const put = await xray.putTraceSegments({ TraceSegmentDocuments: documents });
  expect(put.UnprocessedTraceSegments).toEqual([]);
});

afterAll(async () => {
  xray?.destroy();
  await daemon?.close();
});

describe("BatchGetTraces", () => {
  it("pages whole traces, at most 100 documents a page, and reports unknown ids on their turn", async () => {
    const unknown = newTraceId(T0 + 3);
    const pages: { traces: string[]; unprocessed: string[] }[] = [];
    for await (const page of paginateBatchGetTraces(
      { client: xray },
      { TraceIds: [...bigTraces, unknown] },
    )) {
      pages.push({
        traces: (page.Traces ?? []).map((trace) => trace.Id ?? ""),
        unprocessed: page.UnprocessedTraceIds ?? [],
      });
      for (const trace of page.Traces ?? []) {
        expect(trace.Segments).toHaveLength(BIG_TRACE_DOCUMENTS);
      }
    }
    expect(PAGE_SIZES.batchGetTracesDocuments).toBeLessThan(2 * BIG_TRACE_DOCUMENTS);
    expect(pages).toEqual([
      { traces: [bigTraces[0]], unprocessed: [] },
      { traces: [bigTraces[1]], unprocessed: [] },
      { traces: [bigTraces[2]], unprocessed: [unknown] },
    ]);
  });

  it("answers five small traces on one page, without NextToken", async () => {
    const result = await xray.batchGetTraces({ TraceIds: smallTraces });
    expect(result.Traces?.map((trace) => trace.Id)).toEqual(smallTraces);
    expect(result.NextToken).toBeUndefined();
  });

  it("refuses more than 5 trace ids, as X-Ray documents, and none at all", async () => {
    const six = [...smallTraces, bigTraces[0] ?? ""];
    expect(six).toHaveLength(MAX_TRACE_IDS_PER_CALL + 1);
    const tooMany = await rejection(xray.batchGetTraces({ TraceIds: six }));
    expect(tooMany.name).toBe("InvalidRequestException");
    expect(tooMany.message).toBe("TraceIds must hold 1 to 5 trace ids (X-Ray's limit), not 6");
    const none = await rejection(xray.batchGetTraces({ TraceIds: [] }));
    expect(none.message).toBe("TraceIds must hold 1 to 5 trace ids (X-Ray's limit), not 0");
  });

  it("refuses a NextToken given with other trace ids", async () => {
    const first = await xray.batchGetTraces({ TraceIds: bigTraces });
    expect(first.NextToken).toBeDefined();
    const error = await rejection(
      xray.batchGetTraces({ TraceIds: smallTraces, NextToken: first.NextToken }),
    );
    expect(error.name).toBe("InvalidRequestException");
    expect(error.message).toBe(
      "NextToken is not one this BatchGetTraces request gave; repeat the request without it",
    );
  });
});

describe("GetTraceGraph and GetServiceGraph", () => {
  it("GetTraceGraph pages the services, 100 a page", async () => {
    const pages: string[][] = [];
    for await (const page of paginateGetTraceGraph({ client: xray }, { TraceIds: [chainTrace] })) {
      pages.push((page.Services ?? []).map((service) => service.Name ?? ""));
    }
    expect(pages.map((names) => names.length)).toEqual([
      PAGE_SIZES.graphServices,
      CHAIN_SERVICES - PAGE_SIZES.graphServices,
    ]);
    const names = new Set(pages.flat());
    expect(names.size).toBe(CHAIN_SERVICES);
    expect(names.has("svc-0") && names.has(`svc-${CHAIN_SERVICES - 1}`)).toBe(true);
  });

  it("GetServiceGraph pages the services of the window, each once", async () => {
    const pages: string[][] = [];
    for await (const page of paginateGetServiceGraph(
      { client: xray },
      { StartTime: new Date((T0 - 10) * 1000), EndTime: new Date((T0 + 60) * 1000) },
    )) {
      pages.push((page.Services ?? []).map((service) => service.Name ?? ""));
    }
    const total = CHAIN_SERVICES + 2; // the chain, "big" and "small"
    expect(pages.map((names) => names.length)).toEqual([
      PAGE_SIZES.graphServices,
      total - PAGE_SIZES.graphServices,
    ]);
    expect(new Set(pages.flat()).size).toBe(total);
  });
});

describe("GetGroups and GetSamplingRules", () => {
  it("GetGroups pages 10 groups a page, Default first", async () => {
    for (let n = 0; n < 25; n++) {
      await xray.createGroup({ GroupName: `group-${n}`, FilterExpression: "fault" });
    }
    const pages: string[][] = [];
    for await (const page of paginateGetGroups({ client: xray }, {})) {
      pages.push((page.Groups ?? []).map((group) => group.GroupName ?? ""));
    }
    expect(pages.map((names) => names.length)).toEqual([10, 10, 6]);
    expect(pages[0]?.[0]).toBe("Default");
    expect(new Set(pages.flat()).size).toBe(26);
  });

  it("GetSamplingRules answers every rule on the first page, as SDK pollers expect", async () => {
    for (let n = 0; n < 25; n++) {
      await xray.createSamplingRule({
        SamplingRule: {
          RuleName: `rule-${n}`,
          Priority: n + 1,
          FixedRate: 0.1,
          ReservoirSize: 1,
          ServiceName: "*",
          ServiceType: "*",
          Host: "*",
          HTTPMethod: "*",
          URLPath: `/path-${n}`,
          Version: 1,
          ResourceARN: "*",
        },
      });
    }
    const pages: string[][] = [];
    for await (const page of paginateGetSamplingRules({ client: xray }, {})) {
      pages.push((page.SamplingRuleRecords ?? []).map((r) => r.SamplingRule?.RuleName ?? ""));
    }
    expect(pages).toHaveLength(1);
    expect(pages[0]).toHaveLength(26);
    expect(pages[0]?.at(-1)).toBe("Default");
  });
});
