/**
 * Root-cause queries as code written against X-Ray sends them: GetTraceSummaries with a
 * `rootcause.*` FilterExpression through the official @aws-sdk/client-xray.
 */

import { XRay } from "@aws-sdk/client-xray";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { startTestDaemon } from "./support/daemon.ts";
import { hexId, newTraceId, segmentDocument } from "./support/xray-documents.ts";

const NOW = Math.floor(Date.now() / 1000);
let daemon: Daemon;
let xray: XRay;
const authFault = newTraceId(NOW - 30);
const slowCall = newTraceId(NOW - 20);
const calm = newTraceId(NOW - 10);

beforeAll(async () => {
  daemon = await startTestDaemon();
  xray = new XRay({
    endpoint: daemon.url,
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
  const callId = hexId(16);
  const start = NOW - 30;
  const documents = [
    segmentDocument({
      traceId: authFault,
      name: "web",
      start,
      end: start + 1,
      fault: true,
      http: { response: { status: 500 } },
      subsegments: [
        {
          id: callId,
          name: "Auth",
          namespace: "remote",
          start_time: start + 0.1,
          end_time: start + 0.9,
          fault: true,
        },
      ],
    }),
    segmentDocument({
      traceId: authFault,
      name: "Auth",
      parentId: callId,
      start: start + 0.2,
      end: start + 0.8,
      fault: true,
      subsegments: [
        {
          id: hexId(16),
          name: "deserialize",
          start_time: start + 0.3,
          end_time: start + 0.4,
          fault: true,
          cause: {
            exceptions: [{ id: hexId(16), type: "DeserializeError", message: "Access Denied" }],
          },
        },
      ],
    }),
    segmentDocument({
      traceId: slowCall,
      name: "web",
      start: NOW - 20,
      end: NOW - 19,
      subsegments: [
        {
          id: hexId(16),
          name: "reports.example.com",
          namespace: "remote",
          start_time: NOW - 19.95,
          end_time: NOW - 19.05,
        },
      ],
    }),
    segmentDocument({ traceId: calm, name: "web", start: NOW - 10, end: NOW - 9.9 }),
  ];
  const put = await xray.putTraceSegments({ TraceSegmentDocuments: documents });
  expect(put.UnprocessedTraceSegments).toEqual([]);
});

afterAll(async () => {
  xray?.destroy();
  await daemon?.close();
});

async function matching(FilterExpression: string): Promise<string[]> {
  const result = await xray.getTraceSummaries({
    StartTime: new Date((NOW - 60) * 1000),
    EndTime: new Date((NOW + 60) * 1000),
    FilterExpression,
  });
  return (result.TraceSummaries ?? []).map((summary) => summary.Id ?? "").sort();
}

describe("GetTraceSummaries with rootcause.* filters", () => {
  it.each<[string, () => string[]]>([
    ['rootcause.fault.service { name = "Auth" }', () => [authFault]],
    ['rootcause.fault.entity { last and name = "deserialize" }', () => [authFault]],
    ['rootcause.fault.exception { name = "DeserializeError" }', () => [authFault]],
    [
      'rootcause.responsetime.entity { remote and coverage > 0.8 and name = "reports.example.com" }',
      () => [slowCall],
    ],
    ["!rootcause.fault.service", () => [slowCall, calm].sort()],
    [
      'rootcause.json = #[{ "Services": [{ "Name": "web" }, { "Name": "Auth", "EntityPath": [{ "Name": "Auth" }, { "Name": "deserialize" }] }] }]',
      () => [authFault],
    ],
  ])("%s", async (expression, expected) => {
    expect(await matching(expression)).toEqual(expected());
  });

  it("returns the root cause the filter matched in FaultRootCauses", async () => {
    const result = await xray.getTraceSummaries({
      StartTime: new Date((NOW - 60) * 1000),
      EndTime: new Date((NOW + 60) * 1000),
      FilterExpression: 'rootcause.fault.service { name = "Auth" }',
    });
    const services = result.TraceSummaries?.[0]?.FaultRootCauses?.[0]?.Services ?? [];
    expect(services.map((service) => service.Name)).toEqual(["web", "Auth"]);
    expect(services[1]?.EntityPath?.at(-1)).toEqual({
      Name: "deserialize",
      Exceptions: [{ Name: "DeserializeError", Message: "Access Denied" }],
      Remote: false,
    });
  });

  it("refuses a malformed root-cause filter with InvalidRequestException", async () => {
    const error = await xray
      .getTraceSummaries({
        StartTime: new Date((NOW - 60) * 1000),
        EndTime: new Date((NOW + 60) * 1000),
        FilterExpression: "rootcause.responsetime.exception { last }",
      })
      .then(
        () => undefined,
        (rejected: unknown) => rejected,
      );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("InvalidRequestException");
    expect((error as Error).message).toContain("response-time root causes carry no exceptions");
  });
});
