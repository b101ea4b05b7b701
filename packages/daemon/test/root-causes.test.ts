/**
 * `FaultRootCauses`, `ErrorRootCauses` and `ResponseTimeRootCauses` of `GetTraceSummaries`,
 * read back through the official @aws-sdk/client-xray from traces sent with PutTraceSegments.
 */

import { type TraceSummary, XRay } from "@aws-sdk/client-xray";
import { MAX_ENTITY_PATH, MAX_ROOT_CAUSES } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { startTestDaemon } from "./support/daemon.ts";
import { newTraceId, segmentDocument } from "./support/xray-documents.ts";

const NOW = Math.floor(Date.now() / 1000);
const faultyTrace = newTraceId(NOW);
const throttledTrace = newTraceId(NOW);
const healthyTrace = newTraceId(NOW);
const wideTrace = newTraceId(NOW);
const WIDE_FAULTS = MAX_ROOT_CAUSES + 4;

let daemon: Daemon;
let xray: XRay;

beforeAll(async () => {
  daemon = await startTestDaemon();
  xray = new XRay({
    endpoint: daemon.url,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
    maxAttempts: 1,
  });
  const callId = "c0ffee00000000a1";
  const result = await xray.putTraceSegments({
    TraceSegmentDocuments: [
      segmentDocument({
        traceId: faultyTrace,
        name: "web-frontend",
        origin: "AWS::EC2::Instance",
        start: NOW,
        end: NOW + 1,
        fault: true,
        subsegments: [
          {
            id: callId,
            name: "orders-api.internal",
            namespace: "remote",
            start_time: NOW + 0.1,
            end_time: NOW + 0.9,
            fault: true,
          },
        ],
      }),
      segmentDocument({
        traceId: faultyTrace,
        name: "orders-api",
        start: NOW + 0.11,
        end: NOW + 0.89,
        parentId: callId,
        fault: true,
        subsegments: [
          {
            id: "c0ffee00000000b1",
            name: "orders@db.internal",
            namespace: "remote",
            sql: { url: "postgresql://db.internal:5432/orders" },
            start_time: NOW + 0.12,
            end_time: NOW + 0.8,
          },
          {
            id: "c0ffee00000000b2",
            name: "validate",
            start_time: NOW + 0.8,
            end_time: NOW + 0.85,
            fault: true,
            cause: {
              exceptions: [
                { id: "c0ffee00000000e1", type: "ValidationError", message: "total is negative" },
              ],
            },
          },
        ],
      }),
      segmentDocument({
        traceId: throttledTrace,
        name: "checkout",
        start: NOW,
        end: NOW + 0.5,
        subsegments: [
          {
            id: "c0ffee00000000d1",
            name: "DynamoDB",
            namespace: "aws",
            start_time: NOW + 0.1,
            end_time: NOW + 0.2,
            error: true,
            throttle: true,
            aws: { operation: "PutItem", table_name: "carts" },
            cause: {
              exceptions: [
                {
                  id: "c0ffee00000000e2",
                  type: "ProvisionedThroughputExceededException",
                  message: "rate exceeded",
                },
              ],
            },
          },
        ],
      }),
      segmentDocument({ traceId: healthyTrace, name: "healthy", start: NOW, end: NOW + 0.2 }),
      segmentDocument({
        traceId: wideTrace,
        name: "fan-out",
        start: NOW,
        end: NOW + 1,
        fault: true,
        subsegments: Array.from({ length: WIDE_FAULTS }, (_, i) => ({
          id: `c0ffee0000001${i.toString(16).padStart(3, "0")}`,
          name: `step-${i}`,
          start_time: NOW,
          end_time: NOW + 0.1,
          fault: true,
        })),
      }),
    ],
  });
  expect(result.UnprocessedTraceSegments).toEqual([]);
});

afterAll(async () => {
  xray?.destroy();
  await daemon?.close();
});

