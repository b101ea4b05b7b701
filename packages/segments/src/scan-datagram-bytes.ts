/**
 * The receive worker's fast path: reads a datagram's bytes, without decoding them to a
 * string, and finds where its index fields are. It answers only for the common case: every
 * byte ASCII, the Node SDK's exact header, a JSON object `JSON.parse` accepts within the
 * depth limit, no key with an escape and no `cause` key at any depth, and index fields that
 * `checkRequiredFields` accepts as they are (no escapes in the strings, each top-level
 * field once). Then `scanDatagram` would accept the datagram with exactly the index read
 * here. For anything else it says no, and the caller asks `scanDatagram`, which accepts or
 * rejects it with its reasons.
 */

import {
  BACKSLASH,
  CARRIAGE_RETURN,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DOT,
  LINE_FEED,
  LOWER_C,
  LOWER_E,
  LOWER_F,
  LOWER_N,
  LOWER_T,
  LOWER_U,
  MINUS,
  NINE,
  ONE,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLUS,
  QUOTE,
  SPACE,
  TAB,
  UPPER_E,
  ZERO,
} from "./char-codes.ts";
import { MAX_DOCUMENT_DEPTH } from "./json-depth.ts";
import { MAX_DOCUMENT_BYTES } from "./parse-document.ts";

/** Where a datagram's index fields are, as byte offsets into it; filled by `scanDatagramBytes`. */
export interface ByteScan {
  /** Where the document starts (after the header's newline). */
  bodyStart: number;
  /** Offsets of the 16 characters of `id` and `parent_id` (-1: none), the 35 of `trace_id`. */
  idAt: number;
  traceIdAt: number;
  parentIdAt: number;
  /** `name`, from `nameAt` to `nameEnd` (exclusive): ASCII without escapes. */
  nameAt: number;
  nameEnd: number;
  startTime: number;
  /** NaN when the document has no `end_time`. */
  endTime: number;
  subsegment: boolean;
  /** Undefined unless the document gave a boolean. */
  inProgress: boolean | undefined;
}

