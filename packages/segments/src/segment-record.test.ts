import { describe, expect, it } from "vitest";
import {
  type DocumentOrigin,
  importedOrigin,
  PUT_TRACE_SEGMENTS_ORIGIN,
  XRAY_ORIGIN,
  XRAY_UDP_ORIGIN,
} from "./document-origin.ts";
import type { SourceSpan } from "./otlp/translate-contract.ts";
import { formatRecord, parseRecord, type SegmentRecord } from "./segment-record.ts";
import { epochMillis, isTraceId, type TraceId } from "./units.ts";

function traceId(text: string): TraceId {
  if (!isTraceId(text)) throw new Error(`not a trace id: ${text}`);
  return text;
}

const TRACE = traceId("1-5f84c7a1-4e0b1f0c9a8d7e6f5a4b3c2d");
const RAW =
  '{"name":"checkout","id":"70de5b6f19ff9a0a","trace_id":"1-5f84c7a1-4e0b1f0c9a8d7e6f5a4b3c2d","start_time":1.5,"end_time":2.25,"annotations":{"note":"naïve ✓ \\"quoted\\""}}';
const record: SegmentRecord = {
  receivedAt: epochMillis(1_700_000_000_123),
  traceId: TRACE,
  raw: RAW,
  origin: XRAY_UDP_ORIGIN,
};

const SPAN: SourceSpan = {
  transport: "otlp-http-protobuf",
  sampled: true,
  traceId: "5f84c7a14e0b1f0c9a8d7e6f5a4b3c2d",
  spanId: "70de5b6f19ff9a0a",
  parentSpanId: "",
  name: "GET /cart",
  kind: "SPAN_KIND_SERVER",
  startTimeUnixNano: "1500000000",
  endTimeUnixNano: "2250000000",
  status: { code: "STATUS_CODE_UNSET", message: "" },
  // Brackets and quotes inside strings must not end the origin early.
  attributes: { "http.route": "/cart/{id}", note: 'a "}" and a \\"]"', nested: { list: [1, [2]] } },
  resource: { "service.name": "cart" },
  scope: { name: "@opentelemetry/instrumentation-http", version: "0.57.0" },
  events: [{ name: "exception", attributes: { "exception.message": "}" } }],
  links: [],
};
const OTLP: DocumentOrigin = { kind: "otlp", transport: "otlp-http-protobuf", span: SPAN };

/** A line as version 1 of the format wrote it. */
function v1Line(raw = RAW): string {
  return `{"v":1,"receivedAt":1700000000123,"traceId":"${TRACE}","doc":${raw}}`;
}

describe("formatRecord", () => {
  it("writes one JSON line with the document text unchanged", () => {
    const line = formatRecord(record);
    expect(line).toBe(
      `{"v":2,"receivedAt":1700000000123,"traceId":"${TRACE}","origin":{"kind":"xray-udp"},"doc":${RAW}}`,
    );
    expect(JSON.parse(line)).toEqual({
      v: 2,
      receivedAt: 1_700_000_000_123,
      traceId: TRACE,
      origin: { kind: "xray-udp" },
      doc: JSON.parse(RAW),
    });
  });

  it("writes null for an origin not known", () => {
    expect(formatRecord({ ...record, origin: undefined })).toBe(
      `{"v":2,"receivedAt":1700000000123,"traceId":"${TRACE}","origin":null,"doc":${RAW}}`,
    );
  });

  it("keeps a pretty-printed document on one line without changing what it means", () => {
    const pretty = JSON.stringify(JSON.parse(RAW), null, 2).replaceAll("\n", "\r\n");
    const line = formatRecord({ ...record, raw: pretty });
    expect(line).not.toMatch(/[\r\n]/);
    expect((JSON.parse(line) as { doc: unknown }).doc).toEqual(JSON.parse(RAW));
  });
});

