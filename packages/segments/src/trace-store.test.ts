import {
  type FixtureRun,
  fixtureDocument,
  fixtureTraceId,
  loadFixtureRun,
  seededRandom,
} from "@xray-sandbox/fixtures";
import { describe, expect, it, vi } from "vitest";
import type {
  IndependentSubsegmentDocument,
  SegmentDocument,
  TopLevelDocument,
} from "./document.ts";
import {
  type DocumentOrigin,
  type OtlpOrigin,
  PUT_TRACE_SEGMENTS_ORIGIN,
  XRAY_UDP_ORIGIN,
} from "./document-origin.ts";
import { parseDatagram } from "./parse-datagram.ts";
import { scanDocumentText } from "./scan-document.ts";
import type { TraceNode } from "./trace.ts";
import {
  DEFAULT_UNSAMPLED_BOUNDS,
  type IngestOutcome,
  TraceStore,
  type TraceStoreEvent,
} from "./trace-store.ts";
import { epochMillis, epochSeconds, type SegmentId, type TraceId } from "./units.ts";

interface Parsed {
  readonly document: TopLevelDocument;
  readonly raw: string;
  readonly bytes: number;
}

function fixtureDocuments(run: FixtureRun): Parsed[] {
  return loadFixtureRun(run).map((datagram) => {
    const result = parseDatagram(datagram.bytes);
    if (!result.ok) throw new Error(`${run}/${datagram.file}: ${result.rejection.message}`);
    const bytes = new TextEncoder().encode(result.raw).length;
    return { document: result.document, raw: result.raw, bytes };
  });
}

function ingestAll(store: TraceStore, documents: readonly Parsed[]): IngestOutcome[] {
  return documents.map(({ document, raw, bytes }, index) =>
    store.ingest(document, raw, bytes, epochMillis(1_000 + index)),
  );
}

/** A deterministic shuffle, so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const [a, b] = [out[i], out[j]];
    if (a !== undefined && b !== undefined) [out[i], out[j]] = [b, a];
  }
  return out;
}

/** Every trace's tree as `name#id[flags](children)`, in trace id order. */
function forest(store: TraceStore): string[] {
  const describe = (nodes: readonly TraceNode[]): string =>
    nodes
      .map((node) => {
        const flags = `${node.kind[0]}${node.independent ? "i" : ""}${node.document.in_progress ? "~" : ""}`;
        const label = `${node.document.name}#${node.document.id}[${flags}]`;
        return node.children.length > 0 ? `${label}(${describe(node.children)})` : label;
      })
      .join(" ");
  return [...store.traceIds()].sort().map((id) => {
    const trace = store.getTrace(id);
    return `${id}: ${describe(trace?.segments ?? [])} | orphans: ${describe(trace?.orphans ?? [])}`;
  });
}

