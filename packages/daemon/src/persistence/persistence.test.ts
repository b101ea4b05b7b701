import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type DocumentOrigin,
  epochMillis,
  isTraceId,
  PUT_TRACE_SEGMENTS_ORIGIN,
  parseRecord,
  type TraceId,
  TraceStore,
  XRAY_ORIGIN,
  XRAY_UDP_ORIGIN,
} from "@xray-sandbox/segments";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tempDir } from "../../test/support/temp-dir.ts";
import { DataDirError } from "../errors.ts";
import { silentLogger } from "../logger.ts";
import { openPersistence, type Persistence, type PersistenceOptions } from "./persistence.ts";

const opened: Persistence[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((persistence) => persistence.close()));
});

const HOUR = 3_600_000;

function traceId(n: number): TraceId {
  const id = `1-6a000000-${n.toString(16).padStart(24, "0")}`;
  if (!isTraceId(id)) throw new Error(id);
  return id;
}

function document(trace: number, id: number, fields: Record<string, unknown> = {}) {
  return {
    name: `svc-${trace}`,
    id: id.toString(16).padStart(16, "0"),
    trace_id: traceId(trace),
    start_time: 1_780_000_000 + trace,
    end_time: 1_780_000_001 + trace,
    ...fields,
  };
}

async function open(
  dataDir: string,
  store: TraceStore,
  options: Partial<PersistenceOptions> = {},
): Promise<Persistence> {
  const persistence = await openPersistence({
    dataDir,
    store,
    logger: silentLogger(),
    tuning: { flushIntervalMs: HOUR, syncIntervalMs: HOUR, compactCheckMs: HOUR },
    ...options,
  });
  opened.push(persistence);
  return persistence;
}

/** What the store shows a user: every trace, its summary, tree and documents, in list order. */
function contents(store: TraceStore) {
  return store
    .traceIds()
    .map((id) => ({ summary: store.getSummary(id), trace: store.getTrace(id) }));
}

function newStore(maxTraces = 1000) {
  return new TraceStore({ maxTraces, maxBytes: 64 * 1024 * 1024 });
}

/** Stores a document the way the daemon's ingest path does; persistence follows the store. */
function ingest(
  store: TraceStore,
  value: ReturnType<typeof document>,
  receivedAt: number,
  origin: DocumentOrigin = XRAY_UDP_ORIGIN,
) {
  const raw = JSON.stringify(value);
  const parsed = JSON.parse(raw) as Parameters<TraceStore["ingest"]>[0];
  store.ingest(parsed, raw, Buffer.byteLength(raw), epochMillis(receivedAt), origin);
}

const OTLP_ORIGIN: DocumentOrigin = {
  kind: "otlp",
  transport: "otlp-http-json",
  span: {
    transport: "otlp-http-json",
    sampled: true,
    traceId: "6a000000000000000000000000000003",
    spanId: "0000000000000003",
    parentSpanId: "",
    name: "GET /",
    kind: "SPAN_KIND_SERVER",
    startTimeUnixNano: "1780000003000000000",
    endTimeUnixNano: "1780000004000000000",
    status: { code: "STATUS_CODE_UNSET", message: "" },
    attributes: { "http.route": "/" },
    resource: { "service.name": "svc-3" },
    scope: { name: "http", version: "1" },
    events: [],
    links: [],
  },
};

/** The data dir a version 1 daemon wrote: format 1, five version 1 records for three traces. */
const V1_DATA_DIR = join(import.meta.dirname, "../../test/fixtures/data-dir-v1");

function origins(store: TraceStore, trace: number) {
  return store.storedDocuments(traceId(trace))?.map((stored) => stored.origin);
}

