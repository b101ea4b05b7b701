/**
 * `IngestService.translated` against `IngestService.document` on the same translated spans:
 * the same outcomes, counts, rejections, stored text and origin (the source span, read lazily,
 * written to a segment record exactly as the eager one).
 */

import {
  epochMillis,
  formatRecord,
  type OtlpSpan,
  type OtlpTraceRequest,
  parseRecord,
  sourceSpanOf,
  type TraceId,
  TraceStore,
  translateTraceRequest,
} from "@xray-sandbox/segments";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { RejectionLog } from "../rejection-log.ts";
import { IngestService } from "./ingest-service.ts";
import type { OtlpSource } from "./ingest-source.ts";

const NOW = epochMillis(1_700_000_000_000);
const TRACE_HEX = "5759e988bd862e3fe1be46a994272793";
const TRACE = "1-5759e988-bd862e3fe1be46a994272793" as TraceId;
const SOURCE: OtlpSource = { kind: "otlp", transport: "otlp-http-protobuf", sampled: true };

function span(spanId: string, overrides: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    traceId: TRACE_HEX,
    spanId,
    parentSpanId: "",
    traceState: "",
    name: "GET /users",
    kind: "server",
    startTimeUnixNano: 1_700_000_000_123_456_789n,
    endTimeUnixNano: 1_700_000_000_223_456_789n,
    attributes: new Map([["http.request.method", "GET"]]),
    events: [],
    links: [],
    status: { code: "unset", message: "" },
    ...overrides,
  };
}

const REQUEST: OtlpTraceRequest = {
  resourceSpans: [
    {
      resource: new Map([["service.name", "users"]]),
      scopeSpans: [
        {
          scope: { name: "http", version: "1" },
          spans: [
            span("0000000000000001"),
            span("0000000000000002", {
              parentSpanId: "0000000000000001",
              kind: "client",
              attributes: new Map([["db.system", "sqlite"]]),
            }),
            // Over the document size limit: refused by both ways in, for the same reason.
            span("0000000000000003", { attributes: new Map([["blob", "x".repeat(70_000)]]) }),
            span("0000000000000004", { endTimeUnixNano: 0n }),
          ],
        },
      ],
    },
  ],
};

function setup() {
  const store = new TraceStore({ maxTraces: 100, maxBytes: 1 << 22 });
  const rejections = new RejectionLog(10);
  const ingest = new IngestService({
    store,
    rejections,
    logger: pino({ level: "silent" }),
    now: () => NOW,
  });
  return { store, rejections, ingest };
}

function translate() {
  return translateTraceRequest(REQUEST, SOURCE.transport, true, {
    indexAllAttributes: false,
    indexedAttributes: [],
  }).documents;
}

describe("IngestService.translated", () => {
  it("gives the outcomes, counts, rejections and stored documents document(text) gives", () => {
    const byText = setup();
    const byObject = setup();
    const textOutcomes = translate().map(({ document, source }) =>
      byText.ingest.document(JSON.stringify(document), SOURCE, NOW, source),
    );
    const objectOutcomes = translate().map(({ document, origin }) =>
      byObject.ingest.translated(document, JSON.stringify(document), SOURCE, NOW, origin),
    );
    expect(objectOutcomes).toEqual(textOutcomes);
    expect(objectOutcomes.map((outcome) => outcome.status)).toEqual([
      "stored",
      "stored",
      "rejected",
      "stored",
    ]);
    expect(byObject.ingest.counts()).toEqual(byText.ingest.counts());
    expect(byObject.rejections.entries()).toEqual(byText.rejections.entries());
    const stored = (service: ReturnType<typeof setup>) =>
      (service.store.storedDocuments(TRACE) ?? []).map((document) => ({
        index: { ...document.index },
        raw: document.raw,
        origin: JSON.stringify(document.origin),
      }));
    expect(stored(byObject)).toEqual(stored(byText));

    // The same document again is a duplicate both ways.
    const [first] = translate();
    if (first === undefined) throw new Error("nothing translated");
    expect(
      byObject.ingest.translated(
        first.document,
        JSON.stringify(first.document),
        SOURCE,
        NOW,
        first.origin,
      ),
    ).toEqual(byText.ingest.document(JSON.stringify(first.document), SOURCE, NOW, first.source));
  });

  it("stores an origin whose span reads, persists and parses back as the eager one", () => {
    const { ingest, store } = setup();
    const documents = translate();
    for (const { document, origin } of documents) {
      ingest.translated(document, JSON.stringify(document), SOURCE, NOW, origin);
    }
    const [first] = store.storedDocuments(TRACE) ?? [];
    if (first === undefined) throw new Error("nothing stored");
    const eager = documents[0]?.source;
    // Its own fields, and the span read through its getter.
    expect({ ...first.origin, span: sourceSpanOf(first.origin) }).toEqual({
      kind: "otlp",
      transport: SOURCE.transport,
      span: eager,
    });
    const line = formatRecord({
      receivedAt: NOW,
      traceId: TRACE,
      raw: first.raw,
      origin: first.origin,
    });
    expect(line).toBe(
      formatRecord({
        receivedAt: NOW,
        traceId: TRACE,
        raw: first.raw,
        origin: { kind: "otlp", transport: SOURCE.transport, span: eager },
      }),
    );
    const parsed = parseRecord(line);
    expect(parsed.ok ? parsed.record.origin : parsed).toEqual({
      kind: "otlp",
      transport: SOURCE.transport,
      span: eager,
    });
  });
});
