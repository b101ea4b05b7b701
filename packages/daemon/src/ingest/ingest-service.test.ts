import {
  type DocumentOrigin,
  epochMillis,
  IN_PROCESS_ORIGIN,
  isTraceId,
  PUT_TRACE_SEGMENTS_ORIGIN,
  type SourceSpan,
  type TraceId,
  TraceStore,
  XRAY_ORIGIN,
  XRAY_UDP_ORIGIN,
} from "@xray-sandbox/segments";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { RejectionLog } from "../rejection-log.ts";
import { IngestService } from "./ingest-service.ts";
import { IN_PROCESS, PUT_TRACE_SEGMENTS } from "./ingest-source.ts";

const encoder = new TextEncoder();
const HEADER = '{"format":"json","version":1}\n';
const TRACE = traceId("1-581cf771-a006649127e371903a2de979");
const NOW = 1_700_000_000_000;

function traceId(text: string): TraceId {
  if (!isTraceId(text)) throw new Error(`not a trace id: ${text}`);
  return text;
}

function document(id: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name: "svc",
    id,
    trace_id: TRACE,
    start_time: 1478293361.271,
    end_time: 1478293361.449,
    ...fields,
  });
}

function datagram(text: string): Uint8Array {
  return encoder.encode(HEADER + text);
}

function setup(options: { maxTraces?: number; store?: Pick<TraceStore, "ingest"> } = {}) {
  const logged: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "info" },
    { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const store = new TraceStore({ maxTraces: options.maxTraces ?? 100, maxBytes: 1 << 20 });
  const rejections = new RejectionLog(10);
  const ingest = new IngestService({
    store: options.store ?? store,
    rejections,
    logger,
    now: () => epochMillis(NOW),
  });
  return { ingest, store, rejections, logged };
}

const udp = { kind: "udp", address: "10.1.2.3", port: 5555 } as const;

const SPAN: SourceSpan = {
  transport: "otlp-grpc",
  sampled: true,
  traceId: "581cf771a006649127e371903a2de979",
  spanId: "70de5b6f19ff9a0a",
  parentSpanId: "",
  name: "GET /",
  kind: "SPAN_KIND_SERVER",
  startTimeUnixNano: "1478293361271000000",
  endTimeUnixNano: "1478293361449000000",
  status: { code: "STATUS_CODE_UNSET", message: "" },
  attributes: { "http.request.method": "GET" },
  resource: { "service.name": "svc" },
  scope: { name: "http", version: "1" },
  events: [],
  links: [],
};

describe("IngestService origins", () => {
  function originOfStored(store: TraceStore, id: string): DocumentOrigin | undefined {
    return store.storedDocuments(TRACE)?.find((stored) => stored.index.id === id)?.origin;
  }

  it("gives the store each source's origin", () => {
    const { ingest, store } = setup();
    ingest.datagram(datagram(document("0000000000000001")), udp);
    ingest.datagram(datagram(document("0000000000000002")), IN_PROCESS);
    ingest.document(document("0000000000000003"), PUT_TRACE_SEGMENTS);
    ingest.document(document("0000000000000004"), { kind: "import", where: "line 1" });
    ingest.document(document("0000000000000005"), {
      kind: "import",
      where: "line 2",
      recorded: XRAY_ORIGIN,
    });
    const scanned = document("0000000000000006");
    const index = JSON.parse(scanned) as Parameters<TraceStore["ingest"]>[0];
    ingest.scanned(index, scanned, scanned.length, scanned.length + 30, udp, epochMillis(NOW));

    expect(originOfStored(store, "0000000000000001")).toBe(XRAY_UDP_ORIGIN);
    expect(originOfStored(store, "0000000000000002")).toBe(IN_PROCESS_ORIGIN);
    expect(originOfStored(store, "0000000000000003")).toBe(PUT_TRACE_SEGMENTS_ORIGIN);
    expect(originOfStored(store, "0000000000000004")).toEqual({
      kind: "import",
      exported: undefined,
    });
    expect(originOfStored(store, "0000000000000005")).toEqual({
      kind: "import",
      exported: XRAY_ORIGIN,
    });
    expect(originOfStored(store, "0000000000000006")).toBe(XRAY_UDP_ORIGIN);
    expect(store.getSummary(TRACE)?.origins).toEqual([
      "xray-sdk",
      "put-trace-segments",
      "in-process",
      "import",
    ]);
  });

  it("keeps an import's recorded import as it was, not nested in another", () => {
    const { ingest, store } = setup();
    const recorded: DocumentOrigin = { kind: "import", exported: XRAY_UDP_ORIGIN };
    ingest.document(document("0000000000000001"), { kind: "import", where: "line 1", recorded });
    expect(originOfStored(store, "0000000000000001")).toEqual(recorded);
  });

  it("makes a document translated from a span an OTLP document with that span", () => {
    const { ingest, store } = setup();
    ingest.document(document("0000000000000001"), PUT_TRACE_SEGMENTS, epochMillis(NOW), SPAN);
    expect(originOfStored(store, "0000000000000001")).toEqual({
      kind: "otlp",
      transport: "otlp-grpc",
      span: SPAN,
    });
    expect(store.getSummary(TRACE)?.origins).toEqual(["otlp-grpc"]);
  });
});

