/**
 * The official @aws-sdk/client-xray against a daemon on free ports: what a user's scripts
 * and tests would do against X-Ray itself.
 */

import {
  type Edge,
  paginateGetTraceSummaries,
  type Service,
  type TraceSummary,
  XRay,
} from "@aws-sdk/client-xray";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { startTestDaemon } from "./support/daemon.ts";
import { rejection } from "./support/rejection.ts";
import { newTraceId, segmentDocument } from "./support/xray-documents.ts";

const NOW = Math.floor(Date.now() / 1000);
const HOUR_AGO = NOW - 3600;
const BULK_TRACES = 150;

let daemon: Daemon;
let xray: XRay;
const checkoutIds: string[] = [];
const twoServiceTrace = newTraceId(NOW);
let twoServiceDocuments: string[];

beforeAll(async () => {
  daemon = await startTestDaemon();
  xray = new XRay({
    endpoint: daemon.url,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
});

afterAll(async () => {
  xray?.destroy();
  await daemon?.close();
});

function since(start: number, end = NOW + 60) {
  return { StartTime: new Date(start * 1000), EndTime: new Date(end * 1000) };
}

function ids(summaries: readonly TraceSummary[] | undefined): string[] {
  return (summaries ?? []).map((summary) => summary.Id ?? "");
}

describe("the X-Ray API through @aws-sdk/client-xray", () => {
  it("PutTraceSegments stores good documents and reports each bad one with its reason", async () => {
    const bulk = Array.from({ length: BULK_TRACES }, (_, i) =>
      segmentDocument({
        traceId: newTraceId(HOUR_AGO + i),
        name: "bulk",
        start: HOUR_AGO + i,
        annotations: { batch: "paging" },
      }),
    );
    const checkout = Array.from({ length: 3 }, (_, i) => {
      const traceId = newTraceId(NOW - 100 + i);
      checkoutIds.push(traceId);
      return segmentDocument({
        traceId,
        name: "checkout",
        start: NOW - 100 + i,
        annotations: { kind: "checkout" },
        ...(i === 0 ? { fault: true, http: { response: { status: 500 } } } : {}),
      });
    });
    const callId = "c0ffee0000000001";
    twoServiceDocuments = [
      segmentDocument({
        traceId: twoServiceTrace,
        name: "frontend",
        start: NOW,
        end: NOW + 0.3,
        subsegments: [
          {
            id: callId,
            name: "backend",
            start_time: NOW + 0.1,
            end_time: NOW + 0.2,
            namespace: "remote",
          },
        ],
      }),
      segmentDocument({
        traceId: twoServiceTrace,
        name: "backend",
        start: NOW + 0.11,
        end: NOW + 0.19,
        parentId: callId,
      }),
    ];
    const missingName = JSON.stringify({
      id: "badbadbadbadbad1",
      trace_id: newTraceId(NOW),
      start_time: NOW,
      end_time: NOW + 1,
    });

    const result = await xray.putTraceSegments({
      TraceSegmentDocuments: [...bulk, ...checkout, ...twoServiceDocuments, missingName, "[]"],
    });

    expect(result.UnprocessedTraceSegments).toEqual([
      {
        Id: "badbadbadbadbad1",
        ErrorCode: "invalid-document",
        Message: '"name" is missing, expected a non-empty string',
      },
      {
        ErrorCode: "not-object",
        Message: "the body is an array, expected a JSON object (one segment document)",
      },
    ]);
    expect(daemon.stats().datagrams).toMatchObject({
      received: BULK_TRACES + 7,
      accepted: BULK_TRACES + 5,
      rejected: 2,
    });
  });

  it("GetTraceSummaries returns only the traces the filter expression matches", async () => {
    const result = await xray.getTraceSummaries({
      ...since(NOW - 600),
      FilterExpression: 'annotation.kind = "checkout"',
    });
    expect(ids(result.TraceSummaries).sort()).toEqual([...checkoutIds].sort());
    const faulty = await xray.getTraceSummaries({ ...since(NOW - 600), FilterExpression: "fault" });
    expect(ids(faulty.TraceSummaries)).toEqual([checkoutIds[0]]);
    expect(faulty.TraceSummaries?.[0]).toMatchObject({
      HasFault: true,
      Http: { HttpStatus: 500 },
      Annotations: { kind: [{ AnnotationValue: { StringValue: "checkout" } }] },
      EntryPoint: { Name: "checkout" },
    });
    expect(faulty.TraceSummaries?.[0]?.StartTime).toEqual(new Date((NOW - 100) * 1000));
  });

  it("GetTraceSummaries pages with NextToken, 100 traces a page", async () => {
    const pages: string[][] = [];
    for await (const page of paginateGetTraceSummaries(
      { client: xray },
      { ...since(HOUR_AGO - 10), FilterExpression: 'annotation.batch = "paging"' },
    )) {
      pages.push(ids(page.TraceSummaries));
    }
    expect(pages.map((page) => page.length)).toEqual([100, BULK_TRACES - 100]);
    expect(new Set(pages.flat()).size).toBe(BULK_TRACES);
  });

  it("GetTraceSummaries refuses a bad filter with InvalidRequestException naming line and column", async () => {
    const error = await rejection(
      xray.getTraceSummaries({ ...since(NOW - 600), FilterExpression: "responsetime > fast" }),
    );
    expect(error.name).toBe("InvalidRequestException");
    expect(error.message).toMatch(/^invalid FilterExpression: .* at line 1, column 16$/);
  });

  it("BatchGetTraces gives the documents back as the JSON text sent", async () => {
    const unknown = newTraceId(NOW);
    const result = await xray.batchGetTraces({ TraceIds: [twoServiceTrace, unknown] });
    expect(result.UnprocessedTraceIds).toEqual([unknown]);
    const [trace] = result.Traces ?? [];
    expect(trace?.Id).toBe(twoServiceTrace);
    expect(trace?.Duration).toBeCloseTo(0.3, 6);
    expect(trace?.Segments?.map((segment) => segment.Document).sort()).toEqual(
      [...twoServiceDocuments].sort(),
    );
  });

  it("GetTraceGraph and GetServiceGraph draw two services and the edge between them", async () => {
    const expectTwoServices = (services: Service[] | undefined) => {
      const byName = new Map((services ?? []).map((service) => [service.Name, service]));
      expect([...byName.keys()].sort()).toEqual(["backend", "frontend"]);
      const edges: Edge[] = byName.get("frontend")?.Edges ?? [];
      expect(edges.map((edge) => edge.ReferenceId)).toEqual([byName.get("backend")?.ReferenceId]);
      expect(edges[0]?.SummaryStatistics?.TotalCount).toBe(1);
    };
    const traceGraph = await xray.getTraceGraph({ TraceIds: [twoServiceTrace] });
    expectTwoServices(traceGraph.Services);
    const serviceGraph = await xray.getServiceGraph(since(NOW - 1, NOW + 1));
    expectTwoServices(serviceGraph.Services);
    expect(serviceGraph.StartTime).toEqual(new Date((NOW - 1) * 1000));
  });

  it("creates, reads, lists, updates and deletes groups, as X-Ray does", async () => {
    const created = await xray.createGroup({ GroupName: "faulty", FilterExpression: "fault" });
    expect(created.Group).toMatchObject({
      GroupName: "faulty",
      GroupARN: expect.stringMatching(/^arn:aws:xray:local:000000000000:group\/faulty\/[A-Z2-7]+$/),
      FilterExpression: "fault",
    });
    const byArn = await xray.getGroup({ GroupARN: created.Group?.GroupARN });
    expect(byArn.Group?.GroupName).toBe("faulty");
    const listed = await xray.getGroups({});
    expect(listed.Groups?.map((group) => group.GroupName)).toEqual(["Default", "faulty"]);

    const inGroup = await xray.getTraceSummaries({
      ...since(NOW - 600),
      FilterExpression: 'group.name = "faulty"',
    });
    expect(ids(inGroup.TraceSummaries)).toEqual([checkoutIds[0]]);

    const updated = await xray.updateGroup({ GroupName: "faulty", FilterExpression: "!fault" });
    expect(updated.Group?.FilterExpression).toBe("!fault");
    await xray.deleteGroup({ GroupName: "faulty" });
    const gone = await rejection(xray.getGroup({ GroupName: "faulty" }));
    expect([gone.name, gone.message]).toEqual(["InvalidRequestException", "Group not found"]);
  });

  it("refuses to delete Default, a bad name and a bad filter", async () => {
    const undeletable = await rejection(xray.deleteGroup({ GroupName: "Default" }));
    expect([undeletable.name, undeletable.message]).toEqual([
      "InvalidRequestException",
      "the Default group cannot be deleted",
    ]);
    const badName = await rejection(xray.createGroup({ GroupName: "no spaces please" }));
    expect(badName.name).toBe("InvalidRequestException");
    expect(badName.message).toMatch(/^GroupName "no spaces please" is not valid/);
    const badFilter = await rejection(
      xray.createGroup({ GroupName: "broken", FilterExpression: 'service("a") {' }),
    );
    expect(badFilter.name).toBe("InvalidRequestException");
    expect(badFilter.message).toMatch(/ at line 1, column 15$/);
  });

  it("GetServiceGraph by group draws only that group's traces", async () => {
    await xray.createGroup({ GroupName: "two-service", FilterExpression: 'service("backend")' });
    const graph = await xray.getServiceGraph({ ...since(HOUR_AGO - 10), GroupName: "two-service" });
    expect(graph.Services?.map((service) => service.Name).sort()).toEqual(["backend", "frontend"]);
    const everything = await xray.getServiceGraph({
      ...since(HOUR_AGO - 10),
      GroupName: "Default",
    });
    expect(everything.Services?.map((service) => service.Name).sort()).toEqual([
      "backend",
      "bulk",
      "checkout",
      "frontend",
    ]);
  });

  it("creates, updates and deletes sampling rules; Default stays", async () => {
    const created = await xray.createSamplingRule({
      SamplingRule: {
        RuleName: "skip-health",
        ResourceARN: "*",
        Priority: 1,
        FixedRate: 0,
        ReservoirSize: 0,
        ServiceName: "*",
        ServiceType: "*",
        Host: "*",
        HTTPMethod: "GET",
        URLPath: "/health*",
        Version: 1,
      },
    });
    expect(created.SamplingRuleRecord?.SamplingRule).toMatchObject({
      RuleName: "skip-health",
      RuleARN: "arn:aws:xray:local:000000000000:sampling-rule/skip-health",
      Attributes: {},
    });
    expect(created.SamplingRuleRecord?.CreatedAt).toBeInstanceOf(Date);

    const duplicate = await rejection(
      xray.createSamplingRule({ SamplingRule: created.SamplingRuleRecord?.SamplingRule }),
    );
    expect(duplicate.name).toBe("InvalidRequestException");

    const updated = await xray.updateSamplingRule({
      SamplingRuleUpdate: { RuleName: "skip-health", FixedRate: 0.5 },
    });
    expect(updated.SamplingRuleRecord?.SamplingRule?.FixedRate).toBe(0.5);

    const rules = await xray.getSamplingRules({});
    expect(rules.SamplingRuleRecords?.map((record) => record.SamplingRule?.RuleName)).toEqual([
      "skip-health",
      "Default",
    ]);

    const targets = await xray.getSamplingTargets({
      SamplingStatisticsDocuments: [
        {
          RuleName: "skip-health",
          ClientID: "0123456789abcdef01234567",
          RequestCount: 4,
          SampledCount: 2,
          BorrowCount: 0,
          Timestamp: new Date(),
        },
      ],
    });
    expect(targets.LastRuleModification).toBeInstanceOf(Date);
    expect(targets.SamplingTargetDocuments).toEqual([
      {
        RuleName: "skip-health",
        FixedRate: 0.5,
        ReservoirQuota: 0,
        ReservoirQuotaTTL: expect.any(Date),
        Interval: 10,
      },
    ]);
    expect(targets.SamplingTargetDocuments?.[0]?.ReservoirQuotaTTL?.getTime()).toBeGreaterThan(
      Date.now(),
    );

    const protectedDefault = await rejection(xray.deleteSamplingRule({ RuleName: "Default" }));
    expect(protectedDefault.name).toBe("InvalidRequestException");
    const deleted = await xray.deleteSamplingRule({ RuleName: "skip-health" });
    expect(deleted.SamplingRuleRecord?.SamplingRule?.RuleName).toBe("skip-health");
    const left = await xray.getSamplingRules({});
    expect(left.SamplingRuleRecords?.map((record) => record.SamplingRule?.RuleName)).toEqual([
      "Default",
    ]);
  });
});
