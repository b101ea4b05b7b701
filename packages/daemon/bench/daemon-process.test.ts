import { TraceStore } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { NO_AUTH_STATS } from "../src/auth/token-auth.ts";
import { FilterScans } from "../src/filter-scans.ts";
import { TraceBodyCache } from "../src/http/routes/trace-body-cache.ts";
import type { DocumentOutcome } from "../src/ingest/ingest-outcome.ts";
import { DEFAULT_LIVE_BOUNDS } from "../src/live/live-bounds.ts";
import { OtlpCounters } from "../src/otlp/otlp-stats.ts";
import { startupLine } from "../src/startup-line.ts";
import { buildStats } from "../src/stats.ts";
import { TelemetryLog } from "../src/telemetry/telemetry-log.ts";
import { ImportService } from "../src/transfer/import-service.ts";
import { RootCauseCounts } from "../src/xray-api/root-cause-counts.ts";
import { parseDaemonStats, parseStartupLine } from "./daemon-process.ts";

describe("parseStartupLine", () => {
  it("reads the ports from the line the CLI prints", () => {
    const line = startupLine({
      udpAddress: { host: "127.0.0.1", port: 41_234 },
      httpAddress: { host: "127.0.0.1", port: 41_235 },
      receiveBufferBytes: 8 * 1024 * 1024,
      sdkAddress: "udp:127.0.0.1:41234 tcp:127.0.0.1:41235",
      viewer: { url: "http://127.0.0.1:41235/", dir: "/srv/viewer", built: true },
    });
    expect(parseStartupLine(line)).toEqual({
      udpHost: "127.0.0.1",
      udpPort: 41_234,
      httpUrl: "http://127.0.0.1:41235",
    });
  });

  it("unwraps an IPv6 host", () => {
    const line =
      "xray-sandbox listening: UDP [::1]:2000 (receive buffer 8 MiB), HTTP http://[::1]:2000";
    expect(parseStartupLine(line)).toEqual({
      udpHost: "::1",
      udpPort: 2000,
      httpUrl: "http://[::1]:2000",
    });
  });

  it("ignores other output", () => {
    expect(parseStartupLine('{"level":40,"msg":"the UDP receive buffer is only 208 KiB"}')).toBe(
      undefined,
    );
  });
});

describe("parseDaemonStats", () => {
  it("reads what the daemon's /api/stats serves", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 1_000_000 });
    const body = JSON.parse(
      JSON.stringify(
        buildStats({
          counts: {
            received: 12,
            accepted: 10,
            rejected: 2,
            bytesReceived: 9_000,
            internalErrors: 0,
          },
          rejectedByReason: { "not-json": 2 },
          store: store.stats(),
          udpAddress: "127.0.0.1:41234",
          receiveBufferBytes: 8_388_608,
          telemetry: new TelemetryLog().stats(),
          imports: new ImportService({
            ingest: () => ({ status: "stored" }) as DocumentOutcome,
          }).stats(),
          otlp: new OtlpCounters().stats(false, { http: [], grpc: [] }),
          filters: new FilterScans().stats(),
          rootCauses: new RootCauseCounts().stats(),
          traceBodies: new TraceBodyCache().stats(),
          auth: NO_AUTH_STATS,
          udp: {
            kernelDrops: 7,
            queue: {
              queuedBytes: 0,
              peakQueuedBytes: 4_096,
              maxBytes: 64 * 1024 * 1024,
              overflowDatagrams: 3,
              overflowBytes: 2_700,
            },
            workerRestarts: 0,
            lostInRestarts: 0,
          },
          live: {
            clients: 0,
            resyncsSent: 0,
            droppedClients: 0,
            queuedBytes: 0,
            unackedBytes: 0,
            pendingTraces: 0,
            deferredBatches: 0,
            pendingDiagnoses: 0,
            diagnosedTraces: 0,
            bounds: DEFAULT_LIVE_BOUNDS,
          },
        }),
      ),
    ) as unknown;
    const snapshot = parseDaemonStats(body);
    expect(snapshot).toMatchObject({
      received: 12,
      accepted: 10,
      rejected: 2,
      documents: 0,
      evictedTraces: 0,
      evictedDocuments: 0,
      receiveBufferBytes: 8_388_608,
      kernelDrops: 7,
      queuedBytes: 0,
      peakQueuedBytes: 4_096,
      queueOverflow: 3,
      lostInRestarts: 0,
    });
    if (typeof snapshot === "string") throw new Error(snapshot);
    expect(snapshot.cpuMicros).toBeGreaterThan(0);
    expect(snapshot.rssBytes).toBeGreaterThan(0);
  });

  it("names the first field it cannot find", () => {
    expect(parseDaemonStats({ datagrams: { received: 1 } })).toBe(
      "/api/stats has no number at datagrams.accepted",
    );
    expect(parseDaemonStats("not an object")).toBe(
      "/api/stats has no number at datagrams.received",
    );
  });
});
