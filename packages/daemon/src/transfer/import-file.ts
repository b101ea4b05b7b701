/**
 * What `POST /api/import` and `xray-sandbox import` take: the sandbox's NDJSON (its segment
 * log, or an export: one record per line; bare segment documents per line work too), or the
 * JSON that X-Ray's BatchGetTraces returns (`aws xray batch-get-traces`). Read and checked
 * whole before anything is stored. Never throws.
 */

import {
  type DocumentOrigin,
  EARLIEST_PLAUSIBLE_SECONDS,
  type EpochMillis,
  epochMillis,
  type ImportProblem,
  parseDocumentText,
  parseRecord,
  type TopLevelDocument,
} from "@xray-sandbox/segments";

export interface ImportEntry {
  readonly document: TopLevelDocument;
  /** The document's JSON text. */
  readonly raw: string;
  /** When the sandbox first received it, for records; undefined for other sources. */
  readonly receivedAt: EpochMillis | undefined;
  /** `line 3`, `Traces[0].Segments[1].Document`. */
  readonly where: string;
  /** How the document first arrived, as its record says (version 1 records: `xray`); else undefined. */
  readonly origin: DocumentOrigin | undefined;
}

export type ImportFormat = "ndjson" | "batch-get-traces";

export type ReadImportResult =
  | {
      readonly ok: true;
      readonly format: ImportFormat;
      readonly entries: readonly ImportEntry[];
      /** One per entry that cannot be imported, in file order. */
      readonly problems: readonly ImportProblem[];
    }
  /** The file as a whole is not something the sandbox reads. */
  | { readonly ok: false; readonly message: string };

const BOM = "\uFEFF";
const SHAPES =
  'expected NDJSON (one record or segment document per line) or the JSON that "aws xray batch-get-traces" prints ({"Traces": [...]})';

export interface ReadImportOptions {
  /** The time receive times are checked against; the clock's unless told. */
  readonly now?: EpochMillis;
}

/** How far ahead of now a receive time may be (another machine's clock may run ahead). */
const FUTURE_ALLOWANCE_MS = 24 * 60 * 60 * 1000;

export function readImportFile(
  bytes: Uint8Array,
  options: ReadImportOptions = {},
): ReadImportResult {
  const receivedRange = importReceivedRange(options.now);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: "the file is not UTF-8 text" };
  }
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  if (text.trim() === "") return { ok: false, message: `the file is empty; ${SHAPES}` };

  const whole = parseJson(text);
  if (whole.ok && isObject(whole.value) && "Traces" in whole.value) {
    return readBatchGetTraces(whole.value.Traces);
  }
  if (whole.ok && !isObject(whole.value)) {
    return { ok: false, message: `the file is ${describeJson(whole.value)}; ${SHAPES}` };
  }
  if (whole.ok) {
    // One record or document, perhaps pretty-printed over several lines.
    const read = readImportLine(text, receivedRange);
    const where = "line 1";
    return read.ok
      ? { ok: true, format: "ndjson", entries: [{ ...read, where }], problems: [] }
      : {
          ok: true,
          format: "ndjson",
          entries: [],
          problems: [{ where, line: 1, message: read.message }],
        };
  }
  return readNdjson(text, receivedRange);
}

/** Receive times a sandbox can have recorded, in epoch milliseconds. */
export interface ReceivedRange {
  readonly earliest: number;
  readonly latest: number;
}

/** From 2000-01-01 to a day after `now` (the clock's unless told). */
export function importReceivedRange(now?: EpochMillis): ReceivedRange {
  return {
    earliest: EARLIEST_PLAUSIBLE_SECONDS * 1000,
    latest: (now ?? epochMillis(Date.now())) + FUTURE_ALLOWANCE_MS,
  };
}

function readNdjson(text: string, receivedRange: ReceivedRange): ReadImportResult {
  const entries: ImportEntry[] = [];
  const problems: ImportProblem[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? "").replace(/\r$/, "");
    if (line.trim() === "") continue;
    const number = index + 1;
    const where = `line ${number}`;
    const read = readImportLine(line, receivedRange);
    if (read.ok) entries.push({ ...read, where });
    else problems.push({ where, line: number, message: read.message });
  }
  if (entries.length === 0 && problems.length === 0) {
    return { ok: false, message: `the file holds no documents; ${SHAPES}` };
  }
  return { ok: true, format: "ndjson", entries, problems };
}