describe("openPersistence", () => {
  it("rebuilds exactly the store it recorded, in-progress replacements included", async () => {
    const dir = tempDir();
    const first = newStore();
    const persistence = await open(dir, first);
    ingest(first, document(1, 1), 1_000);
    ingest(first, document(2, 2, { in_progress: true, end_time: undefined }), 1_001);
    ingest(first, document(3, 3), 1_002, OTLP_ORIGIN);
    ingest(
      first,
      document(2, 2, { http: { response: { status: 500 } }, fault: true }),
      1_003,
      PUT_TRACE_SEGMENTS_ORIGIN,
    );
    ingest(first, document(1, 4, { type: "subsegment", parent_id: "0000000000000001" }), 1_004);
    await persistence.close();
    expect(persistence.stats()).toMatchObject({ persisted: 5, pendingWrite: 0, replayed: 0 });

    const second = newStore();
    const reopened = await open(dir, second);
    expect(contents(second)).toEqual(contents(first));
    expect(reopened.stats()).toMatchObject({ replayed: 5, skippedLines: 0, persisted: 0 });
    expect(origins(second, 3)).toEqual([OTLP_ORIGIN]);
    expect(origins(second, 2)).toEqual([PUT_TRACE_SEGMENTS_ORIGIN]);
    expect(second.getSummary(traceId(1))?.origins).toEqual(["xray-sdk"]);
  });

  it("starts from a version 1 data dir with every trace, and appends version 2 records", async () => {
    const dir = tempDir();
    cpSync(V1_DATA_DIR, dir, { recursive: true });
    const store = newStore();
    const persistence = await open(dir, store);
    expect(persistence.stats()).toMatchObject({ replayed: 5, skippedLines: 0 });
    expect(store.traceIds()).toEqual([traceId(3), traceId(2), traceId(1)]);
    expect(store.getSummary(traceId(1))).toMatchObject({ documentCount: 2, origins: ["xray"] });
    expect(store.getSummary(traceId(2))).toMatchObject({ hasFault: true, inProgress: false });
    expect(store.getSummary(traceId(3))?.annotations).toEqual({ tenant: ["a"] });
    expect(origins(store, 1)).toEqual([XRAY_ORIGIN, XRAY_ORIGIN]);

    ingest(store, document(4, 5), 1_005, OTLP_ORIGIN);
    await persistence.close();
    expect(JSON.parse(readFileSync(join(dir, "format.json"), "utf8"))).toEqual({ format: 2 });
    const lines = readFileSync(join(dir, "segments.ndjson"), "utf8").trimEnd().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { v: number }).v)).toEqual([1, 1, 1, 1, 1, 2]);
    const appended = parseRecord(lines[5] ?? "");
    expect(appended.ok && appended.record.origin).toEqual(OTLP_ORIGIN);

    const again = newStore();
    await open(dir, again);
    expect(contents(again)).toEqual(contents(store));
    expect(origins(again, 4)).toEqual([OTLP_ORIGIN]);
  });

  it("writes only documents the store kept, and nothing it replayed", async () => {
    const dir = tempDir();
    const first = newStore();
    const persistence = await open(dir, first);
    ingest(first, document(1, 1), 1_000);
    ingest(first, document(1, 1), 1_001);
    ingest(first, document(1, 1, { in_progress: true, end_time: undefined }), 1_002);
    await persistence.close();
    expect(persistence.stats()).toMatchObject({ persisted: 1 });

    const reopened = await open(dir, newStore());
    await reopened.flush();
    expect(reopened.stats()).toMatchObject({ replayed: 1, persisted: 0 });
    expect(readFileSync(join(dir, "segments.ndjson"), "utf8").trimEnd().split("\n")).toHaveLength(
      1,
    );
  });

  it("compacts the log down to the store, keeping what arrives during the rewrite", async () => {
    const dir = tempDir();
    const store = newStore(3);
    const persistence = await open(dir, store);
    for (let n = 1; n <= 10; n++) ingest(store, document(n, n), 1_000 + n);
    await persistence.flush();
    const before = persistence.stats().logBytes;

    const compaction = persistence.compact();
    ingest(store, document(11, 11), 2_000);
    const outcome = await compaction;
    await persistence.flush();
    expect(outcome).toMatchObject({ ok: true, documents: 3 });

    const lines = readFileSync(join(dir, "segments.ndjson"), "utf8").trimEnd().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { doc: { name: string } }).doc.name)).toEqual([
      "svc-8",
      "svc-9",
      "svc-10",
      "svc-11",
    ]);
    expect(persistence.stats()).toMatchObject({ compactions: 1, persisted: 11, pendingWrite: 0 });
    expect(persistence.stats().logBytes).toBeLessThan(before);
    await persistence.close();

    const rebuilt = newStore(3);
    await open(dir, rebuilt);
    expect(contents(rebuilt)).toEqual(contents(store));
  });

  it("compacts on its own once the log holds over twice what the store does", async () => {
    const dir = tempDir();
    const store = newStore(2);
    const persistence = await open(dir, store, {
      tuning: { flushIntervalMs: 5, syncIntervalMs: HOUR, compactCheckMs: 10, compactMinBytes: 0 },
    });
    for (let n = 1; n <= 20; n++) ingest(store, document(n, n), 1_000 + n);
    await vi.waitFor(() => expect(persistence.stats().compactions).toBeGreaterThan(0));
    await persistence.flush();
    const lines = readFileSync(join(dir, "segments.ndjson"), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(2);
  });

  it("abandons a compaction when the log is cleared meanwhile", async () => {
    const dir = tempDir();
    const store = newStore();
    const persistence = await open(dir, store);
    for (let n = 1; n <= 5; n++) ingest(store, document(n, n), 1_000 + n);
    await persistence.flush();
    const compaction = persistence.compact();
    store.clear();
    ingest(store, document(6, 6), 2_000);
    expect(await compaction).toEqual({ ok: false, reason: "cleared" });
    await persistence.flush();
    const lines = readFileSync(join(dir, "segments.ndjson"), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"name":"svc-6"');
  });

  it("with a maximum age, leaves older traces out of the replay and the compaction", async () => {
    const dir = tempDir();
    let now = 10_000;
    const store = newStore();
    const persistence = await open(dir, store, { maxAgeMs: 5_000, now: () => now });
    ingest(store, document(1, 1), 1_000);
    ingest(store, document(2, 2), 1_000);
    ingest(store, document(2, 3, { name: "later" }), 8_000);
    ingest(store, document(3, 4), 9_000);
    await persistence.compact();
    const names = readFileSync(join(dir, "segments.ndjson"), "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => (JSON.parse(line) as { doc: { name: string } }).doc.name);
    expect(names).toEqual(["svc-2", "later", "svc-3"]);
    await persistence.close();

    now = 13_500;
    const rebuilt = newStore();
    const reopened = await open(dir, rebuilt, { maxAgeMs: 5_000, now: () => now });
    expect(rebuilt.traceIds()).toEqual([traceId(3)]);
    expect(reopened.stats()).toMatchObject({ replayed: 1, expired: 2 });
  });

  it("refuses a data dir from a newer version before touching it", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "format.json"), '{"format":7}');
    writeFileSync(join(dir, "segments.ndjson"), "unchanged");
    await expect(open(dir, newStore())).rejects.toBeInstanceOf(DataDirError);
    expect(readFileSync(join(dir, "segments.ndjson"), "utf8")).toBe("unchanged");
  });
});
