/**
 * The trace doctor over HTTP, on what the real Node X-Ray SDK (aws-xray-sdk-core, manual
 * mode) sends: each mistake made with the SDK's own API, the datagrams sent by its emitter,
 * the problems read back from `GET /api/traces/:id/problems`. Also the `code` of rejected
 * datagrams and the sampling diagnosis.
 */

import type {
  ProblemCode,
  RejectedBody,
  SamplingDiagnosisBody,
  TraceId,
  TraceProblemsBody,
} from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { getJson, startTestDaemon, traceId } from "./support/daemon.ts";
import { sendDatagrams } from "./support/udp.ts";

type XRay = typeof import("aws-xray-sdk-core");

let daemon: Daemon;
let AWSXRay: XRay;

beforeAll(async () => {
  daemon = await startTestDaemon();
  process.env.AWS_XRAY_CONTEXT_MISSING = "IGNORE_ERROR";
  ({ default: AWSXRay } = await import("aws-xray-sdk-core"));
  const quiet = () => {};
  AWSXRay.setLogger({ error: quiet, warn: quiet, info: quiet, debug: quiet });
  AWSXRay.setDaemonAddress(daemon.sdkAddress);
  AWSXRay.enableManualMode();
});

afterAll(async () => {
  await daemon?.close();
});

/** Waits until the store holds `documents` documents of the trace. */
async function stored(id: TraceId, documents: number): Promise<void> {
  await vi.waitFor(
    () =>
      expect(daemon.store.getTrace(id)?.documents.length ?? 0).toBeGreaterThanOrEqual(documents),
    { timeout: 15_000, interval: 20 },
  );
}

async function problems(id: TraceId, query = ""): Promise<TraceProblemsBody> {
  return getJson<TraceProblemsBody>(daemon, `/api/traces/${id}/problems${query}`);
}

function codes(body: TraceProblemsBody): ProblemCode[] {
  return body.problems.map((problem) => problem.code);
}

describe("GET /api/traces/:id/problems on the Node SDK's real output", () => {
  it("finds a subsegment flushed in progress and never closed: an orphan that never completed", async () => {
    const segment = new AWSXRay.Segment("doctor-left-open");
    const subsegment = segment.addNewSubsegment("left-open");
    subsegment.flush();
    const id = traceId(segment.trace_id);
    await stored(id, 1);
    const body = await problems(id, "?neverCompletedAfter=0");
    expect(codes(body)).toEqual(expect.arrayContaining(["orphan-subsegment", "never-completed"]));
    const orphan = body.problems.find((problem) => problem.code === "orphan-subsegment");
    expect(orphan).toMatchObject({ nodeId: subsegment.id, nodeName: "left-open" });
    expect(orphan?.fix.node).toContain("openSegment");
    expect(body.neverCompletedAfterSeconds).toBe(0);
    // With the default age the in-progress subsegment is not judged yet.
    expect(codes(await problems(id))).not.toContain("never-completed");
  });

  it("finds a subsegment closed after its segment", async () => {
    const segment = new AWSXRay.Segment("doctor-late-child");
    const subsegment = segment.addNewSubsegment("fire-and-forget");
    segment.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    subsegment.close();
    const id = traceId(segment.trace_id);
    await stored(id, 1);
    const body = await problems(id);
    expect(codes(body)).toEqual(["child-outlives-parent"]);
    expect(body.problems[0]).toMatchObject({ sdk: "node", nodeName: "fire-and-forget" });
    expect(Object.keys(body.problems[0]?.fix ?? {})[0]).toBe("node");
  });

  it("finds what the SDK sends without complaint: bad annotation keys, AWS. metadata, SQL literals, bare flags, a bad name", async () => {
    const segment = new AWSXRay.Segment("orders<api>");
    segment.addAnnotation("user.id", "u1");
    segment.addMetadata("note", "mine", "AWS.custom");
    const query = segment.addNewSubsegment("users-db");
    // What a hand-rolled database patch passes to the SDK's own setter.
    query.addSqlData({
      ...new AWSXRay.database.SqlData(undefined, undefined, "app", "postgres://db/users"),
      sanitized_query: "SELECT * FROM users WHERE email = 'bob@example.com'",
      database_type: "PostgreSQL",
    });
    query.close();
    const flagged = segment.addNewSubsegment("flagged");
    flagged.addErrorFlag();
    flagged.close();
    const faulted = segment.addNewSubsegment("faulted");
    faulted.addFaultFlag();
    faulted.close();
    segment.close();
    const id = traceId(segment.trace_id);
    await stored(id, 1);
    expect(new Set(codes(await problems(id)))).toEqual(
      new Set([
        "annotation-dropped",
        "namespace-reserved",
        "sql-unsanitised",
        "error-without-cause",
        "fault-without-cause",
        "name-invalid",
      ]),
    );
  });

  it("finds a trace id from an old header, which X-Ray would reject", async () => {
    const segment = new AWSXRay.Segment(
      "doctor-old-trace",
      "1-5759e988-bd862e3fe1be46a994272793",
      "53995c3f42cd8ad8",
    );
    segment.close();
    const id = traceId(segment.trace_id);
    await stored(id, 1);
    const body = await problems(id);
    expect(codes(body)).toEqual(["trace-id-invalid", "parent-not-in-trace"]);
    expect(body.counts).toMatchObject({ total: 2, error: 1, info: 1 });
    const summary = daemon.store.getSummary(id);
    expect(summary?.problems?.codes).toEqual(["trace-id-invalid", "parent-not-in-trace"]);
  });

  it("lists traces by their problems with the filter language", async () => {
    const response = await getJson<{ traces: { id: string }[] }>(
      daemon,
      `/api/traces?filter=${encodeURIComponent('problem = "trace-id-invalid"')}`,
    );
    expect(response.traces).toHaveLength(1);
    const all = await getJson<{ total: number }>(
      daemon,
      `/api/traces?filter=${encodeURIComponent("problems > 0")}`,
    );
    expect(all.total).toBeGreaterThanOrEqual(4);
  });

  it("answers 404 for an unknown trace and 400 for a bad age", async () => {
    const missing = await fetch(
      `${daemon.url}/api/traces/1-5759e988-000000000000000000000000/problems`,
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "TRACE_NOT_FOUND" } });
    const segment = new AWSXRay.Segment("doctor-any");
    segment.close();
    const id = traceId(segment.trace_id);
    await stored(id, 1);
    const bad = await fetch(`${daemon.url}/api/traces/${id}/problems?neverCompletedAfter=soon`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: "INVALID_PARAMETER", message: expect.stringContaining("neverCompletedAfter") },
    });
  });
});

