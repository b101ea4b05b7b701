/**
 * One stored document as one line of text: what `GET /api/export` writes (NDJSON) and what
 * the on-disk segment log holds. The document's JSON text goes in unchanged, so a record
 * read back gives the bytes the SDK sent.
 *
 * Version 2 (written now): `{"v":2,"receivedAt":…,"traceId":"…","origin":<origin or null>,
 * "doc":<document>}`; the origin says how the document arrived and, for OTLP, holds the span
 * it was made from. Version 1 (`{"v":1,"receivedAt":…,"traceId":"…","doc":…}`) is still read:
 * everything a version 1 writer stored was X-Ray JSON, so its origin reads as `xray`.
 */

import { type DocumentOrigin, XRAY_ORIGIN } from "./document-origin.ts";
import { parseOrigin } from "./parse-origin.ts";
import { stringifyJson } from "./stringify-json.ts";
import { type EpochMillis, epochMillis, isTraceId, type TraceId } from "./units.ts";

export const SEGMENT_RECORD_VERSION = 2;

export interface SegmentRecord {
  readonly receivedAt: EpochMillis;
  readonly traceId: TraceId;
  /** The document's JSON text as received. */
  readonly raw: string;
  /** How the document arrived; undefined when not known. */
  readonly origin: DocumentOrigin | undefined;
}

export type ParseRecordResult =
  | { readonly ok: true; readonly record: SegmentRecord }
  | { readonly ok: false; readonly message: string };

const LINE_BREAKS = /[\r\n]/g;

/**
 * The record as a version 2 line, without a line break. Inside valid JSON a CR or LF can
 * only be whitespace between tokens (in strings they are escaped), so they become spaces:
 * the line stays one line and the document means the same.
 */
export function formatRecord({ receivedAt, traceId, raw, origin }: SegmentRecord): string {
  // Written without recursion: a span's attributes may nest deeper than JSON.stringify goes.
  const originText = origin === undefined ? "null" : (stringifyJson(origin) ?? "null");
  return `{"v":2,"receivedAt":${JSON.stringify(receivedAt)},"traceId":${JSON.stringify(traceId)},"origin":${originText},"doc":${raw.replace(LINE_BREAKS, " ")}}`;
}

/** What formatRecord writes before the origin (v2) or the document (v1). */
const CANONICAL_PREFIX =
  /^\{"v":([12]),"receivedAt":(\d+(?:\.\d+)?),"traceId":"([^"\\]*)",("origin":|"doc":)/;
const DOC_KEY = ',"doc":';

/**
 * One line (without its line break) back to a record; never throws. A line as formatRecord
 * (of either version) wrote it gives the document's text verbatim; a line another tool
 * wrote (other key order, other spacing) gives the document re-serialised.
 */
export function parseRecord(line: string): ParseRecordResult {
  return canonicalRecord(line) ?? anyRecord(line);
}

/** The fast path: the envelope read by position, the document sliced out unchanged. */
function canonicalRecord(line: string): ParseRecordResult | undefined {
  const canonical = CANONICAL_PREFIX.exec(line);
  if (!canonical || !line.endsWith("}")) return undefined;
  const version = Number(canonical[1]);
  const fields = checkFields(version, Number(canonical[2]), canonical[3]);
  if (!fields.ok) return fields;
  let docStart = canonical[0].length;
  let origin: DocumentOrigin | undefined = XRAY_ORIGIN;
  if (version === 2) {
    if (canonical[4] !== '"origin":') return undefined;
    const originEnd = jsonValueEnd(line, docStart);
    if (originEnd < 0 || !line.startsWith(DOC_KEY, originEnd)) return undefined;
    const value = parseJson(line.slice(docStart, originEnd));
    if (value === NOT_JSON) return undefined;
    const parsed = parseOrigin(value);
    if (!parsed.ok) return parsed;
    origin = parsed.origin;
    docStart = originEnd + DOC_KEY.length;
  } else if (canonical[4] !== '"doc":') {
    return undefined;
  }
  const raw = line.slice(docStart, -1);
  return isObject(parseJson(raw))
    ? { ok: true, record: { ...fields.record, raw, origin } }
    : undefined;
}

function anyRecord(line: string): ParseRecordResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, message: "the line is not JSON" };
  }
  if (!isObject(value)) return { ok: false, message: "the line is not a JSON object" };
  const { v, receivedAt, traceId, doc } = value;
  const fields = checkFields(v, receivedAt, traceId);
  if (!fields.ok) return fields;
  if (!isObject(doc)) return { ok: false, message: '"doc" must be a JSON object' };
  const origin = v === 1 ? { ok: true as const, origin: XRAY_ORIGIN } : parseOrigin(value.origin);
  if (!origin.ok) return origin;
  // Written without recursion: the document may nest deeper than JSON.stringify goes (it is
  // refused as too deep when it is stored).
  const raw = stringifyJson(doc) ?? "{}";
  return { ok: true, record: { ...fields.record, raw, origin: origin.origin } };
}

function checkFields(
  v: unknown,
  receivedAt: unknown,
  traceId: unknown,
):
  | { readonly ok: true; readonly record: Pick<SegmentRecord, "receivedAt" | "traceId"> }
  | { readonly ok: false; readonly message: string } {
  if (v !== 1 && v !== SEGMENT_RECORD_VERSION) {
    const found = v === undefined ? "missing" : JSON.stringify(v);
    return { ok: false, message: `"v" is ${found}, expected 1 or ${SEGMENT_RECORD_VERSION}` };
  }
  if (typeof receivedAt !== "number" || !Number.isFinite(receivedAt) || receivedAt < 0) {
    return { ok: false, message: '"receivedAt" must be epoch milliseconds' };
  }
  if (!isTraceId(traceId)) {
    return { ok: false, message: '"traceId" must be a trace id (1-<8 hex>-<24 hex>)' };
  }
  return { ok: true, record: { receivedAt: epochMillis(receivedAt), traceId } };
}

/**
 * Where the object (or `null`) starting at `start` ends, counting brackets outside strings;
 * -1 when it does not end. Only finds the boundary: JSON.parse checks the text.
 */
function jsonValueEnd(text: string, start: number): number {
  if (text.startsWith("null", start)) return start + 4;
  if (text[start] !== "{") return -1;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++;
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
