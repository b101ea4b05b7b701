/**
 * PutTelemetryRecords as the real X-Ray daemon, boto3 and the AWS CLI call it, through the
 * official client: accepted, checked, kept per client within bounds, and shown in /api/stats.
 */

import { PutTelemetryRecordsCommand, type TelemetryRecord, XRayClient } from "@aws-sdk/client-xray";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { fetchStats, startTestDaemon } from "./support/daemon.ts";
import { rawRequest } from "./support/live.ts";
import { xrayClientFor } from "./support/xray-client.ts";

let daemon: Daemon;
let client: XRayClient;

beforeAll(async () => {
  daemon = await startTestDaemon();
  client = xrayClientFor(daemon.url);
});

afterAll(async () => {
  client?.destroy();
  await daemon?.close();
});

function record(second: number, received: number): TelemetryRecord {
  return {
    Timestamp: new Date(second * 1000),
    SegmentsReceivedCount: received,
    SegmentsSentCount: Math.max(received - 1, 0),
    SegmentsSpilloverCount: 0,
    SegmentsRejectedCount: 1,
    BackendConnectionErrors: {
      TimeoutCount: 0,
      ConnectionRefusedCount: 2,
      HTTPCode4XXCount: 0,
      HTTPCode5XXCount: 0,
      UnknownHostCount: 0,
      OtherCount: 0,
    },
  };
}

async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describe("PutTelemetryRecords", () => {
  it("is accepted from the official client and shown per client in /api/stats", async () => {
    const answer = await client.send(
      new PutTelemetryRecordsCommand({
        TelemetryRecords: [record(1_800_000_000, 10), record(1_800_000_060, 12)],
        EC2InstanceId: "i-0123456789abcdef0",
        Hostname: "build-agent-1",
        ResourceARN: "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0",
      }),
    );
    expect(answer.$metadata.httpStatusCode).toBe(200);
    await client.send(
      new PutTelemetryRecordsCommand({
        TelemetryRecords: [{ Timestamp: new Date(1_800_000_030_000), SegmentsReceivedCount: 3 }],
        Hostname: "laptop",
      }),
    );

    const { telemetry } = await fetchStats(daemon);
    expect(telemetry).toMatchObject({ calls: 2, records: 3, bounds: { evictedClients: 0 } });
    expect(telemetry.clients.map((entry) => entry.hostname)).toEqual(["laptop", "build-agent-1"]);
    expect(telemetry.clients[1]).toMatchObject({
      hostname: "build-agent-1",
      ec2InstanceId: "i-0123456789abcdef0",
      resourceArn: "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0",
      calls: 1,
      records: 2,
      lastReportAt: expect.any(Number),
      latest: [
        {
          Timestamp: 1_800_000_060,
          SegmentsReceivedCount: 12,
          SegmentsSentCount: 11,
          SegmentsSpilloverCount: 0,
          SegmentsRejectedCount: 1,
          BackendConnectionErrors: expect.objectContaining({ ConnectionRefusedCount: 2 }),
        },
        expect.objectContaining({ Timestamp: 1_800_000_000, SegmentsReceivedCount: 10 }),
      ],
    });
    expect(telemetry.clients[0]).toMatchObject({
      hostname: "laptop",
      ec2InstanceId: null,
      resourceArn: null,
      latest: [{ Timestamp: 1_800_000_030, SegmentsReceivedCount: 3 }],
    });
  });

  it("keeps the latest records of each client, and a bounded number of clients", async () => {
    const fresh = await startTestDaemon();
    const other = new XRayClient({
      endpoint: fresh.url,
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
    try {
      const { maxClients, recordsPerClient } = fresh.stats().telemetry.bounds;
      const many = Array.from({ length: recordsPerClient + 3 }, (_, i) =>
        record(1_800_000_000 + i, i),
      );
      await other.send(
        new PutTelemetryRecordsCommand({ TelemetryRecords: many, Hostname: "busy" }),
      );
      for (let n = 0; n < maxClients + 2; n++) {
        await other.send(
          new PutTelemetryRecordsCommand({
            TelemetryRecords: [record(1_800_000_000, n)],
            Hostname: `h${n}`,
          }),
        );
      }
      const { telemetry } = await fetchStats(fresh);
      expect(telemetry.clients).toHaveLength(maxClients);
      expect(telemetry.bounds.evictedClients).toBe(3);
      expect(telemetry.clients[0]?.hostname).toBe(`h${maxClients + 1}`);
      expect(telemetry.records).toBe(many.length + maxClients + 2);
      expect(telemetry.clients.some((entry) => entry.hostname === "busy")).toBe(false);
    } finally {
      other.destroy();
      await fresh.close();
    }
  });

  it("refuses records X-Ray would refuse, saying which field is wrong", async () => {
    const missing = await refusal(client.send(new PutTelemetryRecordsCommand({} as never)));
    expect(missing).toEqual({
      name: "InvalidRequestException",
      message: "TelemetryRecords is required",
    });
    const badRecord = await rawRequest(daemon.url, "/TelemetryRecords", {
      method: "POST",
      headers: { host: `127.0.0.1:${daemon.httpAddress.port}`, "content-type": "application/json" },
      body: JSON.stringify({ TelemetryRecords: [{ SegmentsSentCount: -1 }] }),
    });
    expect(badRecord.status).toBe(400);
    expect(badRecord.headers["x-amzn-errortype"]).toBe("InvalidRequestException");
    expect(JSON.parse(badRecord.body)).toEqual({
      message: "TelemetryRecords[0].Timestamp is required",
    });
    const badCount = await rawRequest(daemon.url, "/TelemetryRecords", {
      method: "POST",
      headers: { host: `127.0.0.1:${daemon.httpAddress.port}`, "content-type": "application/json" },
      body: JSON.stringify({ TelemetryRecords: [{ Timestamp: 1, SegmentsSentCount: -1 }] }),
    });
    expect(JSON.parse(badCount.body)).toEqual({
      message: `TelemetryRecords[0].SegmentsSentCount must be a whole number from 0 to ${2 ** 31 - 1}`,
    });
    expect((await fetchStats(daemon)).telemetry.calls).toBe(2);
  });
});
