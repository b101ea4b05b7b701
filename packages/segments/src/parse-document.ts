/**
 * One segment document as JSON text (a datagram's body, or one entry of PutTraceSegments'
 * `TraceSegmentDocuments`): parsed, checked for the fields the sandbox cannot do without,
 * and optionally checked against the rest of the schema for warnings. The rejections are
 * built here for the parser and the scanner alike, so both answer with the same words.
 */

import { describeValue, sanitizeForMessage } from "./describe-value.ts";
import type { TopLevelDocument } from "./document.ts";
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
  const problems = requiredFieldProblems(value);
  if (problems.length > 0) return invalidDocument(problems);
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

export function invalidDocument(problems: readonly string[]): RejectedDocument {
  return rejected("invalid-document", problems.join("; "));
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What keeps the document from being stored; empty when it can be. Reads only `id`,
 * `trace_id`, `name`, `start_time`, `end_time`, `in_progress`, `parent_id` and `type`.
 */
export function requiredFieldProblems(doc: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  if (!isSegmentId(doc.id)) problems.push(fieldProblem(doc, "id", "16 hex digits"));
  if (!isTraceId(doc.trace_id)) {
    problems.push(fieldProblem(doc, "trace_id", "1-<8 hex digits>-<24 hex digits>"));
  }
  if (typeof doc.name !== "string" || doc.name === "") {
    problems.push(fieldProblem(doc, "name", "a non-empty string"));
  }
  if (!isFiniteNumber(doc.start_time)) {
    problems.push(fieldProblem(doc, "start_time", "epoch seconds as a number"));
  }
  if (doc.in_progress !== true && !isFiniteNumber(doc.end_time)) problems.push(endProblem(doc));
  if (doc.parent_id !== undefined && !isSegmentId(doc.parent_id)) {
    problems.push(fieldProblem(doc, "parent_id", "16 hex digits"));
  } else if (doc.type === "subsegment" && doc.parent_id === undefined) {
    problems.push(
      `"type" is "subsegment" but "parent_id" is missing: a subsegment sent on its own must name its parent`,
    );
  }
  return problems;
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

function endProblem(doc: Readonly<Record<string, unknown>>): string {
  if (doc.end_time !== undefined) {
    return `"end_time" is ${describeValue(doc.end_time)}, expected epoch seconds as a number (or "in_progress": true)`;
  }
  const inProgress =
    doc.in_progress === undefined ? "" : ` ("in_progress" is ${describeValue(doc.in_progress)})`;
  return `neither "end_time" nor "in_progress": true is set${inProgress}`;
}

function fieldProblem(
  doc: Readonly<Record<string, unknown>>,
  field: string,
  expected: string,
): string {
  const value = doc[field];
  if (value === undefined) return `"${field}" is missing, expected ${expected}`;
  return `"${field}" is ${describeValue(value)}, expected ${expected}`;
}