async function summaryOf(traceId: string): Promise<TraceSummary> {
  const { TraceSummaries } = await xray.getTraceSummaries({
    StartTime: new Date((NOW - 60) * 1000),
    EndTime: new Date((NOW + 60) * 1000),
  });
  const summary = TraceSummaries?.find((candidate) => candidate.Id === traceId);
  if (summary === undefined) throw new Error(`trace ${traceId} is not listed`);
  return summary;
}

describe("root causes in GetTraceSummaries", () => {
  it("names the downstream node a fault started at, with its exception", async () => {
    const summary = await summaryOf(faultyTrace);
    expect(summary.FaultRootCauses).toEqual([
      {
        Services: [
          {
            Name: "web-frontend",
            Names: ["web-frontend"],
            Type: "AWS::EC2::Instance",
            EntityPath: [
              { Name: "web-frontend", Exceptions: [], Remote: false },
              { Name: "orders-api.internal", Exceptions: [], Remote: true },
            ],
            Inferred: false,
          },
          {
            Name: "orders-api",
            Names: ["orders-api"],
            Type: "service",
            EntityPath: [
              { Name: "orders-api", Exceptions: [], Remote: false },
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
    expect(summary.ErrorRootCauses).toEqual([]);
  });

  it("names the slow database the response time went to", async () => {
    const summary = await summaryOf(faultyTrace);
    const [cause] = summary.ResponseTimeRootCauses ?? [];
    expect(
      cause?.Services?.map((service) => [service.Name, service.Type, service.Inferred]),
    ).toEqual([
      ["web-frontend", "AWS::EC2::Instance", false],
      ["orders-api", "service", false],
      ["orders@db.internal", "Database::SQL", true],
    ]);
    const last = cause?.Services?.at(-1)?.EntityPath?.at(-1);
    expect(last?.Name).toBe("orders@db.internal");
    expect(last?.Remote).toBe(true);
    expect(last?.Coverage).toBeCloseTo(0.68, 4);
  });

  it("ends a throttled AWS call in the inferred table, not impacting the client", async () => {
    const summary = await summaryOf(throttledTrace);
    expect(summary.FaultRootCauses).toEqual([]);
    const [cause, ...rest] = summary.ErrorRootCauses ?? [];
    expect(rest).toEqual([]);
    expect(cause?.ClientImpacting).toBe(false);
    expect(cause?.Services?.at(-1)).toEqual({
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
    });
  });

  it("gives empty lists for a healthy trace", async () => {
    const summary = await summaryOf(healthyTrace);
    expect(summary.FaultRootCauses).toEqual([]);
    expect(summary.ErrorRootCauses).toEqual([]);
    expect(summary.ResponseTimeRootCauses).toEqual([
      {
        Services: [
          {
            Name: "healthy",
            Names: ["healthy"],
            Type: "service",
            EntityPath: [{ Name: "healthy", Coverage: 1, Remote: false }],
            Inferred: false,
          },
        ],
        ClientImpacting: true,
      },
    ]);
  });

  it(`lists at most ${MAX_ROOT_CAUSES} fault root causes and counts the rest in /api/stats`, async () => {
    const before = daemon.stats().rootCauses;
    const summary = await summaryOf(wideTrace);
    const after = daemon.stats().rootCauses;
    expect(summary.FaultRootCauses).toHaveLength(MAX_ROOT_CAUSES);
    expect(summary.FaultRootCauses?.[0]?.Services?.[0]?.EntityPath?.at(-1)?.Name).toBe("step-0");
    expect(after.limit).toBe(MAX_ROOT_CAUSES);
    expect(after.entityPathLimit).toBe(MAX_ENTITY_PATH);
    expect(after.entitiesLeftOut).toBe(before.entitiesLeftOut);
    expect(after.leftOut - before.leftOut).toBe(WIDE_FAULTS - MAX_ROOT_CAUSES);
    expect(after.summariesCut - before.summariesCut).toBe(1);
    // One GetTraceSummaries call lists the four traces of this file.
    expect(after.summaries - before.summaries).toBe(4);
  });
});
