// @vitest-environment happy-dom

import { cleanup, render, screen } from "@testing-library/react";
import { epochMillis, type TelemetryStats } from "@xray-sandbox/segments";
import { afterEach, describe, expect, it } from "vitest";
import { TELEMETRY } from "./TelemetryReports.markers.ts";
import { TelemetryReports } from "./TelemetryReports.tsx";

afterEach(cleanup);

const NOW = 1_800_000_100_000;

const telemetry: TelemetryStats = {
  calls: 3,
  records: 4,
  bounds: { maxClients: 16, recordsPerClient: 5, evictedClients: 0 },
  clients: [
    {
      hostname: "build-agent-1",
      ec2InstanceId: "i-0123456789abcdef0",
      resourceArn: null,
      firstReportAt: epochMillis(NOW - 120_000),
      lastReportAt: epochMillis(NOW - 60_000),
      calls: 2,
      records: 3,
      latest: [
        {
          Timestamp: 1_800_000_040,
          SegmentsReceivedCount: 1200,
          SegmentsSentCount: 1150,
          SegmentsSpilloverCount: 40,
          SegmentsRejectedCount: 10,
          BackendConnectionErrors: { TimeoutCount: 1, ConnectionRefusedCount: 2, OtherCount: 0 },
        },
      ],
    },
    {
      hostname: null,
      ec2InstanceId: null,
      resourceArn: null,
      firstReportAt: epochMillis(NOW - 5_000),
      lastReportAt: epochMillis(NOW - 5_000),
      calls: 1,
      records: 1,
      latest: [{ Timestamp: 1_800_000_095 }],
    },
  ],
};

describe("TelemetryReports", () => {
  it("shows each client's latest record, counts and connection errors", () => {
    render(<TelemetryReports telemetry={telemetry} now={NOW} />);
    const [busy, bare] = screen.getAllByTestId(TELEMETRY.row);
    expect(busy?.textContent).toContain("build-agent-1 · i-0123456789abcdef0");
    expect(busy?.textContent).toContain("1m ago");
    expect(busy?.textContent).toContain("1,200");
    expect(busy?.textContent).toContain("1,150");
    expect(busy?.textContent).toContain("timeout 1, refused 2");
    expect(bare?.textContent).toContain("(unnamed)");
    expect(bare?.textContent).toContain("–");
    expect(screen.getByTestId(TELEMETRY.root).textContent).toContain("4 records in 3 calls");
  });

  it("shows nothing until a client reports", () => {
    const { container } = render(
      <TelemetryReports telemetry={{ ...telemetry, clients: [] }} now={NOW} />,
    );
    expect(container.textContent).toBe("");
  });
});