export type ReadLine =
  | {
      readonly ok: true;
      readonly document: TopLevelDocument;
      readonly raw: string;
      readonly receivedAt: EpochMillis | undefined;
      readonly origin: DocumentOrigin | undefined;
    }
  | { readonly ok: false; readonly message: string };

/** A record (`{"v":2,...,"origin":…,"doc":{...}}`, or a version 1 record) or a bare segment document. */
export function readImportLine(line: string, receivedRange: ReceivedRange): ReadLine {
  const parsed = parseJson(line);
  if (!parsed.ok) return { ok: false, message: `not JSON: ${parsed.message}` };
  if (!isObject(parsed.value)) {
    return { ok: false, message: `${describeJson(parsed.value)}, expected a JSON object` };
  }
  if (!("doc" in parsed.value) && !("v" in parsed.value)) {
    const document = parseDocumentText(line, { warnings: false });
    return document.ok
      ? {
          ok: true,
          document: document.document,
          raw: document.raw,
          receivedAt: undefined,
          origin: undefined,
        }
      : { ok: false, message: refusal(document.rejection) };
  }
  const record = parseRecord(line);
  if (!record.ok) return { ok: false, message: `not a segment record: ${record.message}` };
  const { receivedAt } = record.record;
  if (!(receivedAt >= receivedRange.earliest && receivedAt <= receivedRange.latest)) {
    return {
      ok: false,
      message: `"receivedAt" ${receivedAt} is not a time a sandbox can have received it: expected epoch milliseconds from 2000-01-01 to a day from now (${new Date(receivedRange.latest).toISOString()})`,
    };
  }
  const document = parseDocumentText(record.record.raw, { warnings: false });
  if (!document.ok) return { ok: false, message: `"doc": ${refusal(document.rejection)}` };
  if (document.document.trace_id !== record.record.traceId) {
    return {
      ok: false,
      message: `"traceId" is ${record.record.traceId} but the document's trace_id is ${document.document.trace_id}`,
    };
  }
  return {
    ok: true,
    document: document.document,
    raw: document.raw,
    receivedAt: record.record.receivedAt,
    origin: record.record.origin,
  };
}

function readBatchGetTraces(traces: unknown): ReadImportResult {
  if (!Array.isArray(traces)) {
    return { ok: false, message: `Traces is ${describeJson(traces)}, expected a list of traces` };
  }
  const entries: ImportEntry[] = [];
  const problems: ImportProblem[] = [];
  traces.forEach((trace: unknown, t) => {
    const segments = isObject(trace) ? trace.Segments : undefined;
    if (!Array.isArray(segments)) {
      const path = isObject(trace) ? `Traces[${t}].Segments` : `Traces[${t}]`;
      problems.push({
        where: path,
        path,
        message: isObject(trace)
          ? `is ${describeJson(segments)}, expected a list of segments`
          : `is ${describeJson(trace)}, expected a trace ({"Id", "Segments"})`,
      });
      return;
    }
    segments.forEach((segment: unknown, s) => {
      const path = `Traces[${t}].Segments[${s}].Document`;
      const text = isObject(segment) ? segment.Document : undefined;
      if (typeof text !== "string") {
        problems.push({
          where: path,
          path,
          message: `is ${describeJson(text)}, expected the segment document as a JSON string`,
        });
        return;
      }
      const document = parseDocumentText(text, { warnings: false });
      if (document.ok) {
        entries.push({
          document: document.document,
          raw: document.raw,
          receivedAt: undefined,
          where: path,
          origin: undefined,
        });
      } else {
        problems.push({ where: path, path, message: refusal(document.rejection) });
      }
    });
  });
  return { ok: true, format: "batch-get-traces", entries, problems };
}

function refusal(rejection: { readonly reason: string; readonly message: string }): string {
  return `${rejection.message} (${rejection.reason})`;
}

function parseJson(
  text: string,
):
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: message.length > 160 ? `${message.slice(0, 160)}…` : message };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  return `${typeof value} ${JSON.stringify(value)}`;
}
