import {
  acceptedHostileTraces,
  CHAIN_LENGTH,
  type FixtureRun,
  fixtureDocument,
  fixtureTraceId,
  loadFixtureRun,
} from "@xray-sandbox/fixtures";
import {
  epochMillis,
  parseDatagram,
  type SegmentEntry,
  scanDocumentText,
  type TraceDetailBody,
  type TraceNode,
  TraceStore,
  type TraceSummary,
} from "@xray-sandbox/segments";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.ts";
import { errorHandler } from "../error-handler.ts";
import { tracesRoutes } from "./traces.ts";

/** run1's `/user` request: a segment, its `UserData` subsegment and that one's `format`. */
const USER = fixtureDocument("run1-basic", "002.dgram");
const USER_TRACE = fixtureTraceId("run1-basic", "002.dgram");
const STREAMED_TRACE = fixtureTraceId("run2-streaming-default", "005.dgram");

function storeWith(...runs: FixtureRun[]): TraceStore {
  const store = new TraceStore({ maxTraces: 100, maxBytes: 1 << 24 });
  let now = 1_000;
  for (const run of runs) {
    for (const { bytes } of loadFixtureRun(run)) {
      const parsed = parseDatagram(bytes);
      if (parsed.ok) store.ingest(parsed.document, parsed.raw, bytes.length, epochMillis(now++));
    }
  }
  return store;
}

function appFor(store: TraceStore): Hono {
  const app = new Hono();
  app.route("/api", tracesRoutes({ store }));
  app.onError(errorHandler(silentLogger()));
  return app;
}

async function get<T>(app: Hono, path: string, status = 200): Promise<T> {
  const response = await app.request(path);
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}

interface List<T> {
  traces: T[];
  nextCursor?: string;
  total: number;
}

function names(nodes: readonly TraceNode[]): unknown[] {
  return nodes.map((node) =>
    node.children.length === 0
      ? node.document.name
      : { [node.document.name]: names(node.children) },
  );
}

describe("GET /api/traces", () => {
  it("lists summaries newest first with the total", async () => {
    const store = storeWith("run1-basic");
    const body = await get<List<TraceSummary>>(appFor(store), "/api/traces");
    expect(body.total).toBe(12);
    expect(body.nextCursor).toBeUndefined();
    expect(body.traces.map((summary) => summary.id)).toEqual(store.traceIds());
    expect(body.traces.at(-1)?.http?.url).toBe("http://127.0.0.1:3900/");
    expect(body.traces[0]).toMatchObject({ root: { name: "sample-express" }, segmentCount: 1 });
  });

  it("keeps the traces a filter expression matches", async () => {
    const app = appFor(storeWith("run1-basic"));
    const query = encodeURIComponent('http.url ENDSWITH "/user" AND annotation.route = "user"');
    const body = await get<List<TraceSummary>>(app, `/api/traces?filter=${query}`);
    expect(body.total).toBe(2);
    expect(body.traces.map((summary) => summary.id)).toEqual([
      "1-5759e988-bd862e3fe1be46a994272793",
      USER_TRACE,
    ]);
  });

  it("answers a bad filter with 400 and where the parser stopped", async () => {
    const app = appFor(storeWith("run1-basic"));
    const response = await app.request(
      `/api/traces?filter=${encodeURIComponent("http.status = ")}`,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "INVALID_FILTER",
        message: expect.stringContaining("line 1, column 15"),
        offset: 14,
        length: 0,
        line: 1,
        column: 15,
        expected: expect.arrayContaining(["number"]),
      },
    });
  });

  it("pages with limit and cursor until every trace was listed once", async () => {
    const store = storeWith("run1-basic");
    const app = appFor(store);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = cursor === undefined ? "" : `&cursor=${cursor}`;
      const body = await get<List<TraceSummary>>(app, `/api/traces?limit=5${query}`);
      expect(body.total).toBe(12);
      seen.push(...body.traces.map((summary) => summary.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(store.traceIds());
  });

  it("gives an empty page when the cursor's trace was cleared since", async () => {
    const store = storeWith("run1-basic");
    const app = appFor(store);
    const first = await get<List<TraceSummary>>(app, "/api/traces?limit=2");
    store.clear();
    const next = await get<List<TraceSummary>>(app, `/api/traces?cursor=${first.nextCursor}`);
    expect(next).toEqual({ traces: [], total: 0 });
  });

  it("refuses a limit or cursor it cannot use", async () => {
    const app = appFor(storeWith("run1-basic"));
    for (const [path, code] of [
      ["/api/traces?limit=0", "INVALID_LIMIT"],
      ["/api/traces?limit=1001", "INVALID_LIMIT"],
      ["/api/traces?limit=ten", "INVALID_LIMIT"],
      ["/api/traces?cursor=bm90LWEtdHJhY2U", "INVALID_CURSOR"],
      ["/api/traces?expand=yes", "INVALID_PARAMETER"],
    ] as const) {
      const body = await get<{ error: { code: string } }>(app, path, 400);
      expect(body.error.code, path).toBe(code);
    }
  });

  it("with expand=true returns assembled traces", async () => {
    const app = appFor(storeWith("run1-basic"));
    const body = await get<List<TraceDetailBody>>(app, "/api/traces?limit=1&expand=true");
    expect(body.traces).toHaveLength(1);
    expect(body.traces[0]).toMatchObject({
      id: "1-5759e988-bd862e3fe1be46a994272795",
      summary: { id: "1-5759e988-bd862e3fe1be46a994272795" },
      segments: [{ kind: "segment", document: { name: "sample-express" } }],
    });
  });
});