function countNodes(nodes: readonly TraceNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

const RUNS: readonly FixtureRun[] = [
  "run1-basic",
  "run2-streaming-default",
  "run3-streaming-threshold0",
  "run6-manual",
  "run7-outgoing-header",
  "py-095-flask",
];
const roomy = { maxTraces: 1_000, maxBytes: 10_000_000 };

describe("TraceStore with real SDK output", () => {
  for (const run of RUNS) {
    it(`assembles ${run} the same in order, in reverse and shuffled`, () => {
      const documents = fixtureDocuments(run);
      const inOrder = new TraceStore(roomy);
      ingestAll(inOrder, documents);
      const expected = forest(inOrder);
      const orders = [
        [...documents].reverse(),
        shuffled(documents, 1),
        shuffled(documents, 2),
        shuffled(documents, 3),
      ];
      for (const order of orders) {
        const store = new TraceStore(roomy);
        ingestAll(store, order);
        expect(forest(store)).toEqual(expected);
        expect(store.stats().documents).toBe(inOrder.stats().documents);
        expect(store.stats().bytes).toBe(inOrder.stats().bytes);
      }
    });
  }

  it("files run1 as twelve one-segment traces, remote calls nested under them", () => {
    const store = new TraceStore(roomy);
    ingestAll(store, fixtureDocuments("run1-basic"));
    expect(store.stats()).toMatchObject({ traces: 12, documents: 12, segments: 12 });

    const outgoing = store.getTrace(fixtureTraceId("run1-basic", "008.dgram") as TraceId);
    const call = outgoing?.segments[0]?.children[0];
    expect(call?.document).toMatchObject({ namespace: "remote", fault: true, name: "127.0.0.1" });
    expect(call?.segmentId).toBe(fixtureDocument("run1-basic", "008.dgram").id);
  });

  it("attaches run2's subsegments streamed before their segment once it arrives", () => {
    const store = new TraceStore(roomy);
    const documents = fixtureDocuments("run2-streaming-default");
    const traceId = fixtureTraceId("run2-streaming-default", "005.dgram") as TraceId;

    ingestAll(store, documents.slice(0, 4));
    expect(store.getTrace(traceId)?.segments).toEqual([]);
    expect(store.getTrace(traceId)?.orphans).toHaveLength(4);
    expect(store.getSummary(traceId)?.partial).toBe(true);
    expect(store.stats()).toMatchObject({ subsegments: 4, segments: 0 });

    ingestAll(store, documents.slice(4));
    const trace = store.getTrace(traceId);
    expect(trace?.orphans).toEqual([]);
    expect(trace?.segments).toHaveLength(1);
    const children = trace?.segments[0]?.children ?? [];
    expect(countNodes(children)).toBe(105);
    const streamed = children.filter((node) => node.independent).map((node) => node.document.name);
    expect(streamed.sort()).toEqual(["sub-0", "sub-1", "sub-2", "sub-3"]);
    const starts = children.map((node) => node.document.start_time);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(store.getSummary(traceId)?.partial).toBe(false);
  });

  it("nests run3's streamed subsegment under the embedded subsegment it names", () => {
    const store = new TraceStore(roomy);
    ingestAll(store, fixtureDocuments("run3-streaming-threshold0"));
    const trace = store.getTrace(
      fixtureTraceId("run3-streaming-threshold0", "002.dgram") as TraceId,
    );
    const userData = trace?.segments[0]?.children[0];
    expect(userData?.document.name).toBe("UserData");
    expect(userData?.children.map((node) => [node.document.name, node.independent])).toEqual([
      ["format", true],
    ]);
    expect(store.stats()).toMatchObject({ traces: 2 });
    expect(store.summaries().map((summary) => summary.partial)).toEqual([false, false]);
  });

  it("replaces run6's in-progress segment by the complete one, whatever the order", () => {
    const documents = fixtureDocuments("run6-manual");
    const traceId = fixtureTraceId("run6-manual", "003.dgram") as TraceId;
    const final = fixtureDocument("run6-manual", "003.dgram");

    const forward = new TraceStore(roomy);
    const outcomes = ingestAll(forward, documents);
    expect(outcomes.map((outcome) => [outcome.created, outcome.replaced])).toEqual([
      [true, "none"],
      [false, "none"],
      [false, "in-progress"],
    ]);
    const [first, , complete] = documents;
    expect(forward.stats()).toMatchObject({
      documents: 2,
      replacedInProgress: 1,
      bytes: (first?.bytes ?? 0) + (complete?.bytes ?? 0),
    });

    const backward = new TraceStore(roomy);
    const reversed = ingestAll(backward, [...documents].reverse());
    expect(reversed.map((outcome) => outcome.replaced)).toEqual(["none", "kept-complete", "none"]);
    expect(backward.stats()).toMatchObject({ documents: 2, replacedInProgress: 0 });

    for (const store of [forward, backward]) {
      const root = store.getTrace(traceId)?.segments[0];
      expect(root?.document.end_time).toBe(final.end_time);
      expect(root?.children.map((node) => node.document.end_time)).toEqual([
        final.subsegments?.[0]?.end_time,
      ]);
      expect(final.subsegments?.[0]?.end_time).toEqual(expect.any(Number));
      expect(store.getSummary(traceId)?.inProgress).toBe(false);
    }
  });

  it("roots run7's partial trace at the segment whose upstream caller sent nothing", () => {
    const store = new TraceStore(roomy);
    ingestAll(store, fixtureDocuments("run7-outgoing-header"));
    const downstream = fixtureDocument("run7-outgoing-header", "001.dgram");
    const upstream = fixtureDocument("run7-outgoing-header", "002.dgram");
    const [summary] = store.summaries();
    expect(store.summaries()).toHaveLength(1);
    expect(summary).toMatchObject({ partial: true, root: { id: upstream.id }, segmentCount: 2 });
    const segments = store.getTrace(summary?.id as TraceId)?.segments ?? [];
    expect(segments.map((node) => [node.document.name, node.parentId])).toEqual([
      ["sample-express", "53995c3f42cd8ad8"],
      ["sample-downstream", upstream.subsegments?.[0]?.id],
    ]);
    expect(downstream.parent_id).toBe(upstream.subsegments?.[0]?.id);
  });

  it("keeps py-095's embedded subsegments embedded", () => {
    const store = new TraceStore(roomy);
    ingestAll(store, fixtureDocuments("py-095-flask"));
    const trace = store.getTrace(fixtureTraceId("py-095-flask", "001.dgram") as TraceId);
    const [userData] = trace?.segments[0]?.children ?? [];
    expect(userData).toMatchObject({ independent: false, kind: "subsegment" });
    expect(userData?.document.name).toBe("UserData");
    expect(store.stats()).toMatchObject({ traces: 4, segments: 4, subsegments: 0 });
  });
});

const traceOf = (n: number): TraceId => `1-6b080246-${n.toString(16).padStart(24, "0")}` as TraceId;
const idOf = (n: number): SegmentId => n.toString(16).padStart(16, "0") as SegmentId;

function segment(trace: number, id: number, extra: Partial<SegmentDocument> = {}): SegmentDocument {
  return {
    trace_id: traceOf(trace),
    id: idOf(id),
    name: "svc",
    start_time: epochSeconds(1795686982 + id),
    end_time: epochSeconds(1795686983 + id),
    ...extra,
  };
}

function streamed(trace: number, id: number, parent: number): IndependentSubsegmentDocument {
  return {
    trace_id: traceOf(trace),
    id: idOf(id),
    name: "sub",
    start_time: epochSeconds(1795686982),
    end_time: epochSeconds(1795686983),
    type: "subsegment",
    parent_id: idOf(parent),
  };
}

/** Ingests `document` claiming `bytes` bytes, received at `at`. */
function put(store: TraceStore, document: TopLevelDocument, bytes: number, at = 0): IngestOutcome {
  return store.ingest(document, JSON.stringify(document), bytes, epochMillis(at));
}

describe("TraceStore bounds", () => {
  it("evicts the oldest traces when a new trace exceeds maxTraces, and counts them", () => {
    const store = new TraceStore({ maxTraces: 3, maxBytes: 1_000_000 });
    put(store, segment(1, 1), 10);
    put(store, segment(1, 2), 20);
    put(store, segment(2, 3), 30);
    put(store, segment(3, 4), 40);
    expect(put(store, segment(3, 5), 50).evicted).toEqual([]);

    const outcome = put(store, segment(4, 6), 60);
    expect(outcome).toMatchObject({ traceId: traceOf(4), created: true, evicted: [traceOf(1)] });
    expect(store.has(traceOf(1))).toBe(false);
    expect(store.traceIds()).toEqual([traceOf(4), traceOf(3), traceOf(2)]);
    expect(store.stats()).toMatchObject({
      traces: 3,
      documents: 4,
      bytes: 180,
      evictedTraces: 1,
      evictedDocuments: 2,
      evictedBytes: 30,
      maxTraces: 3,
    });
  });

  it("evicts the oldest traces until a document fits maxBytes, never the trace it joins", () => {
    const store = new TraceStore({ maxTraces: 100, maxBytes: 100 });
    put(store, segment(1, 1), 30);
    put(store, segment(2, 2), 30);
    put(store, segment(3, 3), 30);

    const grow = put(store, segment(1, 4), 50);
    expect(grow).toMatchObject({ created: false, evicted: [traceOf(2), traceOf(3)] });
    expect(store.stats()).toMatchObject({ traces: 1, bytes: 80, evictedBytes: 60 });

    expect(put(store, segment(5, 5), 30).evicted).toEqual([traceOf(1)]);
    expect(put(store, segment(6, 6), 40).evicted).toEqual([]);
    expect(store.stats()).toMatchObject({
      traces: 2,
      documents: 2,
      bytes: 70,
      evictedTraces: 3,
      evictedDocuments: 4,
      evictedBytes: 140,
    });
  });

  it("stores a document larger than maxBytes alone rather than dropping it", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 100 });
    put(store, segment(1, 1), 50);
    put(store, segment(2, 2), 50);

    const huge = put(store, segment(3, 3), 150);
    expect(huge).toMatchObject({ created: true, evicted: [traceOf(1), traceOf(2)] });
    expect(store.has(traceOf(3))).toBe(true);
    expect(store.stats()).toMatchObject({ traces: 1, documents: 1, bytes: 150 });

    expect(put(store, segment(4, 4), 10).evicted).toEqual([traceOf(3)]);
  });

  it("restarts a trace that alone outgrows maxBytes with the document that arrived", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 100 });
    put(store, segment(1, 1), 60);
    const outcome = put(store, segment(1, 2), 60);
    expect(outcome).toMatchObject({ created: true, evicted: [traceOf(1)] });
    expect(store.getTrace(traceOf(1))?.documents.map((stored) => stored.document.id)).toEqual([
      idOf(2),
    ]);
    expect(store.stats()).toMatchObject({ documents: 1, bytes: 60, evictedDocuments: 1 });
  });

  it("keeps byte counts exact across every kind of replacement", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 1_000 });
    const running = segment(1, 1, { in_progress: true, end_time: undefined });
    expect(put(store, running, 100).replaced).toBe("none");
    const flushedAgain = segment(1, 1, {
      in_progress: true,
      end_time: undefined,
      aws: { flushes: 2 },
    });
    expect(put(store, flushedAgain, 120).replaced).toBe("in-progress");
    expect(store.stats().bytes).toBe(120);

    expect(put(store, segment(1, 1), 300).replaced).toBe("in-progress");
    expect(store.stats().bytes).toBe(300);

    expect(put(store, running, 5).replaced).toBe("kept-complete");
    expect(store.stats().bytes).toBe(300);
    expect(store.getTrace(traceOf(1))?.segments[0]?.document.in_progress).toBeUndefined();

    expect(put(store, segment(1, 1, { name: "again" }), 250).replaced).toBe("duplicate");
    expect(store.getTrace(traceOf(1))?.segments[0]?.document.name).toBe("again");
    expect(store.stats()).toMatchObject({
      documents: 1,
      segments: 1,
      bytes: 250,
      replacedInProgress: 2,
      duplicates: 1,
    });

    put(store, segment(2, 9), 700);
    expect(put(store, segment(1, 1, { name: "third" }), 300).evicted).toEqual([]);
    expect(put(store, segment(1, 1, { name: "fourth" }), 301).evicted).toEqual([traceOf(2)]);
    expect(store.stats()).toMatchObject({ traces: 1, documents: 1, bytes: 301, duplicates: 3 });
  });

  it("forgets everything on clear()", () => {
    const store = new TraceStore({ maxTraces: 1, maxBytes: 1_000 });
    put(store, segment(1, 1), 10);
    put(store, streamed(2, 2, 99), 10);
    put(store, streamed(2, 2, 99), 10);
    store.clear();

    expect(store.traceIds()).toEqual([]);
    expect(store.summaries()).toEqual([]);
    expect(store.has(traceOf(2))).toBe(false);
    expect(store.stats()).toEqual({
      traces: 0,
      documents: 0,
      segments: 0,
      subsegments: 0,
      bytes: 0,
      evictedTraces: 0,
      evictedDocuments: 0,
      evictedBytes: 0,
      replacedInProgress: 0,
      duplicates: 0,
      maxTraces: 1,
      maxBytes: 1_000,
      unsampled: {
        traces: 0,
        documents: 0,
        bytes: 0,
        evictedTraces: 0,
        evictedDocuments: 0,
        evictedBytes: 0,
        promotedTraces: 0,
        maxTraces: DEFAULT_UNSAMPLED_BOUNDS.maxTraces,
        maxBytes: DEFAULT_UNSAMPLED_BOUNDS.maxBytes,
      },
    });
  });

  it("refuses bounds below one", () => {
    expect(() => new TraceStore({ maxTraces: 0, maxBytes: 10 })).toThrow(RangeError);
    expect(() => new TraceStore({ maxTraces: 10, maxBytes: Number.NaN })).toThrow(RangeError);
    expect(() => new TraceStore({ ...roomy, unsampled: { maxTraces: 0, maxBytes: 10 } })).toThrow(
      /unsampled maxTraces/,
    );
    expect(() => new TraceStore({ ...roomy, unsampled: { maxTraces: 10, maxBytes: 0 } })).toThrow(
      /unsampled maxBytes/,
    );
  });
});

