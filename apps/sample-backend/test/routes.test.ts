/**
 * Each route's segments, as the sandbox received them from the backend and its
 * notifications service running as child processes with the real SDK.
 */

import {
  allNodes,
  findSegment,
  findSubsegment,
  type Sandbox,
  startSandbox,
  type TraceRecord,
} from "@xray-sandbox/testing";
import "@xray-sandbox/testing/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, startBackend } from "./support/backend.ts";
import { newTraceId } from "./support/trace-id.ts";

/** A segment or subsegment in an assembled trace. */
type TraceNode = TraceRecord["segments"][number];

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let sandbox: Sandbox;
let backend: Backend;

beforeAll(async () => {
  sandbox = await startSandbox();
  backend = await startBackend(sandbox);
});

afterAll(async () => {
  await backend?.stop();
  await sandbox?.close();
});

/** Calls the backend and resolves with the trace once `segments` services' segments are in. */
async function traced(
  path: string,
  options: { segments?: number; method?: "GET" | "POST"; json?: unknown } = {},
): Promise<{ status: number; body: unknown; trace: TraceRecord }> {
  const { segments = 1, ...call } = options;
  const answer = await backend.call(path, call);
  const trace = await sandbox.waitForTrace(
    (candidate) => candidate.id === answer.traceId && candidate.segments.length === segments,
  );
  return { status: answer.status, body: answer.body, trace };
}

function subsegment(trace: TraceRecord, name: string): TraceNode {
  const node = findSubsegment(trace, name);
  if (!node) throw new Error(`trace ${trace.id} has no subsegment ${name}`);
  return node;
}

function childNames(node: TraceNode): string[] {
  return node.children.map((child) => child.document.name);
}

function duration(node: TraceNode): number {
  return (node.document.end_time ?? Number.NaN) - node.document.start_time;
}

describe("GET /api/activities/@:handle", () => {
  it("records a UserData subsegment with the username and the time as metadata", async () => {
    const { status, trace } = await traced("/api/activities/@andrewbrown");
    expect(status).toBe(200);
    expect(trace).toHaveSegment("sample-backend", {
      http: { request: { method: "GET", url: /\/api\/activities\/@andrewbrown$/ } },
    });
    expect(trace).toHaveSubsegment("UserData", {
      metadata: { default: { username: "andrewbrown", timestamp: ISO_TIME } },
    });
    expect(childNames(subsegment(trace, "UserData"))).toEqual(["social@sqlite", "social@sqlite"]);
  });

  it("answers an unknown handle with a 404, flagged as an error and not a fault", async () => {
    const { status, trace } = await traced("/api/activities/@nobody");
    expect(status).toBe(404);
    expect(trace).toBeError();
    expect(trace).not.toBeFault();
    expect(findSegment(trace, "sample-backend")?.document.cause).toBeUndefined();
  });
});

describe("GET /api/activities/home", () => {
  it("nests the query and the ranking under the HomeFeed subsegment", async () => {
    const { status, trace } = await traced("/api/activities/home");
    expect(status).toBe(200);
    expect(childNames(subsegment(trace, "HomeFeed"))).toEqual(["social@sqlite", "rank-activities"]);
  });
});

describe("GET /api/activities/search", () => {
  it("annotates what was searched (filterable) and keeps the results in metadata", async () => {
    const { status, body, trace } = await traced("/api/activities/search?q=tracing");
    expect(status).toBe(200);
    const results = (body as { results: unknown[] }).results;
    expect(results.length).toBeGreaterThan(0);
    expect(trace).toHaveSegment("sample-backend", {
      annotations: { search_term: "tracing", result_count: results.length },
      metadata: { search: { results } },
    });

    const found = await sandbox.traces('annotation.search_term = "tracing"');
    expect(found.map((candidate) => candidate.id)).toContain(trace.id);
  });

  it("answers a search without a term with a 400", async () => {
    const { status, trace } = await traced("/api/activities/search");
    expect(status).toBe(400);
    expect(trace).toBeError();
  });
});

describe("GET /api/messages/@:handle", () => {
  it("wraps each query in a remote subsegment carrying the sql block", async () => {
    const { status, trace } = await traced("/api/messages/@andrewbrown");
    expect(status).toBe(200);
    expect(trace).toHaveSubsegment("social@sqlite", {
      namespace: "remote",
      sql: {
        database_type: "SQLite",
        database_version: /^3\.\d+\.\d+$/,
        driver_version: /^sql\.js \d+\.\d+\.\d+$/,
        url: "sqlite::memory:social",
        preparation: "prepared",
        sanitized_query: /FROM messages m .* WHERE m\.recipient_id = \? /s,
      },
    });
  });
});

describe("POST /api/messages", () => {
  it("answers a 429 past the per-sender limit, flagged throttle and error", async () => {
    const message = { from: "garak", to: "londo", body: "A stitch in time." };
    let last = await traced("/api/messages", { method: "POST", json: message });
    for (let sent = 1; last.status === 201 && sent <= 3; sent += 1) {
      last = await traced("/api/messages", { method: "POST", json: message });
    }
    expect(last.status).toBe(429);
    expect(last.trace).toBeThrottle();
    expect(last.trace).toBeError();
    expect(last.trace).not.toBeFault();
  });
});

describe("GET /api/users/@:handle/settings", () => {
  it("records the uncaught exception as a fault with its stack", async () => {
    const { status, trace } = await traced("/api/users/@legacyuser/settings");
    expect(status).toBe(500);
    expect(trace).toBeFault();
    expect(trace).toHaveSegment("sample-backend", {
      http: { response: { status: 500 } },
      cause: {
        exceptions: [
          {
            type: "SyntaxError",
            message: /is not valid JSON/,
            stack: expect.arrayContaining([
              expect.objectContaining({ path: expect.stringMatching(/user-settings\.ts$/) }),
            ]),
          },
        ],
      },
    });
  });
});

