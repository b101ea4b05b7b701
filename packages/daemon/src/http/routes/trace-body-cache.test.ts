import {
  epochMillis,
  parseDatagram,
  type TraceDetailBody,
  TraceStore,
} from "@xray-sandbox/segments";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../logger.ts";
import { errorHandler } from "../error-handler.ts";
import { TraceBodyCache } from "./trace-body-cache.ts";
import { tracesRoutes } from "./traces.ts";

const TRACE = "1-5759e988-bd862e3fe1be46a994272793";

function datagram(document: Record<string, unknown>): Uint8Array {
  return new TextEncoder().encode(`{"format":"json","version":1}\n${JSON.stringify(document)}`);
}

function ingest(store: TraceStore, document: Record<string, unknown>, at: number): void {
  const bytes = datagram(document);
  const parsed = parseDatagram(bytes);
  if (!parsed.ok) throw new Error("the test document did not parse");
  store.ingest(parsed.document, parsed.raw, bytes.length, epochMillis(at));
}

function setUp(bounds?: { maxEntries: number; maxBytes: number }) {
  const store = new TraceStore({ maxTraces: 100, maxBytes: 1 << 24 });
  const cache = new TraceBodyCache(bounds);
  const app = new Hono();
  app.route("/api", tracesRoutes({ store, traceBodies: cache }));
  app.onError(errorHandler(silentLogger()));
  const read = async (id = TRACE): Promise<TraceDetailBody> => {
    const response = await app.request(`/api/traces/${id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    return (await response.json()) as TraceDetailBody;
  };
  return { store, cache, read };
}

const ROOT = { trace_id: TRACE, id: "70de5b6f19ff9a0a", name: "front", start_time: 1, end_time: 2 };
const CHILD = {
  trace_id: TRACE,
  id: "70de5b6f19ff9a0b",
  parent_id: ROOT.id,
  name: "back",
  start_time: 1.2,
  end_time: 1.8,
};

describe("GET /api/traces/:id with kept bodies", () => {
  it("answers a second read of an unchanged trace with the same body, counted as a hit", async () => {
    const { store, cache, read } = setUp();
    ingest(store, ROOT, 1_000);
    const first = await read();
    const second = await read();
    expect(second).toEqual(first);
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });
    expect(cache.stats().bytes).toBeGreaterThan(0);
  });

  it("never answers with a body from before the trace changed", async () => {
    const { store, read } = setUp();
    ingest(store, ROOT, 1_000);
    expect((await read()).documents).toHaveLength(1);
    ingest(store, CHILD, 1_001);
    const after = await read();
    expect(after.documents).toHaveLength(2);
    expect(JSON.stringify(after.segments)).toContain('"back"');
  });

  it("keeps no more bodies than its bounds, and counts what it dropped", async () => {
    const { store, cache, read } = setUp({ maxEntries: 1, maxBytes: 1 << 20 });
    const other = "1-5759e988-bd862e3fe1be46a994272794";
    ingest(store, ROOT, 1_000);
    ingest(store, { ...ROOT, trace_id: other, id: "70de5b6f19ff9a0c" }, 1_001);
    await read();
    await read(other);
    expect(cache.stats()).toMatchObject({ entries: 1, evicted: 1, maxEntries: 1 });
  });

  it("does not keep a body larger than its byte bound, and still answers it", async () => {
    const { store, cache, read } = setUp({ maxEntries: 4, maxBytes: 10 });
    ingest(store, ROOT, 1_000);
    expect((await read()).id).toBe(TRACE);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, misses: 1 });
  });
});