describe("rejected datagrams", () => {
  it("carry the code of the explanation of their reason", async () => {
    await sendDatagrams(daemon.udpAddress, [new TextEncoder().encode('{"name":"no header"}')]);
    const body = await vi.waitFor(
      async () => {
        const rejected = await getJson<RejectedBody>(daemon, "/api/rejected");
        expect(rejected.rejections.length).toBeGreaterThan(0);
        return rejected;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(body.rejections[0]?.code).toBe("bad-header");
  });
});

describe("GET /api/sampling/diagnosis", () => {
  it("says no SDK has fetched rules yet, then explains a used-up reservoir per rule and client", async () => {
    const fresh = await startTestDaemon();
    try {
      const before = await getJson<SamplingDiagnosisBody>(fresh, "/api/sampling/diagnosis");
      expect(before.code).toBe("not-sampled");
      expect(before.summary[0]).toContain("No SDK has fetched sampling rules");
      await fetch(`${fresh.url}/GetSamplingRules`, { method: "POST", body: "{}" });
      const report = await fetch(`${fresh.url}/SamplingTargets`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          SamplingStatisticsDocuments: [
            {
              RuleName: "Default",
              ClientID: "0123456789abcdef01234567",
              RequestCount: 20,
              SampledCount: 2,
              BorrowCount: 1,
              Timestamp: Date.now() / 1000,
            },
          ],
        }),
      });
      expect(report.status).toBe(200);
      const after = await getJson<SamplingDiagnosisBody>(fresh, "/api/sampling/diagnosis");
      expect(after.lastRulesFetch).not.toBeNull();
      const rule = after.rules.find((entry) => entry.ruleName === "Default");
      expect(rule).toMatchObject({ requests: 20, sampled: 2, notSampled: 18 });
      expect(rule?.explanations.join(" ")).toContain("reservoir");
      expect(after.clients[0]).toMatchObject({
        clientId: "0123456789abcdef01234567",
        notSampled: 18,
      });
      expect(after.summary.join(" ")).toContain("18 requests");
    } finally {
      await fresh.close();
    }
  });
});