/** An OTLP origin whose span was sampled (`T1S`) or not (`T1U`). */
function adotOrigin(sampled: boolean): OtlpOrigin {
  return {
    kind: "otlp",
    transport: "otlp-udp",
    span: {
      transport: "otlp-udp",
      sampled,
      traceId: "6b080246000000000000000000000001",
      spanId: "0000000000000001",
      parentSpanId: "",
      name: "GET /",
      kind: "SPAN_KIND_SERVER",
      startTimeUnixNano: "1",
      endTimeUnixNano: "2",
      status: { code: "STATUS_CODE_UNSET", message: "" },
      attributes: {},
      resource: { "service.name": "cart" },
      scope: { name: "http", version: "1.0.0" },
      events: [],
      links: [],
    },
  };
}
const UNSAMPLED = adotOrigin(false);
const SAMPLED = adotOrigin(true);

describe("TraceStore unsampled pool", () => {
  const bounds = {
    maxTraces: 3,
    maxBytes: 1_000,
    unsampled: { maxTraces: 2, maxBytes: 100 },
  };
  function putFrom(
    store: TraceStore,
    origin: DocumentOrigin | undefined,
    document: TopLevelDocument,
    bytes: number,
  ): IngestOutcome {
    return store.ingest(document, JSON.stringify(document), bytes, epochMillis(0), origin);
  }

  it("evicts unsampled traces among themselves at their trace bound, never a sampled one", () => {
    const store = new TraceStore(bounds);
    putFrom(store, XRAY_UDP_ORIGIN, segment(1, 1), 10);
    putFrom(store, SAMPLED, segment(2, 2), 10);
    putFrom(store, undefined, segment(3, 3), 10);
    const evicted: TraceId[] = [];
    for (let n = 10; n < 20; n++)
      evicted.push(...putFrom(store, UNSAMPLED, segment(n, n), 10).evicted);

    expect(evicted).toEqual([10, 11, 12, 13, 14, 15, 16, 17].map(traceOf));
    expect(store.traceIds()).toEqual([19, 18, 3, 2, 1].map(traceOf));
    expect(store.stats()).toMatchObject({
      traces: 5,
      documents: 5,
      bytes: 50,
      evictedTraces: 8,
      evictedDocuments: 8,
      evictedBytes: 80,
      maxTraces: 3,
      unsampled: {
        traces: 2,
        documents: 2,
        bytes: 20,
        evictedTraces: 8,
        evictedDocuments: 8,
        evictedBytes: 80,
        promotedTraces: 0,
        maxTraces: 2,
        maxBytes: 100,
      },
    });
  });

  it("evicts unsampled traces among themselves at their byte bound", () => {
    const store = new TraceStore(bounds);
    putFrom(store, SAMPLED, segment(1, 1), 900);
    putFrom(store, UNSAMPLED, segment(2, 2), 60);
    // The sampled pool is near its bound; unsampled bytes do not count against it.
    expect(putFrom(store, SAMPLED, segment(3, 3), 90).evicted).toEqual([]);
    expect(putFrom(store, UNSAMPLED, segment(4, 4), 60).evicted).toEqual([traceOf(2)]);
    expect(putFrom(store, UNSAMPLED, segment(4, 5), 30).evicted).toEqual([]);
    expect(store.stats()).toMatchObject({
      traces: 3,
      bytes: 1_080,
      unsampled: { traces: 1, documents: 2, bytes: 90, evictedTraces: 1, evictedBytes: 60 },
    });
  });

  it("lets sampled traces evict only sampled ones, however many unsampled are older", () => {
    const store = new TraceStore(bounds);
    putFrom(store, UNSAMPLED, segment(1, 1), 10);
    putFrom(store, UNSAMPLED, segment(2, 2), 10);
    const evicted: TraceId[] = [];
    for (let n = 10; n < 15; n++)
      evicted.push(...putFrom(store, SAMPLED, segment(n, n), 10).evicted);

    expect(evicted).toEqual([traceOf(10), traceOf(11)]);
    expect(store.has(traceOf(1))).toBe(true);
    expect(store.has(traceOf(2))).toBe(true);
    expect(store.stats()).toMatchObject({
      traces: 5,
      evictedTraces: 2,
      unsampled: { traces: 2, evictedTraces: 0 },
    });
  });

  it("keeps an unsampled document in a sampled trace in the sampled pool", () => {
    const store = new TraceStore(bounds);
    putFrom(store, SAMPLED, segment(1, 1), 10);
    putFrom(store, UNSAMPLED, segment(1, 2, { parent_id: idOf(1) }), 10);
    expect(store.stats()).toMatchObject({ traces: 1, documents: 2, unsampled: { traces: 0 } });
    expect(store.getSummary(traceOf(1))?.unsampled).toBe(false);
  });

  it("moves an unsampled trace into the sampled pool when a sampled document joins it", () => {
    const store = new TraceStore(bounds);
    putFrom(store, SAMPLED, segment(1, 1), 10);
    putFrom(store, SAMPLED, segment(2, 2), 10);
    putFrom(store, SAMPLED, segment(3, 3), 10);
    putFrom(store, UNSAMPLED, segment(4, 4), 40);
    expect(store.getSummary(traceOf(4))?.unsampled).toBe(true);

    // The sampled pool is full: the promoted trace takes the oldest sampled trace's place.
    const outcome = putFrom(store, SAMPLED, segment(4, 5, { parent_id: idOf(4) }), 10);
    expect(outcome).toMatchObject({ created: false, evicted: [traceOf(1)] });
    expect(store.getSummary(traceOf(4))).toMatchObject({ unsampled: false, documentCount: 2 });
    expect(store.stats()).toMatchObject({
      traces: 3,
      documents: 4,
      bytes: 70,
      unsampled: { traces: 0, documents: 0, bytes: 0, promotedTraces: 1, evictedTraces: 0 },
    });

    // Sampled for good: more unsampled traces never evict it.
    for (let n = 10; n < 15; n++) putFrom(store, UNSAMPLED, segment(n, n), 10);
    expect(store.has(traceOf(4))).toBe(true);
    expect(putFrom(store, UNSAMPLED, segment(4, 6), 10).evicted).toEqual([]);
    expect(store.getSummary(traceOf(4))?.unsampled).toBe(false);
  });

  it("makes room in the sampled pool for the bytes a promoted trace brings", () => {
    const store = new TraceStore({ ...bounds, maxBytes: 100 });
    putFrom(store, SAMPLED, segment(1, 1), 40);
    putFrom(store, SAMPLED, segment(2, 2), 40);
    putFrom(store, UNSAMPLED, segment(3, 3), 50);
    expect(putFrom(store, SAMPLED, segment(3, 4), 30).evicted).toEqual([traceOf(1), traceOf(2)]);
    expect(store.stats()).toMatchObject({ traces: 1, bytes: 80, unsampled: { bytes: 0 } });
  });

  it("files imported unsampled documents in the unsampled pool, and forgets it all on clear()", () => {
    const store = new TraceStore(bounds);
    putFrom(store, { kind: "import", exported: UNSAMPLED }, segment(1, 1), 10);
    expect(store.stats().unsampled).toMatchObject({ traces: 1, documents: 1, bytes: 10 });
    expect(store.summaries().map((summary) => summary.unsampled)).toEqual([true]);
    store.clear();
    expect(store.stats().unsampled).toMatchObject({ traces: 0, bytes: 0, promotedTraces: 0 });
  });
});