describe("GET /api/notifications/@:handle", () => {
  it("joins the notifications service's segment to the caller's remote subsegment", async () => {
    const { status, trace } = await traced("/api/notifications/@andrewbrown", { segments: 2 });
    expect(status).toBe(200);
    const remote = allNodes(trace).find(
      (node) => node.document.namespace === "remote" && node.document.http,
    );
    if (!remote) throw new Error(`no remote HTTP subsegment in trace ${trace.id}`);
    expect(remote.document.http?.request?.url).toMatch(/\/notifications\/andrewbrown$/);
    const downstream = findSegment(trace, "notifications");
    expect(downstream?.parentId).toBe(remote.document.id);
    expect(downstream?.document.annotations).toEqual({ handle: "andrewbrown" });
    expect(trace.orphans).toEqual([]);
  });

  it("shows the edge between the two services in the service graph", async () => {
    const { trace } = await traced("/api/notifications/@bayko", { segments: 2 });
    const start = Math.floor(trace.summary.startTime) - 1;
    const response = await fetch(`${sandbox.url}/ServiceGraph`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ StartTime: start, EndTime: start + 3600 }),
    });
    expect(response.status).toBe(200);
    const graph = (await response.json()) as {
      Services: { Name: string; ReferenceId: number; Edges: { ReferenceId: number }[] }[];
    };
    const backendNode = graph.Services.find((service) => service.Name === "sample-backend");
    const notifications = graph.Services.find((service) => service.Name === "notifications");
    expect(notifications).toBeDefined();
    expect(backendNode?.Edges.map((edge) => edge.ReferenceId)).toContain(
      notifications?.ReferenceId,
    );
  });

  it("turns a 503 from the notifications service into a 502 fault on both sides", async () => {
    const { status, trace } = await traced("/api/notifications/@andrewbrown?simulate=unavailable", {
      segments: 2,
    });
    expect(status).toBe(502);
    expect(trace).toBeFault();
    expect(trace).toHaveSubsegment("127.0.0.1", {
      namespace: "remote",
      fault: true,
      http: { response: { status: 503 } },
    });
    expect(trace).toHaveSegment("notifications", {
      fault: true,
      http: { response: { status: 503 } },
    });
  });

  it("records a refused connection on the remote subsegment when nothing listens", async () => {
    const { status, trace } = await traced("/api/notifications/@andrewbrown?simulate=unreachable");
    expect(status).toBe(502);
    expect(trace).toBeFault();
    expect(trace).toHaveSubsegment("127.0.0.1", {
      namespace: "remote",
      fault: true,
      cause: { exceptions: [{ message: /ECONNREFUSED/ }] },
    });
  });
});

describe("GET /api/users/@:handle/suggestions", () => {
  it("nests the awaited steps under the captureAsyncFunc subsegment", async () => {
    const { status, body, trace } = await traced("/api/users/@andrewbrown/suggestions");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      suggestions: [{ handle: "londo" }, { handle: "garak" }, { handle: "legacyuser" }],
    });
    const suggest = subsegment(trace, "suggest-follows");
    expect(childNames(suggest)).toEqual(["social@sqlite", "rank-candidates"]);
    expect(suggest.document.metadata).toEqual({ default: { candidates: 3 } });
    expect(duration(subsegment(trace, "rank-candidates"))).toBeGreaterThanOrEqual(0.035);
  });
});

describe("GET /api/activities/trending", () => {
  it("takes about half a second, with three overlapping shards of different widths", async () => {
    const { status, trace } = await traced("/api/activities/trending");
    expect(status).toBe(200);
    const root = findSegment(trace, "sample-backend");
    if (!root) throw new Error("no backend segment");
    expect(duration(root)).toBeGreaterThanOrEqual(0.3);
    expect(childNames(subsegment(trace, "compute-trending"))).toEqual([
      "load-window",
      "score-engagement",
      "rank",
    ]);
    const shards = subsegment(trace, "score-engagement").children;
    expect(shards.map((shard) => shard.document.name)).toEqual([
      "score-shard-1",
      "score-shard-2",
      "score-shard-3",
    ]);
    const [first, , last] = shards;
    if (!first || !last) throw new Error("missing shards");
    expect(duration(last)).toBeGreaterThan(duration(first));
    expect(last.document.start_time).toBeLessThan(first.document.end_time ?? 0);
  });
});

describe("GET /api/activities/digest", () => {
  it("settles with all 120 cards under their parents, the pieces the SDK streamed included", async () => {
    const traceId = newTraceId();
    // Both waits start before the request; the unsettled one takes the first piece it sees.
    const early = sandbox.waitForTrace(traceId, { settle: false });
    const settled = sandbox.waitForTrace(traceId);
    const answer = await backend.call("/api/activities/digest", {
      traceHeader: `Root=${traceId};Sampled=1`,
    });
    expect(answer.status).toBe(200);

    const trace = await settled;
    const digest = subsegment(trace, "build-digest");
    expect(digest.children).toHaveLength(120);
    expect(new Set(childNames(digest))).toEqual(new Set(["render-card"]));
    expect(trace.documents.length).toBeGreaterThan(1);
    expect(trace.orphans).toEqual([]);
    expect(trace.summary).toMatchObject({ inProgress: false, orphanCount: 0 });

    // It may be the whole trace or only its first pieces, never more than the settled one.
    const first = await early;
    expect(first.id).toBe(traceId);
    expect(first.summary.documentCount).toBeLessThanOrEqual(trace.summary.documentCount);
    expect(allNodes(first).length).toBeLessThanOrEqual(allNodes(trace).length);
  });
});