describe("parseRecord", () => {
  it("reads a line another tool wrote whatever its document's depth, and never throws", () => {
    const depth = 20_000;
    const doc = `{"id":"x","metadata":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const line = `{"doc":${doc},"traceId":"${TRACE}","receivedAt":5,"v":2,"origin":null}`;
    const parsed = parseRecord(line);
    expect(parsed.ok && parsed.record.raw).toBe(doc);
  });

  it("gives back what formatRecord wrote, document text byte for byte", () => {
    expect(parseRecord(formatRecord(record))).toEqual({ ok: true, record });
  });

  it.each<[string, DocumentOrigin | undefined]>([
    ["no origin", undefined],
    ["PutTraceSegments", PUT_TRACE_SEGMENTS_ORIGIN],
    ["an OTLP span with brackets and quotes in its strings", OTLP],
    ["an import of an OTLP document", importedOrigin(OTLP)],
    ["an import from a file that named no origin", importedOrigin(undefined)],
  ])("round-trips %s, document text byte for byte", (_, origin) => {
    const written = { ...record, origin };
    expect(parseRecord(formatRecord(written))).toEqual({ ok: true, record: written });
  });

  it("reads a version 1 line as an X-Ray document of unknown transport, text byte for byte", () => {
    expect(parseRecord(v1Line())).toEqual({
      ok: true,
      record: { ...record, origin: XRAY_ORIGIN },
    });
  });

  it("reads a version 1 line another tool reformatted", () => {
    const line = JSON.stringify({ v: 1, doc: JSON.parse(RAW), traceId: TRACE, receivedAt: 5 });
    expect(parseRecord(line)).toEqual({
      ok: true,
      record: { receivedAt: 5, traceId: TRACE, raw: RAW, origin: XRAY_ORIGIN },
    });
  });

  it("keeps fractional receive times", () => {
    const fractional = { ...record, receivedAt: epochMillis(1_700_000_000_123.5) };
    expect(parseRecord(formatRecord(fractional))).toEqual({ ok: true, record: fractional });
  });

  it("reads a line another tool reformatted, with the document re-serialised", () => {
    const line = JSON.stringify(
      { doc: JSON.parse(RAW), origin: OTLP, traceId: TRACE, receivedAt: 5, v: 2 },
      null,
      1,
    ).replaceAll("\n", "");
    expect(parseRecord(line)).toEqual({
      ok: true,
      record: { receivedAt: 5, traceId: TRACE, raw: JSON.stringify(JSON.parse(RAW)), origin: OTLP },
    });
  });

  it("does not take trailing keys for part of the document", () => {
    const line = `{"v":2,"receivedAt":5,"traceId":"${TRACE}","origin":null,"doc":{"a":1},"extra":{"b":2}}`;
    expect(parseRecord(line)).toEqual({
      ok: true,
      record: { receivedAt: 5, traceId: TRACE, raw: '{"a":1}', origin: undefined },
    });
  });

  it.each([
    ["not JSON", "{", "the line is not JSON"],
    ["not an object", "[1]", "the line is not a JSON object"],
    [
      "another version",
      `{"v":3,"receivedAt":5,"traceId":"${TRACE}","doc":{}}`,
      '"v" is 3, expected 1 or 2',
    ],
    [
      "no version",
      `{"receivedAt":5,"traceId":"${TRACE}","doc":{}}`,
      '"v" is missing, expected 1 or 2',
    ],
    [
      "an origin of an unknown kind",
      `{"v":2,"receivedAt":5,"traceId":"${TRACE}","origin":{"kind":"carrier-pigeon"},"doc":{}}`,
      '"origin" "kind" is "carrier-pigeon", expected xray-udp, put-trace-segments, in-process, xray, otlp or import',
    ],
    [
      "an OTLP origin without its span",
      `{"v":2,"receivedAt":5,"traceId":"${TRACE}","origin":{"kind":"otlp","transport":"otlp-grpc"},"doc":{}}`,
      '"origin" "span" must be an object',
    ],
    [
      "an OTLP span whose attributes are a list",
      formatRecord({
        ...record,
        origin: {
          ...OTLP,
          span: { ...SPAN, attributes: [] as unknown as SourceSpan["attributes"] },
        },
      }),
      '"origin" "span" "attributes" must be an object',
    ],
    [
      "an import naming an unknown origin",
      `{"v":2,"receivedAt":5,"traceId":"${TRACE}","origin":{"kind":"import","exported":{"kind":"fax"}},"doc":{}}`,
      '"origin" "exported" "kind" is "fax", expected xray-udp, put-trace-segments, in-process, xray, otlp or import',
    ],
    [
      "an origin cut short",
      `{"v":2,"receivedAt":5,"traceId":"${TRACE}","origin":{"kind":"xray-udp","doc":{}}`,
      "the line is not JSON",
    ],
    [
      "a text time",
      `{"v":1,"receivedAt":"5","traceId":"${TRACE}","doc":{}}`,
      '"receivedAt" must be epoch milliseconds',
    ],
    [
      "a bad trace id",
      `{"v":1,"receivedAt":5,"traceId":"1-x","doc":{}}`,
      '"traceId" must be a trace id (1-<8 hex>-<24 hex>)',
    ],
    [
      "a canonical line with a bad trace id",
      `{"v":1,"receivedAt":5,"traceId":"abc","doc":{}}`,
      '"traceId" must be a trace id (1-<8 hex>-<24 hex>)',
    ],
    [
      "a document that is not an object",
      `{"v":1,"receivedAt":5,"traceId":"${TRACE}","doc":"x"}`,
      '"doc" must be a JSON object',
    ],
    ["a truncated line", formatRecord(record).slice(0, -10), "the line is not JSON"],
  ])("refuses %s with a reason", (_, line, message) => {
    expect(parseRecord(line)).toEqual({ ok: false, message });
  });
});