describe("TraceStore origins", () => {
  const otlp: DocumentOrigin = {
    kind: "otlp",
    transport: "otlp-grpc",
    span: {
      transport: "otlp-grpc",
      sampled: true,
      traceId: "6b080246000000000000000000000001",
      spanId: "0000000000000002",
      parentSpanId: "0000000000000001",
      name: "SELECT",
      kind: "SPAN_KIND_CLIENT",
      startTimeUnixNano: "1",
      endTimeUnixNano: "2",
      status: { code: "STATUS_CODE_OK", message: "" },
      attributes: { "db.system": "postgresql" },
      resource: { "service.name": "cart" },
      scope: { name: "pg", version: "1.0.0" },
      events: [],
      links: [],
    },
  };

  it("keeps each document's origin, and the trace's channels in its summary", () => {
    const store = new TraceStore(roomy);
    const root = segment(1, 1);
    const child = segment(1, 2, { parent_id: idOf(1) });
    store.ingest(root, JSON.stringify(root), 10, epochMillis(1), XRAY_UDP_ORIGIN);
    store.ingest(child, JSON.stringify(child), 10, epochMillis(2), otlp);
    put(store, segment(1, 3), 10, 3);

    const origins = store.storedDocuments(traceOf(1))?.map((stored) => stored.origin);
    expect(origins).toEqual([XRAY_UDP_ORIGIN, otlp, undefined]);
    expect(store.getSummary(traceOf(1))?.origins).toEqual(["xray-sdk", "otlp-grpc"]);
  });

  it("gives the replacing document's origin to the stored event and the summary", () => {
    const store = new TraceStore(roomy);
    const events: TraceStoreEvent[] = [];
    store.subscribe((event) => events.push(event));
    const open = segment(1, 1, { end_time: undefined, in_progress: true });
    store.ingest(open, JSON.stringify(open), 10, epochMillis(1), PUT_TRACE_SEGMENTS_ORIGIN);
    expect(store.getSummary(traceOf(1))?.origins).toEqual(["put-trace-segments"]);
    const done = segment(1, 1);
    store.ingest(done, JSON.stringify(done), 10, epochMillis(2), otlp);

    const last = events.at(-1);
    expect(last?.type === "stored" && [last.document.origin, last.previous?.origin]).toEqual([
      otlp,
      PUT_TRACE_SEGMENTS_ORIGIN,
    ]);
    expect(store.getSummary(traceOf(1))?.origins).toEqual(["otlp-grpc"]);
  });
});