export function newByteScan(): ByteScan {
  return {
    bodyStart: 0,
    idAt: -1,
    traceIdAt: -1,
    parentIdAt: -1,
    nameAt: -1,
    nameEnd: -1,
    startTime: 0,
    endTime: Number.NaN,
    subsegment: false,
    inProgress: undefined,
  };
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const HEADER_BYTES = ascii('{"format":"json","version":1}\n');

/** Bytes inside a string: 0 plain, 1 quote, 2 backslash, 3 not allowed here (control, non-ASCII). */
const IN_STRING = new Uint8Array(256);
for (let c = 0; c < 256; c++) IN_STRING[c] = c < SPACE || c >= 0x80 ? 3 : 0;
IN_STRING[QUOTE] = 1;
IN_STRING[BACKSLASH] = 2;

/** 1 for the characters a simple escape may name after its backslash. */
const SIMPLE_ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') SIMPLE_ESCAPE[c.charCodeAt(0)] = 1;

/** 1 for hex digits. */
const HEX = new Uint8Array(256);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;

/** Exactly representable powers of ten, for exact decimal-to-double conversion. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

const F_OTHER = 0;
const F_ID = 1;
const F_TRACE_ID = 2;
const F_PARENT_ID = 3;
const F_NAME = 4;
const F_TYPE = 5;
const F_START = 6;
const F_END = 7;
const F_IN_PROGRESS = 8;

const KEY_ID = ascii("id");
const KEY_TRACE_ID = ascii("trace_id");
const KEY_PARENT_ID = ascii("parent_id");
const KEY_NAME = ascii("name");
const KEY_TYPE = ascii("type");
const KEY_START = ascii("start_time");
const KEY_END = ascii("end_time");
const KEY_IN_PROGRESS = ascii("in_progress");
const CAUSE = ascii("cause");
const SUBSEGMENT = ascii("subsegment");

const IN_OBJECT = 0;
const IN_ARRAY = 1;

/** The kinds of the open containers, innermost last; grown as deeper input needs. */
let openKinds = new Uint8Array(64);
/** Whether the string `stringEnd` last read had an escape in it. */
let hadEscape = false;

/**
 * True when the datagram is the common case described above; then `out` holds where its
 * index fields are. False: ask `scanDatagram` (`out` is then meaningless).
 */
export function scanDatagramBytes(
  bytes: Uint8Array,
  out: ByteScan,
  maxBytes = MAX_DOCUMENT_BYTES,
): boolean {
  const end = bytes.length;
  if (end > maxBytes) return false;
  const headerLength = HEADER_BYTES.length;
  if (end <= headerLength) return false;
  for (let i = 0; i < headerLength; i++) {
    if (bytes[i] !== HEADER_BYTES[i]) return false;
  }
  out.bodyStart = headerLength;
  out.idAt = -1;
  out.traceIdAt = -1;
  out.parentIdAt = -1;
  out.nameAt = -1;
  out.nameEnd = -1;
  out.startTime = Number.NaN;
  out.endTime = Number.NaN;
  out.subsegment = false;
  out.inProgress = undefined;
  let seen = 0;

  let i = skipWhitespace(bytes, headerLength, end);
  if (bytes[i] !== OPEN_BRACE) return false;
  let kinds = openKinds;
  kinds[0] = IN_OBJECT;
  let depth = 1;
  let deepest = 1;
  i = skipWhitespace(bytes, i + 1, end);
  if (bytes[i] === CLOSE_BRACE) return false; // {}: no id; the full scan words why.
  i = readKey(bytes, i, end, true);
  if (i < 0) return false;
  let field = keyField;

  for (;;) {
    // A value starts at i, after any whitespace: in an array, or after a key.
    let c = bytes[i] ?? -1;
    if (c <= SPACE) {
      i = skipWhitespace(bytes, i, end);
      c = bytes[i] ?? -1;
    }
    const target = depth === 1 ? field : F_OTHER;
    if (target !== F_OTHER) {
      if (seen & (1 << target)) return false; // Duplicate: JSON.parse keeps the last.
      seen |= 1 << target;
    }
    if (c === QUOTE) {
      const close = stringEnd(bytes, i + 1, end);
      if (close < 0) return false;
      if (target !== F_OTHER && !stringField(bytes, target, i + 1, close, out)) return false;
      i = close + 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (target !== F_OTHER) return false;
      const object = c === OPEN_BRACE;
      if (depth === kinds.length) {
        const grown = new Uint8Array(kinds.length * 2);
        grown.set(kinds);
        kinds = grown;
        openKinds = grown;
      }
      kinds[depth] = object ? IN_OBJECT : IN_ARRAY;
      depth++;
      if (depth > deepest) deepest = depth;
      i = skipWhitespace(bytes, i + 1, end);
      if (bytes[i] !== (object ? CLOSE_BRACE : CLOSE_BRACKET)) {
        if (object) {
          i = readKey(bytes, i, end, false);
          if (i < 0) return false;
        }
        continue;
      }
      depth--;
      i++;
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      const after = numberEnd(bytes, i, end);
      if (after < 0) return false;
      if (target === F_START) out.startTime = numberValue(bytes, i, after);
      else if (target === F_END) out.endTime = numberValue(bytes, i, after);
      else if (target !== F_OTHER) return false;
      i = after;
    } else if (c === LOWER_T && isWord(bytes, i, end, "true")) {
      if (target === F_IN_PROGRESS) out.inProgress = true;
      else if (target !== F_OTHER) return false;
      i += 4;
    } else if (c === LOWER_F && isWord(bytes, i, end, "false")) {
      if (target === F_IN_PROGRESS) out.inProgress = false;
      else if (target !== F_OTHER) return false;
      i += 5;
    } else if (c === LOWER_N && isWord(bytes, i, end, "null")) {
      if (target !== F_OTHER) return false;
      i += 4;
    } else {
      return false;
    }

    // After a value: closing brackets, then a comma before the next value (and its key).
    for (;;) {
      c = bytes[i] ?? -1;
      if (c <= SPACE) {
        i = skipWhitespace(bytes, i, end);
        c = bytes[i] ?? -1;
      }
      const inObject = kinds[depth - 1] === IN_OBJECT;
      if (c === COMMA) {
        i++;
        if (inObject) {
          i = readKey(bytes, skipWhitespace(bytes, i, end), end, depth === 1);
          if (i < 0) return false;
          if (depth === 1) field = keyField;
        }
        break;
      }
      if (c !== (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) return false;
      i++;
      depth--;
      if (depth === 0) {
        if (skipWhitespace(bytes, i, end) !== end) return false;
        if (deepest > MAX_DOCUMENT_DEPTH) return false;
        return complete(out);
      }
    }
  }
}

/** Whether the fields found are what `checkRequiredFields` accepts without a problem. */
function complete(out: ByteScan): boolean {
  if (out.idAt < 0 || out.traceIdAt < 0 || out.nameAt < 0) return false;
  if (!Number.isFinite(out.startTime)) return false;
  if (!Number.isNaN(out.endTime) && !Number.isFinite(out.endTime)) return false;
  if (out.inProgress !== true && Number.isNaN(out.endTime)) return false;
  if (out.subsegment && out.parentIdAt < 0) return false;
  return true;
}

/** The top-level field the key `readKey` last read names (`F_*`). */
let keyField = F_OTHER;

/** A key and its colon from `at`: the index after the colon, or -1 (also: give up). */
function readKey(bytes: Uint8Array, at: number, end: number, topLevel: boolean): number {
  if (bytes[at] !== QUOTE) return -1;
  const close = stringEnd(bytes, at + 1, end);
  if (close < 0 || hadEscape) return -1;
  const length = close - at - 1;
  if (length === 5 && bytes[at + 1] === LOWER_C && matches(bytes, at + 1, CAUSE)) return -1;
  if (topLevel) keyField = fieldNamed(bytes, at + 1, length);
  let i = close + 1;
  let c = bytes[i] ?? -1;
  if (c <= SPACE) {
    i = skipWhitespace(bytes, i, end);
    c = bytes[i] ?? -1;
  }
  return c === COLON ? i + 1 : -1;
}

/** The field (`F_*`) a top-level key of `length` bytes from `at` names. */
function fieldNamed(bytes: Uint8Array, at: number, length: number): number {
  switch (length) {
    case 2:
      return matches(bytes, at, KEY_ID) ? F_ID : F_OTHER;
    case 4:
      if (matches(bytes, at, KEY_NAME)) return F_NAME;
      return matches(bytes, at, KEY_TYPE) ? F_TYPE : F_OTHER;
    case 8:
      if (matches(bytes, at, KEY_TRACE_ID)) return F_TRACE_ID;
      return matches(bytes, at, KEY_END) ? F_END : F_OTHER;
    case 9:
      return matches(bytes, at, KEY_PARENT_ID) ? F_PARENT_ID : F_OTHER;
    case 10:
      return matches(bytes, at, KEY_START) ? F_START : F_OTHER;
    case 11:
      return matches(bytes, at, KEY_IN_PROGRESS) ? F_IN_PROGRESS : F_OTHER;
    default:
      return F_OTHER;
  }
}

/** Records a top-level string field; false when it is not as `checkRequiredFields` wants it. */
function stringField(
  bytes: Uint8Array,
  field: number,
  start: number,
  close: number,
  out: ByteScan,
): boolean {
  if (hadEscape) return false;
  const length = close - start;
  switch (field) {
    case F_ID:
      if (length !== 16 || !isHex(bytes, start, 16)) return false;
      out.idAt = start;
      return true;
    case F_PARENT_ID:
      if (length !== 16 || !isHex(bytes, start, 16)) return false;
      out.parentIdAt = start;
      return true;
    case F_TRACE_ID:
      if (
        length !== 35 ||
        bytes[start] !== ONE ||
        bytes[start + 1] !== MINUS ||
        !isHex(bytes, start + 2, 8) ||
        bytes[start + 10] !== MINUS ||
        !isHex(bytes, start + 11, 24)
      ) {
        return false;
      }
      out.traceIdAt = start;
      return true;
    case F_NAME:
      if (length === 0) return false;
      out.nameAt = start;
      out.nameEnd = close;
      return true;
    case F_TYPE:
      out.subsegment = length === SUBSEGMENT.length && matches(bytes, start, SUBSEGMENT);
      return true;
    default:
      return false;
  }
}

function isHex(bytes: Uint8Array, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) {
    if (HEX[bytes[i] ?? 0] !== 1) return false;
  }
  return true;
}

function matches(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  for (let k = 0; k < expected.length; k++) {
    if (bytes[at + k] !== expected[k]) return false;
  }
  return true;
}

function isWord(bytes: Uint8Array, at: number, end: number, word: string): boolean {
  if (at + word.length > end) return false;
  for (let k = 0; k < word.length; k++) {
    if (bytes[at + k] !== word.charCodeAt(k)) return false;
  }
  return true;
}

function skipWhitespace(bytes: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = bytes[i];
    if (c !== SPACE && c !== LINE_FEED && c !== CARRIAGE_RETURN && c !== TAB) break;
    i++;
  }
  return i;
}

