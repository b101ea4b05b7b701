/**
 * The receive path's reader. One pass over a document's text checks that it is JSON exactly
 * as `JSON.parse` would have it and picks out the top-level fields the store files it by
 * (see `DocumentIndex`), without building the document. It answers as `parseDatagram` and
 * `parseDocumentText` do: the same acceptances, and the same reasons and messages when it
 * rejects, from the same message builders. The document is parsed later, when it is read.
 */

import { causeProblem } from "./cause-check.ts";
import {
  BACKSLASH,
  CARRIAGE_RETURN,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DOT,
  LINE_FEED,
  LOWER_B,
  LOWER_E,
  LOWER_F,
  LOWER_N,
  LOWER_R,
  LOWER_T,
  LOWER_U,
  MINUS,
  NINE,
  ONE,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLUS,
  QUOTE,
  SLASH,
  SPACE,
  TAB,
  UPPER_E,
  ZERO,
} from "./char-codes.ts";
import type { DocumentIndex } from "./document-index.ts";
import { jsonTextDepth, MAX_DOCUMENT_DEPTH } from "./json-depth.ts";
import { datagramBody } from "./parse-datagram.ts";
import {
  checkRequiredFields,
  documentSizeProblem,
  emptyBody,
  invalidDocument,
  isBlank,
  isJsonObject,
  MAX_DOCUMENT_BYTES,
  notObject,
  parseJson,
  tooDeep,
  withCause,
} from "./parse-document.ts";
import type { RejectedDocument } from "./parse-result.ts";

export interface ScanOptions {
  /** Reject input (a datagram, or a document's UTF-8 text) over this many bytes. Default 64 KiB. */
  readonly maxBytes?: number;
}

export interface ScannedDocument {
  readonly ok: true;
  readonly index: DocumentIndex;
  /** The document's JSON text exactly as received (no header). */
  readonly raw: string;
}

export type ScanResult = ScannedDocument | RejectedDocument;

export function scanDatagram(bytes: Uint8Array, options: ScanOptions = {}): ScanResult {
  const framed = datagramBody(bytes, options.maxBytes ?? MAX_DOCUMENT_BYTES);
  if (!framed.ok) return framed;
  return scanDocumentBody(framed.text, framed.bodyStart);
}

export function scanDocumentText(text: string, options: ScanOptions = {}): ScanResult {
  const tooLarge = documentSizeProblem(text, options.maxBytes ?? MAX_DOCUMENT_BYTES);
  return tooLarge ?? scanDocumentBody(text, 0);
}

/**
 * The document is `text` from `start` on. A datagram's text is scanned in place: reading
 * the body as a slice of it is measurably slower.
 */
function scanDocumentBody(text: string, start: number): ScanResult {
  const body = start === 0 ? text : text.slice(start);
  if (isBlank(body)) return emptyBody();
  const fields = scanObjectFields(text, start);
  if (fields !== undefined) {
    if (scannedDepth > MAX_DOCUMENT_DEPTH) return tooDeep(scannedDepth);
    return indexed(fields, body, undefined);
  }
  // Not a JSON object. Rejections are rare, and JSON.parse words them: its own complaint,
  // or what the value is instead of an object.
  const parsed = parseJson(body);
  if (!parsed.ok) return parsed;
  if (!isJsonObject(parsed.value)) return notObject(parsed.value);
  // Only if the scan disagreed with JSON.parse: the parsed object then decides.
  const depth = jsonTextDepth(body);
  if (depth > MAX_DOCUMENT_DEPTH) return tooDeep(depth);
  return indexed(parsed.value, body, parsed.value);
}

/**
 * The verdict on a document that is a JSON object within the depth limit. `parsed` is the
 * document when it was parsed already; else it is parsed only if the scan met a key that may
 * be `cause` (few documents carry one: those that record an error).
 */
function indexed(
  fields: Readonly<Record<string, unknown>>,
  raw: string,
  parsed: Readonly<Record<string, unknown>> | undefined,
): ScanResult {
  let document = parsed;
  if (document === undefined && causeKeySeen) {
    const value: unknown = JSON.parse(raw);
    if (isJsonObject(value)) document = value;
  }
  const required = withCause(
    checkRequiredFields(fields),
    document === undefined ? undefined : causeProblem(document),
  );
  return required.ok
    ? { ok: true, index: required.index, raw }
    : invalidDocument(required.problems);
}

/** What a scanned top-level field holds when its value is a container: enough to describe it. */
const AN_OBJECT: Readonly<Record<string, unknown>> = Object.freeze({});
const AN_ARRAY: readonly unknown[] = Object.freeze([]);

const IN_OBJECT = 0;
const IN_ARRAY = 1;

/** The kinds of the open containers, innermost last; grown as deeper input needs. */
let openKinds = new Uint8Array(64);
/** How deep objects and arrays nested in the text `scanObjectFields` last read whole. */
let scannedDepth = 0;
/**
 * Whether the text `scanObjectFields` last read has a key, at any depth, that is `cause` or
 * may spell it with escapes.
 */
