/**
 * One segment document as JSON text (a datagram's body, or one entry of PutTraceSegments'
 * `TraceSegmentDocuments`): parsed, checked for the fields the sandbox cannot do without,
 * and optionally checked against the rest of the schema for warnings. The rejections are
 * built here for the parser and the scanner alike, so both answer with the same words.
 */

import { causeProblem } from "./cause-check.ts";
import { describeValue, sanitizeForMessage } from "./describe-value.ts";
import type { TopLevelDocument } from "./document.ts";
import { type DocumentIndex, documentIndex } from "./document-index.ts";
import { isSegmentIdByTable, isTraceIdByTable } from "./id-characters.ts";
import { jsonTextDepth, MAX_DOCUMENT_DEPTH } from "./json-depth.ts";
import type {
  ParseResult,
  RejectedDocument,
  RejectionReason,
  ValidationWarning,
} from "./parse-result.ts";
import { isSegmentId, isTraceId } from "./units.ts";
import { exceedsUtf8Bytes } from "./utf8.ts";
import { validateDocument } from "./validate-document.ts";

/** The largest document (and datagram) accepted, in bytes: 64 KiB, as for real X-Ray. */
export const MAX_DOCUMENT_BYTES = 65_536;

export interface ParseOptions {
  /** Reject input (a datagram, or a document's UTF-8 text) over this many bytes. Default 64 KiB. */
  readonly maxBytes?: number;
  /**
   * Check the document against the published schema and report deviations as warnings.
   * Default true; a hot receive path can turn it off and call `validateDocument` later.
   */
  readonly warnings?: boolean;
}

/** The result of `JSON.parse` on a body, or the rejection it earns. */
export type ParsedJson = { readonly ok: true; readonly value: unknown } | RejectedDocument;

const MAX_PARSER_MESSAGE_CHARS = 160;
const NO_WARNINGS: readonly ValidationWarning[] = Object.freeze([]);

export function parseDocumentText(text: string, options: ParseOptions = {}): ParseResult {
  const tooLarge = documentSizeProblem(text, options.maxBytes ?? MAX_DOCUMENT_BYTES);
  if (tooLarge) return tooLarge;
  return parseDocumentBody(text, options.warnings ?? true);
}

/** The checks after size (and, for a datagram, after the header): `raw` is `text`. */
export function parseDocumentBody(text: string, warnings: boolean): ParseResult {
  if (isBlank(text)) return emptyBody();
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const { value } = parsed;
  if (!isJsonObject(value)) return notObject(value);
  const depth = jsonTextDepth(text);
  if (depth > MAX_DOCUMENT_DEPTH) return tooDeep(depth);
  const required = checkDocumentFields(value);
  if (!required.ok) return invalidDocument(required.problems);
  const document = value as TopLevelDocument;
  return {
    ok: true,
    document,
    raw: text,
    warnings: warnings ? validateDocument(document) : NO_WARNINGS,
  };
}

export function rejected(reason: RejectionReason, message: string): RejectedDocument {
  return { ok: false, rejection: { reason, message } };
}

/** The rejection for a document's text over `maxBytes` bytes of UTF-8, if it is. */
export function documentSizeProblem(text: string, maxBytes: number): RejectedDocument | undefined {
  if (!exceedsUtf8Bytes(text, maxBytes)) return undefined;
  return rejected(
    "too-large",
    `document is over the ${maxBytes}-byte limit; real X-Ray drops it too: send large subsegments on their own or trim metadata`,
  );
}

export function emptyBody(): RejectedDocument {
  return rejected("empty-body", "the body is empty: expected one JSON segment document");
}

/** `JSON.parse`, with its complaint, when it has one, as the rejection message. */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const complaint = error instanceof Error ? error.message : String(error);
    return rejected(
      "not-json",
      `the body is not valid JSON: ${sanitizeForMessage(complaint, MAX_PARSER_MESSAGE_CHARS)}`,
    );
  }
}

export function notObject(value: unknown): RejectedDocument {
  return rejected(
    "not-object",
    `the body is ${describeValue(value)}, expected a JSON object (one segment document)`,
  );
}

