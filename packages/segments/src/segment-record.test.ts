import { describe, expect, it } from "vitest";
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
};

describe("formatRecord", () => {
  it("writes one JSON line with the document text unchanged", () => {
    const line = formatRecord(record);
    expect(line).toBe(`{"v":1,"receivedAt":1700000000123,"traceId":"${TRACE}","doc":${RAW}}`);
    expect(JSON.parse(line)).toEqual({
      v: 1,
      receivedAt: 1_700_000_000_123,
      traceId: TRACE,
      doc: JSON.parse(RAW),
    });
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
    const line = `{"doc":${doc},"traceId":"${TRACE}","receivedAt":5,"v":1}`;
    const parsed = parseRecord(line);
    expect(parsed.ok && parsed.record.raw).toBe(doc);
  });

  it("gives back what formatRecord wrote, document text byte for byte", () => {
    expect(parseRecord(formatRecord(record))).toEqual({ ok: true, record });
  });

  it("keeps fractional receive times", () => {
    const fractional = { ...record, receivedAt: epochMillis(1_700_000_000_123.5) };
    expect(parseRecord(formatRecord(fractional))).toEqual({ ok: true, record: fractional });
  });

  it("reads a line another tool reformatted, with the document re-serialised", () => {
    const line = JSON.stringify(
      { doc: JSON.parse(RAW), traceId: TRACE, receivedAt: 5, v: 1 },
      null,
      1,
    ).replaceAll("\n", "");
    expect(parseRecord(line)).toEqual({
      ok: true,
      record: { receivedAt: 5, traceId: TRACE, raw: JSON.stringify(JSON.parse(RAW)) },
    });
  });

  it("does not take trailing keys for part of the document", () => {
    const line = `{"v":1,"receivedAt":5,"traceId":"${TRACE}","doc":{"a":1},"extra":{"b":2}}`;
    expect(parseRecord(line)).toEqual({
      ok: true,
      record: { receivedAt: 5, traceId: TRACE, raw: '{"a":1}' },
    });
  });

  it.each([
    ["not JSON", "{", "the line is not JSON"],
    ["not an object", "[1]", "the line is not a JSON object"],
    [
      "another version",
      `{"v":2,"receivedAt":5,"traceId":"${TRACE}","doc":{}}`,
      '"v" is 2, expected 1',
    ],
    ["no version", `{"receivedAt":5,"traceId":"${TRACE}","doc":{}}`, '"v" is missing, expected 1'],
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