describe("IngestService over UDP", () => {
  it("stores a datagram's document with the body's size and the receive time", () => {
    const { ingest, store } = setup();
    const body = document("70de5b6f19ff9a0a");
    const bytes = datagram(body);
    expect(ingest.datagram(bytes, udp)).toEqual({
      status: "stored",
      traceId: TRACE,
      id: "70de5b6f19ff9a0a",
      evicted: [],
    });
    const [stored] = store.storedDocuments(TRACE) ?? [];
    expect(stored).toMatchObject({ raw: body, bytes: encoder.encode(body).byteLength });
    expect(stored?.receivedAt).toBe(NOW);
    expect(ingest.counts()).toEqual({
      received: 1,
      accepted: 1,
      rejected: 0,
      bytesReceived: bytes.byteLength,
      internalErrors: 0,
    });
  });

  it("says whether a document with a known id replaced the stored one or changed nothing", () => {
    const { ingest, store } = setup();
    const id = "70de5b6f19ff9a0a";
    const running = document(id, { end_time: undefined, in_progress: true });
    const done = document(id);
    expect(ingest.datagram(datagram(running), udp)).toMatchObject({ status: "stored" });
    expect(ingest.datagram(datagram(done), udp)).toMatchObject({
      status: "replaced",
      previous: "in-progress",
    });
    expect(ingest.datagram(datagram(done), udp)).toMatchObject({
      status: "duplicate",
      kept: "identical",
    });
    expect(ingest.datagram(datagram(running), udp)).toMatchObject({
      status: "duplicate",
      kept: "complete",
    });
    expect(ingest.datagram(datagram(document(id, { name: "renamed" })), udp)).toMatchObject({
      status: "replaced",
      previous: "complete",
    });
    expect(store.storedDocuments(TRACE)?.map((stored) => stored.index.name)).toEqual(["renamed"]);
    expect(ingest.counts()).toMatchObject({ received: 5, accepted: 5, rejected: 0 });
  });

  it("names the traces evicted to make room", () => {
    const { ingest } = setup({ maxTraces: 1 });
    ingest.datagram(datagram(document("70de5b6f19ff9a0a")), udp);
    const other = "1-581cf771-b006649127e371903a2de979";
    expect(
      ingest.datagram(datagram(document("80de5b6f19ff9a0a", { trace_id: other })), udp),
    ).toEqual({ status: "stored", traceId: other, id: "80de5b6f19ff9a0a", evicted: [TRACE] });
  });

  it("rejects with the parser's reason and message, and logs the sender", () => {
    const { ingest, rejections } = setup();
    expect(ingest.datagram(datagram("{not json"), udp)).toEqual({
      status: "rejected",
      reason: "not-json",
      message: expect.stringMatching(/not valid JSON/),
    });
    ingest.datagram(encoder.encode("no newline at all"), {
      kind: "udp",
      address: "::1",
      port: 6666,
    });
    expect(ingest.counts()).toMatchObject({ received: 2, accepted: 0, rejected: 2 });
    expect(rejections.byReason()).toEqual({ "not-json": 1, "no-separator": 1 });
    expect(rejections.entries().map((entry) => entry.from)).toEqual([
      "[::1]:6666",
      "10.1.2.3:5555",
    ]);
  });
});

