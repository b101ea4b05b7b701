import { epochMillis, TraceStore } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { GroupRegistry } from "../groups/group-registry.ts";
import type { DocumentOutcome } from "../ingest/ingest-outcome.ts";
import { IngestService } from "../ingest/ingest-service.ts";
import { silentLogger } from "../logger.ts";
import { OtlpIntake } from "../otlp/otlp-intake.ts";
import { RejectionLog } from "../rejection-log.ts";
import { SamplingState } from "../sampling/sampling-state.ts";
import type { DaemonStats } from "../stats.ts";
import { TelemetryLog } from "../telemetry/telemetry-log.ts";
import { ImportService } from "../transfer/import-service.ts";
import { createApp } from "./app.ts";
import { HostOriginGuard } from "./host-origin-guard.ts";

const stats = { traces: 7 } as unknown as DaemonStats;
const unused: DocumentOutcome = { status: "rejected", reason: "internal-error", message: "unused" };

function makeApp() {
  const rejections = new RejectionLog(2);
  const store = new TraceStore({ maxTraces: 10, maxBytes: 1 << 20 });
  const app = createApp({
    version: "9.9.9",
    uptimeSeconds: () => 12.5,
    stats: () => stats,
    rejections,
    store,
    sampling: new SamplingState(),
    groups: new GroupRegistry(),
    putDocument: () => unused,
    telemetry: new TelemetryLog(),
    imports: new ImportService({ ingest: () => unused }),
    logger: silentLogger(),
    guard: new HostOriginGuard({
      bindHost: "127.0.0.1",
      port: () => 2000,
      allowHosts: [],
      allowOrigins: [],
    }),
    viewerDir: "/nonexistent/viewer/dist",
    otlp: new OtlpIntake({
      ingest: new IngestService({ store, rejections, logger: silentLogger() }),
      translate: { indexAllAttributes: false, indexedAttributes: [] },
      keepUnsampled: false,
    }),
  });
  return { app, rejections };
}

describe("createApp", () => {
  it("GET /api/health reports ok, the version and the uptime", async () => {
    const response = await makeApp().app.request("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", version: "9.9.9", uptimeSeconds: 12.5 });
  });

  it("GET /api/stats returns the daemon's stats", async () => {
    const response = await makeApp().app.request("/api/stats");
    expect(await response.json()).toEqual({ traces: 7 });
  });

  it("GET /api/rejected lists kept rejections newest first with counts by reason", async () => {
    const { app, rejections } = makeApp();
    for (const [n, reason] of [
      [1, "not-json"],
      [2, "not-json"],
      [3, "otlp-bad-base64"],
    ] as const) {
      rejections.record({
        receivedAt: epochMillis(n * 1000),
        from: `10.0.0.1:${n}`,
        bytes: new TextEncoder().encode(`#${n}`),
        reason,
        message: `m${n}`,
      });
    }
    const body = (await (await app.request("/api/rejected")).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      kept: 2,
      max: 2,
      byReason: { "not-json": 2, "otlp-bad-base64": 1 },
      rejections: [
        { from: "10.0.0.1:3", reason: "otlp-bad-base64", preview: "#3" },
        { from: "10.0.0.1:2", reason: "not-json", preview: "#2" },
      ],
    });
  });

  it("answers unknown paths with a 404 naming every route", async () => {
    const response = await makeApp().app.request("/api/nope");
    expect(response.status).toBe(404);
    const body = (await response.json()) as { paths: string[] };
    expect(body.paths).toEqual([
      "DELETE /api/traces",
      "GET /api/auth/session",
      "GET /api/export",
      "GET /api/groups",
      "GET /api/health",
      "GET /api/import/progress",
      "GET /api/live",
      "GET /api/rejected",
      "GET /api/sampling",
      "GET /api/sampling/diagnosis",
      "GET /api/segments",
      "GET /api/stats",
      "GET /api/traces",
      "GET /api/traces/:id",
      "GET /api/traces/:id/problems",
      "GET /api/traces/distribution",
      "GET /api/traces/query",
      ...[
        "/CancelTraceRetrieval",
        "/CreateGroup",
        "/CreateSamplingRule",
        "/DeleteGroup",
        "/DeleteResourcePolicy",
        "/DeleteSamplingRule",
        "/EncryptionConfig",
        "/GetGroup",
        "/GetIndexingRules",
        "/GetRetrievedTracesGraph",
        "/GetSamplingRules",
        "/GetTraceSegmentDestination",
        "/Groups",
        "/Insight",
        "/InsightEvents",
        "/InsightImpactGraph",
        "/InsightSummaries",
        "/ListResourcePolicies",
        "/ListRetrievedTraces",
        "/ListTagsForResource",
        "/PutEncryptionConfig",
        "/PutResourcePolicy",
        "/SamplingStatisticSummaries",
        "/SamplingTargets",
        "/ServiceGraph",
        "/StartTraceRetrieval",
        "/TagResource",
        "/TelemetryRecords",
        "/TimeSeriesServiceStatistics",
        "/TraceGraph",
        "/TraceSegments",
        "/TraceSummaries",
        "/Traces",
        "/UntagResource",
        "/UpdateGroup",
        "/UpdateIndexingRule",
        "/UpdateSamplingRule",
        "/UpdateTraceSegmentDestination",
      ].map((path) => `POST ${path}`),
      "POST /api/auth/login",
      "POST /api/auth/logout",
      "POST /api/import",
      "POST /v1/logs",
      "POST /v1/metrics",
      "POST /v1/traces",
    ]);
  });
});