let causeKeySeen = false;
/** Whether the string `scanString` last ended had an escape in it. */
let stringHadEscape = false;
/** The top-level field the key `scanKey` last read names, if it is one the scan keeps. */
let keyField: string | undefined;
/**
 * The first backslash and the first control character at or after the string being
 * scanned, or the text's length when there is none; below that string's start when not
 * looked for yet. Strings are then found with native searches instead of char by char.
 */
let nextBackslash = -1;
let nextControl = -1;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL_CHARACTER = /[\u0000-\u001f]/g;

/**
 * The top-level fields `checkRequiredFields` reads, when `text` from `from` on is a JSON
 * object and nothing but whitespace around it; undefined when it is not (invalid JSON, or
 * another value). A field holds its value as `JSON.parse` gives it (the last one of
 * duplicate keys), or a stand-in empty object or array for a container. Nesting is tracked
 * on an explicit stack, so any depth the input has is fine; the deepest it went is left in
 * `scannedDepth`.
 */
export function scanObjectFields(text: string, from = 0): Record<string, unknown> | undefined {
  const end = text.length;
  nextBackslash = -1;
  nextControl = -1;
  causeKeySeen = false;
  let i = skipWhitespace(text, from);
  if (text.charCodeAt(i) !== OPEN_BRACE) return undefined;
  const fields: Record<string, unknown> = {
    id: undefined,
    trace_id: undefined,
    parent_id: undefined,
    type: undefined,
    name: undefined,
    start_time: undefined,
    end_time: undefined,
    in_progress: undefined,
  };
  i = skipWhitespace(text, i + 1);
  scannedDepth = 1;
  if (text.charCodeAt(i) === CLOSE_BRACE) {
    return skipWhitespace(text, i + 1) === end ? fields : undefined;
  }
  i = scanKey(text, i, true);
  if (i < 0) return undefined;
  let field = keyField;
  let kinds = openKinds;
  kinds[0] = IN_OBJECT;
  let depth = 1;
  let deepest = 1;

  for (;;) {
    // A value starts at i, after any whitespace: in an array, or after a key.
    let c = text.charCodeAt(i);
    if (c <= SPACE) {
      i = skipWhitespace(text, i);
      c = text.charCodeAt(i);
    }
    const target = depth === 1 ? field : undefined;
    if (c === QUOTE) {
      const close = scanString(text, i + 1);
      if (close < 0) return undefined;
      if (target !== undefined) {
        fields[target] = stringHadEscape
          ? JSON.parse(text.slice(i, close + 1))
          : text.slice(i + 1, close);
      }
      i = close + 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const object = c === OPEN_BRACE;
      if (target !== undefined) fields[target] = object ? AN_OBJECT : AN_ARRAY;
      if (depth === kinds.length) {
        const grown = new Uint8Array(kinds.length * 2);
        grown.set(kinds);
        kinds = grown;
        openKinds = grown;
      }
      kinds[depth] = object ? IN_OBJECT : IN_ARRAY;
      depth++;
      if (depth > deepest) deepest = depth;
      i = skipWhitespace(text, i + 1);
      if (text.charCodeAt(i) !== (object ? CLOSE_BRACE : CLOSE_BRACKET)) {
        if (object) {
          i = scanKey(text, i, false);
          if (i < 0) return undefined;
        }
        continue;
      }
      depth--;
      i++;
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      const after = scanNumber(text, i);
      if (after < 0) return undefined;
      if (target !== undefined) fields[target] = Number(text.slice(i, after));
      i = after;
    } else if (c === LOWER_T && text.startsWith("true", i)) {
      if (target !== undefined) fields[target] = true;
      i += 4;
    } else if (c === LOWER_F && text.startsWith("false", i)) {
      if (target !== undefined) fields[target] = false;
      i += 5;
    } else if (c === LOWER_N && text.startsWith("null", i)) {
      if (target !== undefined) fields[target] = null;
      i += 4;
    } else {
      return undefined;
    }

    // After a value: closing brackets, then a comma before the next value (and its key).
    for (;;) {
      c = text.charCodeAt(i);
      if (c <= SPACE) {
        i = skipWhitespace(text, i);
        c = text.charCodeAt(i);
      }
      const inObject = kinds[depth - 1] === IN_OBJECT;
      if (c === COMMA) {
        i++;
        if (inObject) {
          i = scanKey(text, skipWhitespace(text, i), depth === 1);
          if (i < 0) return undefined;
          if (depth === 1) field = keyField;
        }
        break;
      }
      if (c !== (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) return undefined;
      i++;
      depth--;
      if (depth === 0) {
        scannedDepth = deepest;
        return skipWhitespace(text, i) === end ? fields : undefined;
      }
    }
  }
}

/**
 * A key and its colon from `at`: the index after the colon, or -1. For a top-level key,
 * sets `keyField` to the field it names.
 */
function scanKey(text: string, at: number, topLevel: boolean): number {
  if (text.charCodeAt(at) !== QUOTE) return -1;
  const close = scanString(text, at + 1);
  if (close < 0) return -1;
  if (stringHadEscape || (close - at === 6 && text.startsWith("cause", at + 1))) {
    causeKeySeen = true;
  }
  if (topLevel) keyField = fieldNamed(text, at + 1, close, stringHadEscape);
  let i = close + 1;
  let c = text.charCodeAt(i);
  if (c <= SPACE) {
    i = skipWhitespace(text, i);
    c = text.charCodeAt(i);
  }
  return c === COLON ? i + 1 : -1;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  let c = text.charCodeAt(i);
  while (c === SPACE || c === LINE_FEED || c === CARRIAGE_RETURN || c === TAB) {
    c = text.charCodeAt(++i);
  }
  return i;
}

/**
 * From just after an opening quote: the index of the closing quote, or -1 when the string
 * is not valid JSON (a raw control character, a bad escape, or no end). Sets
 * `stringHadEscape`.
 */
function scanString(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  if (quote === -1) return -1;
  if (nextBackslash < from) nextBackslash = indexOrEnd(text, text.indexOf("\\", from));
  let escaped = false;
  while (nextBackslash < quote) {
    escaped = true;
    const at = nextBackslash;
    const next = text.charCodeAt(at + 1);
    let after: number;
    if (next === LOWER_U) {
      if (
        !isHexDigit(text.charCodeAt(at + 2)) ||
        !isHexDigit(text.charCodeAt(at + 3)) ||
        !isHexDigit(text.charCodeAt(at + 4)) ||
        !isHexDigit(text.charCodeAt(at + 5))
      ) {
        return -1;
      }
      after = at + 6;
    } else if (isSimpleEscape(next)) {
      after = at + 2;
    } else {
      return -1;
    }
    nextBackslash = indexOrEnd(text, text.indexOf("\\", after));
    if (quote < after) {
      quote = text.indexOf('"', after);
      if (quote === -1) return -1;
    }
  }
  if (nextControl < from) {
    CONTROL_CHARACTER.lastIndex = from;
    nextControl = CONTROL_CHARACTER.test(text) ? CONTROL_CHARACTER.lastIndex - 1 : text.length;
  }
  if (nextControl < quote) return -1;
  stringHadEscape = escaped;
  return quote;
}

function indexOrEnd(text: string, index: number): number {
  return index === -1 ? text.length : index;
}

function isSimpleEscape(c: number): boolean {
  return (
    c === QUOTE ||
    c === BACKSLASH ||
    c === SLASH ||
    c === LOWER_B ||
    c === LOWER_F ||
    c === LOWER_N ||
    c === LOWER_R ||
    c === LOWER_T
  );
}

function isHexDigit(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` from `from`: the index after it, or -1. */
function scanNumber(text: string, from: number): number {
  let i = from;
  let c = text.charCodeAt(i);
  if (c === MINUS) c = text.charCodeAt(++i);
  if (c === ZERO) {
    c = text.charCodeAt(++i);
  } else if (c >= ONE && c <= NINE) {
    do c = text.charCodeAt(++i);
    while (isDigit(c));
  } else {
    return -1;
  }
  if (c === DOT) {
    c = text.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    do c = text.charCodeAt(++i);
    while (isDigit(c));
  }
  if (c === LOWER_E || c === UPPER_E) {
    c = text.charCodeAt(++i);
    if (c === PLUS || c === MINUS) c = text.charCodeAt(++i);
    if (!isDigit(c)) return -1;
    do c = text.charCodeAt(++i);
    while (isDigit(c));
  }
  return i;
}

const FIELD_NAMES: ReadonlySet<string> = new Set([
  "id",
  "trace_id",
  "parent_id",
  "type",
  "name",
  "start_time",
  "end_time",
  "in_progress",
]);

/** The field a top-level key between `start` and `end` names, if it is one the scan keeps. */
function fieldNamed(
  text: string,
  start: number,
  end: number,
  escaped: boolean,
): string | undefined {
  if (escaped) {
    const key: unknown = JSON.parse(text.slice(start - 1, end + 1));
    return typeof key === "string" && FIELD_NAMES.has(key) ? key : undefined;
  }
  switch (end - start) {
    case 2:
      return text.startsWith("id", start) ? "id" : undefined;
    case 4:
      if (text.startsWith("name", start)) return "name";
      return text.startsWith("type", start) ? "type" : undefined;
    case 8:
      if (text.startsWith("trace_id", start)) return "trace_id";
      return text.startsWith("end_time", start) ? "end_time" : undefined;
    case 9:
      return text.startsWith("parent_id", start) ? "parent_id" : undefined;
    case 10:
      return text.startsWith("start_time", start) ? "start_time" : undefined;
    case 11:
      return text.startsWith("in_progress", start) ? "in_progress" : undefined;
    default:
      return undefined;
  }
}