describe("GET /api/traces/:id", () => {
  it("returns the summary, the tree with children instead of embedded subsegments, and the raw documents", async () => {
    const app = appFor(storeWith("run1-basic"));
    const body = await get<TraceDetailBody>(app, `/api/traces/${USER_TRACE}`);
    expect(body.summary).toMatchObject({ id: USER_TRACE, subsegmentCount: 2 });
    expect(names(body.segments)).toEqual([{ "sample-express": [{ UserData: ["format"] }] }]);
    const userData = body.segments[0]?.children[0];
    expect(userData?.document).toMatchObject({
      annotations: { userId: "u-42", premium: true, score: 9.5 },
      metadata: { db: { rows: 3 } },
    });
    expect(userData?.document).not.toHaveProperty("subsegments");
    expect(body.orphans).toEqual([]);
    expect(body.documents).toHaveLength(1);
    expect(JSON.parse(body.documents[0]?.raw ?? "")).toMatchObject({ id: USER.id });
    expect(body.documents[0]).toMatchObject({ receivedAt: 1_001, bytes: expect.any(Number) });
  });

  it("assembles subsegments streamed before their parent", async () => {
    const app = appFor(storeWith("run2-streaming-default"));
    const body = await get<TraceDetailBody>(app, `/api/traces/${STREAMED_TRACE}`);
    expect(body.documents.length).toBeGreaterThan(1);
    expect(body.orphans).toEqual([]);
    expect(body.summary.subsegmentCount).toBe(105);
  });

  it("answers 404 with a reason for an unknown or malformed id", async () => {
    const app = appFor(storeWith("run1-basic"));
    const unknown = await get<{ error: { code: string; message: string } }>(
      app,
      "/api/traces/1-00000000-000000000000000000000000",
      404,
    );
    expect(unknown.error).toEqual({
      code: "TRACE_NOT_FOUND",
      message: expect.stringContaining("no trace 1-00000000-000000000000000000000000 in the store"),
    });
    const malformed = await get<{ error: { message: string } }>(app, "/api/traces/abc", 404);
    expect(malformed.error.message).toBe(
      '"abc" is not a trace id (expected 1-<8 hex digits>-<24 hex digits>)',
    );
  });

  it("serves a chain of 10 000 subsegments whole, and lists it with bounded paths", async () => {
    const chain = acceptedHostileTraces().find((hostile) => hostile.nodes === CHAIN_LENGTH + 1);
    if (!chain) throw new Error("no chain among the hostile traces");
    const store = new TraceStore({ maxTraces: 1, maxBytes: 1 << 24 });
    chain.documents.forEach((text, i) => {
      const scanned = scanDocumentText(text);
      if (scanned.ok) store.ingest(scanned.index, scanned.raw, text.length, epochMillis(i));
    });
    const app = appFor(store);
    const detail = await get<TraceDetailBody>(app, `/api/traces/${chain.traceId}`);
    let depth = 0;
    for (let node = detail.segments[0]; node; node = node.children[0]) depth++;
    expect(depth).toBe(CHAIN_LENGTH + 1);
    const segments = await get<{ segments: SegmentEntry[] }>(app, "/api/segments?limit=2000");
    expect(segments.segments).toHaveLength(CHAIN_LENGTH + 1);
    const last = segments.segments.at(-1);
    expect(last?.depth).toBe(CHAIN_LENGTH);
    expect(last?.path).toEqual([
      "chain",
      `… ${CHAIN_LENGTH - 30} levels …`,
      ...Array.from({ length: 30 }, (_, i) => `link-${CHAIN_LENGTH - 29 + i}`),
    ]);
    expect(segments.segments[31]?.path).toHaveLength(32);
    expect(segments.segments[31]?.path.at(-1)).toBe("link-31");
  });
});

describe("DELETE /api/traces", () => {
  it("empties the store and says how many traces it removed", async () => {
    const store = storeWith("run1-basic");
    const app = appFor(store);
    const response = await app.request("/api/traces", { method: "DELETE" });
    expect(await response.json()).toEqual({ removed: 12 });
    expect(await get<List<TraceSummary>>(app, "/api/traces")).toEqual({ traces: [], total: 0 });
  });
});