/**
 * From just after an opening quote: the index of the closing quote, or -1 when the string
 * is not valid JSON or not ASCII. Sets `hadEscape`.
 */
function stringEnd(bytes: Uint8Array, from: number, end: number): number {
  let escaped = false;
  let i = from;
  while (i < end) {
    const kind = IN_STRING[bytes[i] as number];
    if (kind === 0) {
      i++;
    } else if (kind === 1) {
      hadEscape = escaped;
      return i;
    } else if (kind === 2) {
      escaped = true;
      const next = bytes[i + 1] ?? 0;
      if (next === LOWER_U) {
        if (
          HEX[bytes[i + 2] ?? 0] !== 1 ||
          HEX[bytes[i + 3] ?? 0] !== 1 ||
          HEX[bytes[i + 4] ?? 0] !== 1 ||
          HEX[bytes[i + 5] ?? 0] !== 1
        ) {
          return -1;
        }
        i += 6;
      } else if (SIMPLE_ESCAPE[next] === 1) {
        i += 2;
      } else {
        return -1;
      }
    } else {
      return -1;
    }
  }
  return -1;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` from `from`: the index after it, or -1. */
function numberEnd(bytes: Uint8Array, from: number, end: number): number {
  let i = from;
  let c = i < end ? (bytes[i] as number) : -1;
  if (c === MINUS) c = ++i < end ? (bytes[i] as number) : -1;
  if (c === ZERO) {
    c = ++i < end ? (bytes[i] as number) : -1;
  } else if (c >= ONE && c <= NINE) {
    do c = ++i < end ? (bytes[i] as number) : -1;
    while (isDigit(c));
  } else {
    return -1;
  }
  if (c === DOT) {
    c = ++i < end ? (bytes[i] as number) : -1;
    if (!isDigit(c)) return -1;
    do c = ++i < end ? (bytes[i] as number) : -1;
    while (isDigit(c));
  }
  if (c === LOWER_E || c === UPPER_E) {
    c = ++i < end ? (bytes[i] as number) : -1;
    if (c === PLUS || c === MINUS) c = ++i < end ? (bytes[i] as number) : -1;
    if (!isDigit(c)) return -1;
    do c = ++i < end ? (bytes[i] as number) : -1;
    while (isDigit(c));
  }
  return i;
}

/**
 * The number `JSON.parse` reads from a valid JSON number. Up to 15 digits and no exponent,
 * mantissa and power of ten are exact doubles, so one division rounds as `Number` does;
 * anything else goes through `Number`.
 */
function numberValue(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let inFraction = false;
  for (; i < end; i++) {
    const c = bytes[i] as number;
    if (c === DOT) {
      inFraction = true;
      continue;
    }
    if (!isDigit(c)) break;
    mantissa = mantissa * 10 + (c - ZERO);
    digits++;
    if (inFraction) fraction++;
  }
  if (i === end && digits <= 15) {
    const value = mantissa / (POWERS_OF_TEN[fraction] as number);
    return negative ? -value : value;
  }
  let text = "";
  for (let k = start; k < end; k++) text += String.fromCharCode(bytes[k] as number);
  return Number(text);
}