export function tooDeep(depth: number): RejectedDocument {
  return rejected(
    "too-deep",
    `objects and arrays nest ${depth} levels deep in the document, over the limit of ${MAX_DOCUMENT_DEPTH}: flatten the deepest metadata, or send deeply nested subsegments as their own documents`,
  );
}

export function invalidDocument(problems: readonly string[]): RejectedDocument {
  return rejected("invalid-document", problems.join("; "));
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A document's required fields: its index when it can be stored, or what keeps it from that. */
export type RequiredFields =
  | { readonly ok: true; readonly index: DocumentIndex }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The required fields (`checkRequiredFields`), then every `cause` (`causeProblem`): whether the
 * parsed document can be stored.
 */
export function checkDocumentFields(doc: Readonly<Record<string, unknown>>): RequiredFields {
  return withCause(checkRequiredFields(doc), causeProblem(doc));
}

/** `required`, failed with `cause` as one more problem when there is one. */
export function withCause(required: RequiredFields, cause: string | undefined): RequiredFields {
  if (cause === undefined) return required;
  return { ok: false, problems: [...(required.ok ? [] : required.problems), cause] };
}

/**
 * Checks the fields every stored document needs. Reads only `id`, `trace_id`, `name`,
 * `start_time`, `end_time`, `in_progress`, `parent_id` and `type`. `idsByTable`: ids are
 * checked by character table (`id-characters.ts`: the same verdicts as the regular
 * expressions, for less), as for the filed documents of OpenTelemetry spans.
 */
export function checkRequiredFields(
  doc: Readonly<Record<string, unknown>>,
  idsByTable = false,
): RequiredFields {
  const { id, trace_id, name, start_time, end_time, in_progress, parent_id, type } = doc;
  const validId = idsByTable ? isSegmentIdByTable(id) : isSegmentId(id);
  const validTraceId = idsByTable ? isTraceIdByTable(trace_id) : isTraceId(trace_id);
  const validName = typeof name === "string" && name !== "";
  const validStart = isFiniteNumber(start_time);
  const validEnd = in_progress === true || isFiniteNumber(end_time);
  const validParent =
    parent_id === undefined ||
    (idsByTable ? isSegmentIdByTable(parent_id) : isSegmentId(parent_id));
  const parentNamed = type !== "subsegment" || parent_id !== undefined;
  if (
    validId &&
    validTraceId &&
    validName &&
    validStart &&
    validEnd &&
    validParent &&
    parentNamed
  ) {
    // Nothing built for a document that passes but its index: `documentIndex` keeps only the
    // index fields, normalised, and gives an index it made before (a filed span's) as it is.
    return { ok: true, index: documentIndex(doc as unknown as DocumentIndex) };
  }
  const problems: string[] = [];
  if (!validId) problems.push(fieldProblem("id", id, "16 hex digits"));
  if (!validTraceId) {
    problems.push(fieldProblem("trace_id", trace_id, "1-<8 hex digits>-<24 hex digits>"));
  }
  if (!validName) problems.push(fieldProblem("name", name, "a non-empty string"));
  if (!validStart)
    problems.push(fieldProblem("start_time", start_time, "epoch seconds as a number"));
  if (!validEnd) problems.push(endProblem(end_time, in_progress));
  if (!validParent) {
    problems.push(fieldProblem("parent_id", parent_id, "16 hex digits"));
  } else if (!parentNamed) {
    problems.push(
      `"type" is "subsegment" but "parent_id" is missing: a subsegment sent on its own must name its parent`,
    );
  }
  return { ok: false, problems };
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}

function endProblem(endTime: unknown, inProgress: unknown): string {
  if (endTime !== undefined) {
    return `"end_time" is ${describeValue(endTime)}, expected epoch seconds as a number (or "in_progress": true)`;
  }
  const shown = inProgress === undefined ? "" : ` ("in_progress" is ${describeValue(inProgress)})`;
  return `neither "end_time" nor "in_progress": true is set${shown}`;
}

function fieldProblem(field: string, value: unknown, expected: string): string {
  if (value === undefined) return `"${field}" is missing, expected ${expected}`;
  return `"${field}" is ${describeValue(value)}, expected ${expected}`;
}
