/**
 * Protobuf spans are filed without translating them and written when first read: every
 * reader must see what translating them at once gave. Each request here goes through the
 * intake, and, for reference, through what the intake did before (the translator, then
 * `ingest.translated()` of each document's JSON); stores, outcomes and rejections must match.
 */

import { loadFixtureRun } from "@xray-sandbox/fixtures";
import {
  type AssembledTrace,
  type EpochMillis,
  epochMillis,
  fileTraceRequest,
  type OtlpSpan,
  type OtlpTraceRequest,
  type OtlpValue,
  type TraceNode,
  TraceStore,
  type TraceStoreOptions,
  translateTraceRequest,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import type { DocumentOutcome } from "../ingest/ingest-outcome.ts";
import { IngestService } from "../ingest/ingest-service.ts";
import type { OtlpSource } from "../ingest/ingest-source.ts";
import { silentLogger } from "../logger.ts";
import { RejectionLog } from "../rejection-log.ts";
import { decodeProtobufRequest } from "./decode-protobuf.ts";
import { encodeProtobufRequest } from "./encode-protobuf.ts";
import { OtlpIntake } from "./otlp-intake.ts";
import { SpanVerdicts } from "./span-verdicts.ts";
import { otlpPayload } from "./udp-payload.ts";

const TRANSLATE = { indexAllAttributes: false, indexedAttributes: [] } as const;
const RECEIVED_AT = epochMillis(1_700_000_000_000);
const SOURCE: OtlpSource = {
  kind: "otlp",
  transport: "otlp-http-protobuf",
  sampled: true,
  peer: undefined,
};
const BOUNDS: TraceStoreOptions = { maxTraces: 1_000, maxBytes: 64 * 1024 * 1024 };

function service(bounds: TraceStoreOptions = BOUNDS) {
  const store = new TraceStore(bounds);
  const rejections = new RejectionLog(100);
  const ingest = new IngestService({ store, rejections, logger: silentLogger() });
  const intake = new OtlpIntake({ ingest, translate: TRANSLATE, keepUnsampled: true });
  return { store, rejections, ingest, intake };
}

/** What the intake did before spans were filed lazily: translate, stringify, check, store. */
function eagerReference(body: Uint8Array, into: ReturnType<typeof service>) {
  const decoded = decodeProtobufRequest(body);
  if (!decoded.ok) throw new Error(decoded.message);
  const translated = translateTraceRequest(decoded.request, SOURCE.transport, true, TRANSLATE);
  const verdicts = new SpanVerdicts(into.ingest, SOURCE, RECEIVED_AT);
  verdicts.untranslatable(translated.rejected);
  const documents: DocumentOutcome[] = [];
  for (const { document, origin } of translated.documents) {
    const outcome = into.ingest.translated(
      document,
      JSON.stringify(document),
      SOURCE,
      RECEIVED_AT,
      origin,
    );
    documents.push(outcome);
    verdicts.document(outcome, origin);
  }
  return { documents, rejectedSpans: verdicts.rejectedSpans, reasons: verdicts.reasons };
}

/** Every trace's documents as a reader sees them, and its summary. */
function readBack(store: TraceStore) {
  return store.traceIds().map((id) => ({
    id,
    texts: (store.storedDocuments(id) ?? []).map((stored) => stored.raw).sort(),
    origins: (store.storedDocuments(id) ?? [])
      .map((stored) => JSON.stringify(stored.origin))
      .sort(),
    summary: store.getSummary(id),
    tree: treeOf(store.getTrace(id)),
  }));
}

/** The assembled tree as ids, children in order, and its orphans. */
function treeOf(trace: AssembledTrace | undefined): unknown {
  const node = (one: TraceNode): unknown => [one.document.id, one.kind, one.children.map(node)];
  return trace && { segments: trace.segments.map(node), orphans: trace.orphans.map(node) };
}

/** Files `body` lazily and eagerly; everything a user can read must match. */
function expectSameAsEager(body: Uint8Array): ReturnType<typeof service> {
  const lazy = service();
  const eager = service();
  const outcome = lazy.intake.body(body, "protobuf", SOURCE.transport, undefined, RECEIVED_AT);
  const reference = eagerReference(body, eager);
  if (!outcome.ok) throw new Error(outcome.message);
  expect(outcome.documents).toEqual(reference.documents);
  expect(outcome.rejectedSpans).toBe(reference.rejectedSpans);
  for (const reason of reference.reasons.slice(0, 3))
    expect(outcome.errorMessage).toContain(reason);
  const { bytesReceived: _lazyBytes, ...lazyCounts } = lazy.ingest.counts();
  const { bytesReceived: _eagerBytes, ...eagerCounts } = eager.ingest.counts();
  expect(lazyCounts).toEqual(eagerCounts);
  const entries = (log: RejectionLog) =>
    log.entries().map(({ reason, message, preview, size }) => ({ reason, message, preview, size }));
  expect(entries(lazy.rejections)).toEqual(entries(eager.rejections));
  expect(readBack(lazy.store)).toEqual(readBack(eager.store));
  const { bytes: _lazyStored, ...lazyStore } = lazy.store.stats();
  const { bytes: _eagerStored, ...eagerStore } = eager.store.stats();
  expect({ ...lazyStore, unsampled: { ...lazyStore.unsampled, bytes: 0 } }).toEqual({
    ...eagerStore,
    unsampled: { ...eagerStore.unsampled, bytes: 0 },
  });
  return lazy;
}

const TRACE = "5759e988bd862e3fe1be46a994272793";
const START = 1_700_000_000_123_456_789n;

function span(overrides: Partial<OtlpSpan> & { readonly values?: Record<string, OtlpValue> }) {
  const { values, ...rest } = overrides;
  return {
    traceId: TRACE,
    spanId: "53995c3f42cd8ad8",
    parentSpanId: "",
    traceState: "",
    name: "GET /orders",
    kind: "server",
    startTimeUnixNano: START,
    endTimeUnixNano: START + 250_000_000n,
    attributes: new Map(Object.entries(values ?? {})),
    events: [],
    links: [],
    status: { code: "unset", message: "" },
    ...rest,
  } satisfies OtlpSpan;
}

function body(spans: readonly OtlpSpan[], resource: Record<string, OtlpValue> = {}): Uint8Array {
  const request: OtlpTraceRequest = {
    resourceSpans: [
      {
        resource: new Map(Object.entries({ "service.name": "orders", ...resource })),
        scopeSpans: [{ scope: { name: "test", version: "1" }, spans }],
      },
    ],
  };
  return encodeProtobufRequest(request);
}

/** Spans the naming, kind, LOCAL_ROOT, status and link rules treat differently. */
const SPANS: readonly OtlpSpan[] = [
  span({ values: { "http.method": "GET", "http.url": "https://shop.example/orders?id=1" } }),
  span({
    spanId: "0000000000000a01",
    parentSpanId: "53995c3f42cd8ad8",
    kind: "client",
    values: { "peer.service": "payments" },
  }),
  span({
    spanId: "0000000000000a02",
    parentSpanId: "53995c3f42cd8ad8",
    kind: "client",
    values: {
      "rpc.system": "aws-api",
      "aws.remote.service": "AWS::DynamoDB",
      "aws.service": "DynamoDB",
    },
  }),
  span({
    spanId: "0000000000000a03",
    parentSpanId: "53995c3f42cd8ad8",
    kind: "client",
    values: {
      "db.system": "postgresql",
      "db.name": "shop",
      "db.connection_string": "jdbc:postgresql://db.internal:5432/shop",
      "db.statement": "select 1",
    },
  }),
  span({
    spanId: "0000000000000a04",
    parentSpanId: "53995c3f42cd8ad8",
    kind: "internal",
    name: "compute \u0001 tax ✓",
  }),
  span({
    spanId: "0000000000000a05",
    parentSpanId: "53995c3f42cd8ad8",
    kind: "producer",
    values: { "rpc.service": "Queue" },
  }),
  span({
    spanId: "0000000000000a06",
    parentSpanId: "53995c3f42cd8ad8",
    kind: "consumer",
    values: { "net.peer.name": "broker" },
    endTimeUnixNano: 0n,
  }),
  span({
    spanId: "0000000000000a07",
    parentSpanId: "53995c3f42cd8ad8",
    kind: "client",
    values: { "http.host": "api.example" },
    status: { code: "error", message: "timed out" },
  }),
  span({
    spanId: "0000000000000a08",
    parentSpanId: "0000000000000a07",
    kind: "server",
    values: { "aws.local.service": "inventory" },
  }),
  span({
    spanId: "0000000000000a09",
    parentSpanId: "53995c3f42cd8ad8",
    kind: "client",
    links: [
      {
        traceId: TRACE,
        spanId: "0000000000000a01",
        traceState: "",
        attributes: new Map([["why", "retry"]]),
      },
    ],
  }),
  span({
    spanId: "0000000000000a0a",
    parentSpanId: "53995c3f42cd8ad8",
    kind: "unspecified",
    name: "",
  }),
];

/** LOCAL_ROOT spans: a SERVER and an INTERNAL one stay one segment; the rest become two documents. */
const LOCAL_ROOTS: readonly OtlpSpan[] = [
  span({
    spanId: "0000000000000b01",
    parentSpanId: "0000000000000a01",
    kind: "server",
    values: { "aws.span.kind": "LOCAL_ROOT", "aws.local.service": "payments" },
  }),
  span({
    spanId: "0000000000000b02",
    parentSpanId: "0000000000000a01",
    kind: "internal",
    values: { "aws.span.kind": "LOCAL_ROOT", "aws.local.service": "worker" },
  }),
  span({
    spanId: "0000000000000b03",
    parentSpanId: "0000000000000a01",
    kind: "client",
    values: {
      "aws.span.kind": "LOCAL_ROOT",
      "aws.local.service": "lambda-fn",
      "aws.remote.service": "AWS::S3",
      "rpc.system": "aws-api",
      "aws.remote.operation": "PutObject",
    },
  }),
  span({
    spanId: "0000000000000b04",
    kind: "producer",
    values: { "aws.span.kind": "LOCAL_ROOT", "aws.remote.service": "orders-queue" },
  }),
  span({
    spanId: "0000000000000b05",
    parentSpanId: "0000000000000b04",
    kind: "consumer",
    values: { "aws.span.kind": "LOCAL_ROOT", "aws.local.service": "consumer" },
    links: [{ traceId: TRACE, spanId: "0000000000000b04", traceState: "", attributes: new Map() }],
  }),
];

describe("protobuf spans filed without translating them", () => {
  it("file every span lazily that the size bound lets through, and no span with events", () => {
    const withEvent = span({
      spanId: "0000000000000c01",
      events: [
        {
          timeUnixNano: START,
          name: "exception",
          attributes: new Map([["exception.message", "boom"]]),
        },
      ],
    });
    const decoded = decodeProtobufRequest(body([...SPANS, withEvent]));
    if (!decoded.ok) throw new Error(decoded.message);
    const filed = fileTraceRequest(decoded.request, "otlp-http-protobuf", true, TRANSLATE);
    expect(filed.documents.map((document) => document.lazy)).toEqual([
      ...SPANS.map(() => true),
      false,
    ]);
  });

  it("read back exactly what translating them gave: names, kinds, status, links", () => {
    expectSameAsEager(body(SPANS));
  });

  it("read back a trace with LOCAL_ROOT spans as two documents where the translator makes two", () => {
    const lazy = expectSameAsEager(body([...SPANS.slice(0, 2), ...LOCAL_ROOTS]));
    expect(lazy.store.stats().documents).toBe(2 + 2 + 2 * 3);
  });

  it("read back every captured ADOT datagram as translating it gave", () => {
    const datagrams = loadFixtureRun("adot-otlp-udp");
    expect(datagrams.length).toBeGreaterThan(0);
    for (const datagram of datagrams) {
      const payload = otlpPayload(datagram.bytes);
      if (!payload.ok) throw new Error(`${datagram.file}: ${payload.message}`);
      expectSameAsEager(payload.protobuf);
    }
  });

  it("reject the same spans with the same reasons: bad ids, a document over the size limit", () => {
    const huge = "x".repeat(70_000);
    const lazy = expectSameAsEager(
      body([
        span({ spanId: "0000000000000d01" }),
        span({ spanId: "0000000000000000" }),
        span({ spanId: "0000000000000d02", traceId: "00000000000000000000000000000000" }),
        span({ spanId: "0000000000000d03", parentSpanId: "0000000000000000", kind: "client" }),
        span({ spanId: "0000000000000d04", values: { "note.big": huge } }),
        span({ spanId: "0000000000000d05", values: { "peer.service": "x".repeat(1_500) } }),
      ]),
    );
    expect(lazy.ingest.counts()).toMatchObject({ accepted: 2, rejected: 4 });
    expect(
      lazy.rejections
        .entries()
        .map((entry) => entry.reason)
        .sort(),
    ).toEqual(["otlp-untranslatable", "otlp-untranslatable", "otlp-untranslatable", "too-large"]);
  });

  it("write a span's text only when it is read, once", () => {
    const { store, intake } = service();
    intake.body(body(SPANS.slice(0, 2)), "protobuf", SOURCE.transport, undefined, RECEIVED_AT);
    const [stored] = store.storedDocuments(store.traceIds()[0] as never) ?? [];
    expect(stored?.raw).toBe(stored?.raw);
    expect(stored?.document.id).toBe(stored?.index.id);
  });
});

describe("the byte bounds of lazily filed spans", () => {
  it("count each document at its span's protobuf size, also in bytes received", () => {
    const request = body(SPANS.slice(0, 3));
    const decoded = decodeProtobufRequest(request);
    if (!decoded.ok) throw new Error(decoded.message);
    const spans = decoded.request.resourceSpans.flatMap((resource) =>
      resource.scopeSpans.flatMap((scope) => scope.spans),
    );
    const wireSizes = spans.map((one) => (one.wireEnd ?? 0) - (one.wireStart ?? 0));
    expect(wireSizes.every((size) => size > 0)).toBe(true);
    const total = wireSizes.reduce((sum, size) => sum + size, 0);
    const { store, ingest, intake } = service();
    intake.body(request, "protobuf", SOURCE.transport, undefined, RECEIVED_AT);
    expect(store.stats().bytes).toBe(total);
    expect(ingest.counts().bytesReceived).toBe(total);
  });

  it("evict the oldest trace when the spans' protobuf sizes pass the store's byte bound", () => {
    const one = (trace: string) => body([span({ traceId: trace, spanId: "0000000000000e01" })]);
    const first = one("00000000000000000000000000000e01");
    const decoded = decodeProtobufRequest(first);
    if (!decoded.ok) throw new Error(decoded.message);
    const only = decoded.request.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    const size = (only?.wireEnd ?? 0) - (only?.wireStart ?? 0);
    const { store, intake } = service({ maxTraces: 100, maxBytes: 2 * size });
    const at: EpochMillis = RECEIVED_AT;
    intake.body(first, "protobuf", SOURCE.transport, undefined, at);
    intake.body(
      one("00000000000000000000000000000e02"),
      "protobuf",
      SOURCE.transport,
      undefined,
      at,
    );
    expect(store.stats()).toMatchObject({ traces: 2, bytes: 2 * size, evictedTraces: 0 });
    intake.body(
      one("00000000000000000000000000000e03"),
      "protobuf",
      SOURCE.transport,
      undefined,
      at,
    );
    expect(store.stats()).toMatchObject({
      traces: 2,
      bytes: 2 * size,
      evictedTraces: 1,
      evictedBytes: size,
    });
    expect(store.has("1-00000000-000000000000000000000e01" as never)).toBe(false);
  });
});