describe("IngestService for documents without a datagram header", () => {
  it("takes a PutTraceSegments document as it is, counting its UTF-8 bytes", () => {
    const { ingest, store } = setup();
    const body = document("70de5b6f19ff9a0a", { name: "café" });
    expect(ingest.document(body, PUT_TRACE_SEGMENTS)).toMatchObject({ status: "stored" });
    expect(ingest.counts()).toMatchObject({ bytesReceived: encoder.encode(body).byteLength });
    expect(store.storedDocuments(TRACE)?.[0]?.raw).toBe(body);
  });

  it("says why an API document was refused, with the operation as its sender", () => {
    const { ingest, rejections } = setup();
    const noEnd = JSON.stringify({
      name: "svc",
      id: "1111111111111111",
      trace_id: TRACE,
      start_time: 1,
    });
    expect(ingest.document(noEnd, PUT_TRACE_SEGMENTS)).toEqual({
      status: "rejected",
      reason: "invalid-document",
      message: 'neither "end_time" nor "in_progress": true is set',
    });
    expect(rejections.entries()[0]).toMatchObject({
      from: "PutTraceSegments",
      reason: "invalid-document",
      preview: noEnd,
    });
  });

  it("keeps an imported document's receive time and names the line it came from", () => {
    const { ingest, store, rejections } = setup();
    const at = epochMillis(1_600_000_000_000);
    ingest.document(document("70de5b6f19ff9a0a"), { kind: "import", where: "line 1" }, at);
    expect(store.storedDocuments(TRACE)?.[0]?.receivedAt).toBe(at);
    ingest.document("[]", { kind: "import", file: "old.ndjson", where: "line 2" });
    expect(rejections.entries()[0]).toMatchObject({
      from: "import old.ndjson line 2",
      reason: "not-object",
    });
  });
});

describe("IngestService in-process and from the receive worker", () => {
  it("labels an in-process datagram by its label, or as in-process", () => {
    const { ingest, rejections } = setup();
    ingest.datagram(encoder.encode("junk"), { kind: "in-process" });
    ingest.datagram(encoder.encode("junk"), { kind: "in-process", label: "fuzzer" });
    expect(rejections.entries().map((entry) => entry.from)).toEqual(["fuzzer", "in-process"]);
  });

  it("stores what the worker scanned and records what it refused, counted alike", () => {
    const { ingest, store, rejections } = setup();
    const body = document("70de5b6f19ff9a0a");
    const scanned = { index: JSON.parse(body), raw: body };
    expect(
      ingest.scanned(
        scanned.index,
        scanned.raw,
        body.length,
        body.length + 30,
        udp,
        epochMillis(5),
      ),
    ).toMatchObject({ status: "stored", traceId: TRACE });
    expect(store.storedDocuments(TRACE)?.[0]?.receivedAt).toBe(5);
    expect(
      ingest.refused(encoder.encode("junk"), "no-separator", "no newline", udp, epochMillis(6)),
    ).toEqual({ status: "rejected", reason: "no-separator", message: "no newline" });
    expect(rejections.entries()[0]).toMatchObject({ from: "10.1.2.3:5555", preview: "junk" });
    expect(ingest.counts()).toEqual({
      received: 2,
      accepted: 1,
      rejected: 1,
      bytesReceived: body.length + 30 + 4,
      internalErrors: 0,
    });
  });
});

describe("IngestService when the store fails", () => {
  it("answers internal-error, keeps going, and logs each kind once", () => {
    let calls = 0;
    const { ingest, rejections, logged } = setup({
      store: {
        ingest() {
          calls++;
          throw new RangeError(calls <= 2 ? "store exploded" : "another failure");
        },
      },
    });
    const outcomes = [1, 2, 3].map(() =>
      ingest.datagram(datagram(document("70de5b6f19ff9a0a")), udp),
    );
    expect(outcomes.at(-1)).toEqual({
      status: "rejected",
      reason: "internal-error",
      message: "RangeError: another failure",
    });
    expect(ingest.counts()).toMatchObject({
      received: 3,
      accepted: 0,
      rejected: 3,
      internalErrors: 3,
    });
    expect(rejections.byReason()).toEqual({ "internal-error": 3 });
    expect(logged.map((line) => line.msg)).toEqual([
      expect.stringContaining("RangeError: store exploded"),
      expect.stringContaining("RangeError: another failure"),
    ]);
  });
});