describe("TraceStore reads", () => {
  it("lists traces newest first by their first document", () => {
    const store = new TraceStore(roomy);
    put(store, segment(1, 1), 10, 100);
    put(store, segment(2, 2), 10, 200);
    put(store, segment(1, 3), 10, 300);

    expect(store.traceIds()).toEqual([traceOf(2), traceOf(1)]);
    expect(store.summaries().map((summary) => [summary.id, summary.documentCount])).toEqual([
      [traceOf(2), 1],
      [traceOf(1), 2],
    ]);
    expect(store.getTrace(traceOf(3))).toBeUndefined();
    expect(store.getSummary(traceOf(3))).toBeUndefined();
  });

  it("serves the cached tree and summary until that trace changes", () => {
    const store = new TraceStore(roomy);
    put(store, segment(1, 1), 10);
    put(store, segment(2, 2), 10);
    const trace = store.getTrace(traceOf(1));
    const summary = store.getSummary(traceOf(1));

    put(store, segment(2, 3), 10);
    expect(store.getTrace(traceOf(1))).toBe(trace);
    expect(store.getSummary(traceOf(1))).toBe(summary);

    put(store, streamed(1, 4, 1), 10);
    expect(store.getTrace(traceOf(1))).not.toBe(trace);
    expect(store.getSummary(traceOf(1))?.subsegmentCount).toBe(1);
  });

  it("marks traces partial while streamed subsegments wait for their parents", () => {
    const store = new TraceStore({ maxTraces: 2, maxBytes: 1_000 });
    put(store, streamed(1, 10, 1), 10);
    put(store, streamed(1, 11, 1), 10);
    put(store, streamed(2, 12, 2), 10);
    expect(store.getTrace(traceOf(1))?.orphans).toHaveLength(2);
    expect(store.getSummary(traceOf(1))?.partial).toBe(true);

    put(store, segment(1, 1), 10);
    expect(store.getTrace(traceOf(1))?.orphans).toEqual([]);
    expect(store.getSummary(traceOf(1))?.partial).toBe(false);
    expect(store.getSummary(traceOf(2))?.partial).toBe(true);
  });

  it("keeps the most recently read trees, and rebuilds the others when read again", () => {
    const store = new TraceStore({ ...roomy, cachedTraces: 2 });
    for (const n of [1, 2, 3]) put(store, segment(n, n), 10);
    const first = store.getTrace(traceOf(1));
    expect(store.getTrace(traceOf(1))).toBe(first);
    store.getTrace(traceOf(2));
    expect(store.getTrace(traceOf(1))).toBe(first);
    store.getTrace(traceOf(2));
    store.getTrace(traceOf(3));

    const again = store.getTrace(traceOf(1));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it("hands out each stored document freshly parsed from its text", () => {
    const store = new TraceStore(roomy);
    put(store, segment(1, 1, { name: "original" }), 10);
    const [stored] = store.storedDocuments(traceOf(1)) ?? [];
    if (!stored) throw new Error("nothing stored");
    stored.document.name = "changed by a reader";
    expect(stored.document.name).toBe("original");
    expect(store.getTrace(traceOf(1))?.segments[0]?.document.name).toBe("original");
    expect(stored.index).toMatchObject({ id: idOf(1), trace_id: traceOf(1), name: "original" });
  });
});

describe("TraceStore work on the receive path", () => {
  it("parses nothing to ingest or to count, and a summary only once per change", () => {
    const store = new TraceStore(roomy);
    const documents = fixtureDocuments("run2-streaming-default");
    const scanned = documents.map(({ raw }) => {
      const result = scanDocumentText(raw);
      if (!result.ok) throw new Error(result.rejection.message);
      return result.index;
    });
    const parse = vi.spyOn(JSON, "parse");
    try {
      scanned.forEach((index, n) => {
        store.ingest(index, documents[n]?.raw ?? "", 10, epochMillis(n));
      });
      store.stats();
      expect(parse).not.toHaveBeenCalled();

      const [id] = store.traceIds();
      if (id === undefined) throw new Error("no trace");
      store.getSummary(id);
      const parsedForSummary = parse.mock.calls.length;
      expect(parsedForSummary).toBe(documents.length);
      store.getSummary(id);
      store.stats();
      expect(parse.mock.calls.length).toBe(parsedForSummary);
    } finally {
      parse.mockRestore();
    }
  });

  it("builds the same traces from scanned indexes as from parsed documents", () => {
    for (const run of RUNS) {
      const documents = fixtureDocuments(run);
      const parsed = new TraceStore(roomy);
      ingestAll(parsed, documents);
      const scanned = new TraceStore(roomy);
      documents.forEach(({ raw, bytes }, n) => {
        const result = scanDocumentText(raw);
        if (!result.ok) throw new Error(result.rejection.message);
        scanned.ingest(result.index, result.raw, bytes, epochMillis(1_000 + n));
      });
      expect(forest(scanned), run).toEqual(forest(parsed));
      expect(scanned.summaries(), run).toEqual(parsed.summaries());
      expect(scanned.stats(), run).toEqual(parsed.stats());
    }
  });
});

describe("TraceStore events", () => {
  /** Each event as `type trace [raw id, previous raw id]`. */
  function record(store: TraceStore): string[] {
    const events: string[] = [];
    store.subscribe((event: TraceStoreEvent) => {
      if (event.type === "cleared") events.push("cleared");
      else if (event.type === "evicted") events.push(`evicted ${event.traceId}`);
      else {
        const name = (stored: { index: { name: string } } | undefined) => stored?.index.name;
        events.push(
          `stored ${event.traceId} ${name(event.document)}${event.previous ? ` over ${name(event.previous)}` : ""}`,
        );
      }
    });
    return events;
  }

  it("tells every listener what the store kept, and nothing for what it did not", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 1_000 });
    const events = record(store);
    const running = segment(1, 1, { in_progress: true, end_time: undefined, name: "running" });
    put(store, running, 10);
    put(store, running, 10);
    put(store, segment(1, 1, { name: "done" }), 10);
    put(store, running, 10);
    put(store, segment(1, 1, { name: "done" }), 10);
    expect(events).toEqual([
      `stored ${traceOf(1)} running`,
      `stored ${traceOf(1)} done over running`,
    ]);
  });

  it("reports evictions before the document that needed the room, and a clear", () => {
    const store = new TraceStore({ maxTraces: 1, maxBytes: 1_000 });
    put(store, segment(1, 1, { name: "first" }), 10);
    const events = record(store);
    put(store, segment(2, 2, { name: "second" }), 10);
    store.clear();
    expect(events).toEqual([`evicted ${traceOf(1)}`, `stored ${traceOf(2)} second`, "cleared"]);
  });

  it("stops telling a listener once it unsubscribes", () => {
    const store = new TraceStore({ maxTraces: 10, maxBytes: 1_000 });
    const seen: string[] = [];
    const stop = store.subscribe((event) => seen.push(event.type));
    put(store, segment(1, 1), 10);
    stop();
    put(store, segment(1, 2), 10);
    expect(seen).toEqual(["stored"]);
  });
});
