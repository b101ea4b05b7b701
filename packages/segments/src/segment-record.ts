/**
 * One stored document as one line of text: what `GET /api/export` writes (NDJSON) and what
 * the on-disk segment log holds. The document's JSON text goes in unchanged, so a record
 * read back gives the bytes the SDK sent.
 */

import { stringifyJson } from "./stringify-json.ts";
import { type EpochMillis, epochMillis, isTraceId, type TraceId } from "./units.ts";

export const SEGMENT_RECORD_VERSION = 1;

export interface SegmentRecord {
  readonly receivedAt: EpochMillis;
  readonly traceId: TraceId;
  /** The document's JSON text as received. */
  readonly raw: string;
}

export type ParseRecordResult =
  | { readonly ok: true; readonly record: SegmentRecord }
  | { readonly ok: false; readonly message: string };

const LINE_BREAKS = /[\r\n]/g;

/**
 * `{"v":1,"receivedAt":…,"traceId":"…","doc":<raw>}`, without a line break. Inside valid
 * JSON a CR or LF can only be whitespace between tokens (in strings they are escaped), so
 * they become spaces: the line stays one line and the document means the same.
 */
export function formatRecord({ receivedAt, traceId, raw }: SegmentRecord): string {
  return `${recordPrefix(receivedAt, traceId)}${raw.replace(LINE_BREAKS, " ")}}`;
}

/** What formatRecord writes before the document; the document follows, then `}`. */
const CANONICAL_PREFIX = /^\{"v":1,"receivedAt":(\d+(?:\.\d+)?),"traceId":"([^"\\]*)","doc":/;

/**
 * One line (without its line break) back to a record; never throws. A line as formatRecord
 * wrote it gives the document's text verbatim; a line another tool wrote (other key order,
 * other spacing) gives the document re-serialised.
 */
export function parseRecord(line: string): ParseRecordResult {
  const canonical = CANONICAL_PREFIX.exec(line);
  if (canonical && line.endsWith("}")) {
    const raw = line.slice(canonical[0].length, -1);
    const fields = checkFields(SEGMENT_RECORD_VERSION, Number(canonical[1]), canonical[2]);
    if (!fields.ok) return fields;
    if (isJsonObject(raw)) return { ok: true, record: { ...fields.record, raw } };
  }
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
  // Written without recursion: the document may nest deeper than JSON.stringify goes (it is
  // refused as too deep when it is stored).
  return { ok: true, record: { ...fields.record, raw: stringifyJson(doc) ?? "{}" } };
}

function checkFields(
  v: unknown,
  receivedAt: unknown,
  traceId: unknown,
):
  | { readonly ok: true; readonly record: Omit<SegmentRecord, "raw"> }
  | { readonly ok: false; readonly message: string } {
  if (v !== SEGMENT_RECORD_VERSION) {
    const found = v === undefined ? "missing" : JSON.stringify(v);
    return { ok: false, message: `"v" is ${found}, expected ${SEGMENT_RECORD_VERSION}` };
  }
  if (typeof receivedAt !== "number" || !Number.isFinite(receivedAt) || receivedAt < 0) {
    return { ok: false, message: '"receivedAt" must be epoch milliseconds' };
  }
  if (!isTraceId(traceId)) {
    return { ok: false, message: '"traceId" must be a trace id (1-<8 hex>-<24 hex>)' };
  }
  return { ok: true, record: { receivedAt: epochMillis(receivedAt), traceId } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isJsonObject(text: string): boolean {
  try {
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

function recordPrefix(receivedAt: EpochMillis, traceId: TraceId): string {
  return `{"v":${SEGMENT_RECORD_VERSION},"receivedAt":${JSON.stringify(receivedAt)},"traceId":${JSON.stringify(traceId)},"doc":`;
}
