/**
 * The OpenTelemetry flavour (`src/otel/main.ts`) against a real daemon: its spans, exported
 * over OTLP/HTTP protobuf to the daemon's main port, arrive as X-Ray documents with the same
 * segment and subsegment names as the X-Ray SDK flavour's, and the UserData metadata.
 */

import {
  findSegment,
  findSubsegment,
  type Sandbox,
  startSandbox,
  type TraceRecord,
} from "@xray-sandbox/testing";
import "@xray-sandbox/testing/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, READY_TIMEOUT_MS, startBackend } from "./support/backend.ts";

type TraceNode = TraceRecord["segments"][number];

const SERVICE = "sample-backend-otel";
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** X-Ray's form of a trace id: the OpenTelemetry id, split after its first 8 hex digits. */
const XRAY_TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

let sandbox: Sandbox;
let backend: Backend;

beforeAll(async () => {
  sandbox = await startSandbox();
  backend = await startBackend(sandbox, { flavour: "otel" });
}, READY_TIMEOUT_MS);

afterAll(async () => {
  await backend?.stop();
  await sandbox?.close();
});

async function traced(
  path: string,
  segments = 1,
  call: { method?: "GET" | "POST"; json?: unknown } = {},
): Promise<{ status: number; body: unknown; trace: TraceRecord }> {
  const answer = await backend.call(path, call);
  expect(answer.traceId).toMatch(XRAY_TRACE_ID);
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

/** The names of the subsegments directly under `node`. */
function childNames(node: TraceNode): string[] {
  return node.children.map((child) => child.document.name);
}

describe("GET /api/activities/@:handle under OpenTelemetry", () => {
  it("sends a UserData span whose attributes land as UserData (and default) metadata", async () => {
    const { status, trace } = await traced("/api/activities/@andrewbrown");
    expect(status).toBe(200);
    expect(trace).toHaveSegment(SERVICE, {
      http: {
        request: { method: "GET", url: /\/api\/activities\/@andrewbrown$/ },
        response: { status: 200 },
      },
    });
    const userData = subsegment(trace, "UserData");
    expect(userData.document.metadata).toEqual({
      UserData: { username: "andrewbrown", timestamp: expect.stringMatching(ISO_TIME) },
      default: { username: "andrewbrown", timestamp: expect.stringMatching(ISO_TIME) },
    });
    expect(childNames(userData)).toEqual(["social@sqlite", "social@sqlite"]);
    expect(userData.children[0]?.document).toMatchObject({
      namespace: "remote",
      sql: {
        database_type: "sqlite",
        sanitized_query: "SELECT id, handle, display_name, bio FROM users WHERE handle = ?",
      },
    });
    // The Express instrumentation's span for the route sits between the segment and UserData.
    const segment = findSegment(trace, SERVICE);
    expect(segment?.children.map((child) => child.document.name)).toEqual([
      expect.stringMatching(/^request handler/),
    ]);
    expect(segment?.children[0]?.children.map((child) => child.document.name)).toEqual([
      "UserData",
    ]);
  });

  it("answers an unknown handle with a 404, flagged as an error and not a fault", async () => {
    const { status, trace } = await traced("/api/activities/@nobody");
    expect(status).toBe(404);
    expect(trace).toBeError();
    expect(trace).not.toBeFault();
  });
});

describe("the other routes under OpenTelemetry", () => {
  it("nests the query and the ranking under HomeFeed", async () => {
    const { trace } = await traced("/api/activities/home");
    expect(childNames(subsegment(trace, "HomeFeed"))).toEqual(["social@sqlite", "rank-activities"]);
  });

  it("makes the attributes listed in aws.xray.annotations annotations of the segment", async () => {
    const { body, trace } = await traced("/api/activities/search?q=tracing");
    const results = (body as { results: unknown[] }).results;
    expect(trace).toHaveSegment(SERVICE, {
      annotations: { search_term: "tracing", result_count: results.length },
      metadata: { search: { results } },
    });
  });

  it("answers a 429 past the per-sender limit, flagged throttle and error", async () => {
    const post = { method: "POST", json: { from: "garak", to: "londo", body: "Hi." } } as const;
    let last = await traced("/api/messages", 1, post);
    for (let sent = 1; last.status === 201 && sent <= 3; sent += 1) {
      last = await traced("/api/messages", 1, post);
    }
    expect(last.status).toBe(429);
    expect(last.trace).toBeThrottle();
    expect(last.trace).toBeError();
    expect(last.trace).not.toBeFault();
  });

  it("records an exception as the segment's fault and cause", async () => {
    const { status, trace } = await traced("/api/users/@legacyuser/settings");
    expect(status).toBe(500);
    expect(trace).toBeFault();
    const cause = findSegment(trace, SERVICE)?.document.cause;
    expect(cause).toMatchObject({ exceptions: [{ type: "SyntaxError" }] });
  });

  it("joins the X-Ray SDK notifications service to the trace through X-Amzn-Trace-Id", async () => {
    const { status, trace } = await traced("/api/notifications/@andrewbrown", 2);
    expect(status).toBe(200);
    const backendSegment = findSegment(trace, SERVICE);
    const notifications = findSegment(trace, "notifications");
    expect(notifications?.document.parent_id).toBeDefined();
    // Its parent is the http instrumentation's CLIENT span: a remote subsegment of the backend.
    const call = backendSegment
      ? nodeWithId([backendSegment], notifications?.document.parent_id)
      : undefined;
    expect(call?.document).toMatchObject({ namespace: "remote" });
  });
});

function nodeWithId(nodes: readonly TraceNode[], id: string | undefined): TraceNode | undefined {
  for (const node of nodes) {
    if (node.document.id === id) return node;
    const found = nodeWithId(node.children, id);
    if (found) return found;
  }
  return undefined;
}