describe("GET /api/segments", () => {
  it("flattens every node with its trace, path and flags, newest trace first", async () => {
    const app = appFor(storeWith("run1-basic"));
    const filter = encodeURIComponent(`http.url ENDSWITH "/user"`);
    const body = await get<{ segments: SegmentEntry[]; total: number }>(
      app,
      `/api/segments?filter=${filter}`,
    );
    expect(body.total).toBe(6);
    expect(body.segments.map((entry) => [entry.traceId, entry.path.join(" > ")])).toEqual([
      ["1-5759e988-bd862e3fe1be46a994272793", "sample-express"],
      ["1-5759e988-bd862e3fe1be46a994272793", "sample-express > UserData"],
      ["1-5759e988-bd862e3fe1be46a994272793", "sample-express > UserData > format"],
      [USER_TRACE, "sample-express"],
      [USER_TRACE, "sample-express > UserData"],
      [USER_TRACE, "sample-express > UserData > format"],
    ]);
    expect(body.segments[4]).toMatchObject({
      id: USER.subsegments?.[0]?.id,
      name: "UserData",
      kind: "subsegment",
      segmentId: USER.id,
      parentId: USER.id,
      independent: false,
      orphan: false,
      document: { annotations: { userId: "u-42" } },
    });
    expect(body.segments[4]?.document).not.toHaveProperty("subsegments");
  });

  it("pages at most 2000 nodes at a time, whole traces, each node once", async () => {
    const store = new TraceStore({ maxTraces: 10_000, maxBytes: 1 << 26 });
    // 1 500 traces of three nodes: a segment, an embedded and a streamed subsegment.
    for (let n = 0; n < 1_500; n++) {
      const traceId = `1-6b080246-${n.toString(16).padStart(24, "0")}`;
      const id = n.toString(16).padStart(15, "0");
      const documents = [
        `{"trace_id":"${traceId}","id":"a${id}","name":"api","start_time":1795686982,"end_time":1795686983,"subsegments":[{"id":"b${id}","name":"db","start_time":1795686982.1,"end_time":1795686982.2}]}`,
        `{"trace_id":"${traceId}","id":"c${id}","type":"subsegment","parent_id":"a${id}","name":"cache","start_time":1795686982.3,"end_time":1795686982.4}`,
      ];
      for (const text of documents) {
        const scanned = scanDocumentText(text);
        if (!scanned.ok) throw new Error(scanned.rejection.message);
        store.ingest(scanned.index, scanned.raw, text.length, epochMillis(n));
      }
    }
    const app = appFor(store);
    const tooMany = await get<{ error: { code: string; message: string } }>(
      app,
      "/api/segments?limit=2001",
      400,
    );
    expect(tooMany.error).toEqual({
      code: "INVALID_LIMIT",
      message: 'limit must be a whole number from 1 to 2000, got "2001"',
    });

    const seen = new Set<string>();
    let cursor = "";
    let pages = 0;
    do {
      const page = await get<{ segments: SegmentEntry[]; total: number; nextCursor?: string }>(
        app,
        `/api/segments?limit=2000${cursor === "" ? "" : `&cursor=${cursor}`}`,
      );
      expect(page.total).toBe(4_500);
      expect(page.segments.length).toBeLessThanOrEqual(2_000);
      // Whole traces: three nodes each, so a full page stops at 1 998.
      expect(page.segments.length % 3).toBe(0);
      for (const entry of page.segments) seen.add(entry.id);
      cursor = page.nextCursor ?? "";
      pages++;
    } while (cursor !== "");
    expect(pages).toBe(3);
    expect(seen.size).toBe(4_500);
  });

  it("lists a subsegment whose parent has not arrived as an orphan", async () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 1 << 20 });
    const [streamed] = loadFixtureRun("run2-streaming-default");
    const parsed = streamed && parseDatagram(streamed.bytes);
    if (!parsed?.ok) throw new Error("the first streaming datagram should parse");
    expect(parsed.document.type).toBe("subsegment");
    store.ingest(parsed.document, parsed.raw, 100, epochMillis(0));
    const body = await get<{ segments: SegmentEntry[] }>(appFor(store), "/api/segments");
    expect(body.segments[0]).toMatchObject({ orphan: true, independent: true, kind: "subsegment" });
  });

  it("pages by whole traces, keeping a trace larger than the limit whole", async () => {
    const app = appFor(storeWith("run1-basic"));
    type Page = { segments: SegmentEntry[]; nextCursor?: string; total: number };
    const first = await get<Page>(app, "/api/segments?limit=2");
    expect(first.total).toBe(20);
    expect(first.segments.map((entry) => entry.path.join(" > "))).toEqual(["sample-express"]);
    const second = await get<Page>(app, `/api/segments?limit=2&cursor=${first.nextCursor}`);
    expect(second.segments.map((entry) => entry.path.join(" > "))).toEqual([
      "sample-express",
      "sample-express > UserData",
      "sample-express > UserData > format",
    ]);
    let count = first.segments.length + second.segments.length;
    let cursor = second.nextCursor;
    while (cursor !== undefined) {
      const page = await get<Page>(app, `/api/segments?limit=2&cursor=${cursor}`);
      count += page.segments.length;
      cursor = page.nextCursor;
    }
    expect(count).toBe(20);
  });
});
