/**
 * A protobuf `ExportTraceServiceRequest` (OTLP/HTTP `application/x-protobuf`, OTLP/gRPC, the
 * body of an ADOT `T1S`/`T1U` datagram) into the model's `OtlpTraceRequest`, read straight
 * from the wire into the model (no intermediate message objects). Field numbers and types are
 * those of the OpenTelemetry protocol (`trace/v1/trace.proto`, `common/v1/common.proto`,
 * `resource/v1/resource.proto`, version 1.x, as declared in `otlp-schema.ts`); fields the
 * daemon does not read, and fields sent with an unexpected wire type, are skipped.
 */

import {
  FILING_ATTRIBUTES,
  type OtlpAttributes,
  type OtlpEvent,
  type OtlpLink,
  type OtlpResourceSpans,
  type OtlpScope,
  type OtlpScopeSpans,
  type OtlpSpan,
  type OtlpSpanKind,
  type OtlpStatusCode,
  type OtlpTraceRequest,
  type OtlpValue,
} from "@xray-sandbox/segments";
import { ByteKeys } from "./byte-keys.ts";
import { type DecodeResult, MAX_VALUE_DEPTH, SPAN_KINDS, STATUS_CODES } from "./decode-result.ts";
import {
  WIRE_FIXED64,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  WireError,
  WireReader,
} from "./protobuf-reader.ts";
import { RecentResources } from "./recent-resources.ts";

class TooDeepError extends Error {}

const NO_SCOPE: OtlpScope = Object.freeze({ name: "", version: "" });

/** The tag of field `number` sent with `wireType`. */
function tag(number: number, wireType: number): number {
  return (number << 3) | wireType;
}

const LENGTH_1 = tag(1, WIRE_LENGTH_DELIMITED);
const LENGTH_2 = tag(2, WIRE_LENGTH_DELIMITED);
const LENGTH_3 = tag(3, WIRE_LENGTH_DELIMITED);
const LENGTH_4 = tag(4, WIRE_LENGTH_DELIMITED);
const LENGTH_5 = tag(5, WIRE_LENGTH_DELIMITED);
const LENGTH_6 = tag(6, WIRE_LENGTH_DELIMITED);
const LENGTH_7 = tag(7, WIRE_LENGTH_DELIMITED);
const LENGTH_9 = tag(9, WIRE_LENGTH_DELIMITED);
const LENGTH_11 = tag(11, WIRE_LENGTH_DELIMITED);
const LENGTH_13 = tag(13, WIRE_LENGTH_DELIMITED);
const LENGTH_15 = tag(15, WIRE_LENGTH_DELIMITED);
const VARINT_2 = tag(2, WIRE_VARINT);
const VARINT_3 = tag(3, WIRE_VARINT);
const VARINT_6 = tag(6, WIRE_VARINT);
const FIXED64_1 = tag(1, WIRE_FIXED64);
const FIXED64_4 = tag(4, WIRE_FIXED64);
const FIXED64_7 = tag(7, WIRE_FIXED64);
const FIXED64_8 = tag(8, WIRE_FIXED64);

/**
 * `forFiling`: each span's attributes hold only `FILING_ATTRIBUTES` (what filing a span
 * without translating it reads, `fileTraceRequest`); every other attribute value is walked
 * to check it exactly as decoding it would (the same refusals) but not decoded. The request
 * says so (`filingAttributesOnly`); a span translated from it is decoded again whole.
 */
export function decodeProtobufRequest(
  bytes: Uint8Array,
  {
    forFiling = false,
    owned = false,
  }: {
    readonly forFiling?: boolean;
    /** `bytes` is a buffer of the request's own, that no one changes or reuses: not copied. */
    readonly owned?: boolean;
  } = {},
): DecodeResult {
  // A copy: the translated documents' origins keep the body to decode a span again for the
  // Raw tab (`decodeSpanAgain`), and the caller's buffer may be reused once this returns.
  // (`Buffer#slice` would be a view, not a copy; `set` copies in one go, where the
  // `Uint8Array` constructor given a `Buffer` is several times slower.)
  let body = bytes;
  if (!owned) {
    body = new Uint8Array(bytes.byteLength);
    body.set(bytes);
  }
  const reader = new WireReader(body);
  try {
    const counted = { spans: 0 };
    const resourceSpans = readRequest(reader, counted, forFiling);
    // Two literals rather than one spread into: a literal's hidden class is kept by its
    // literal site, a spread's only while some request made by it is alive (`keepShapeOf`).
    const wire = { body, decodeSpan: decodeSpanAgain };
    const request: OtlpTraceRequest = forFiling
      ? { resourceSpans, wire, hexIds: true, filingAttributesOnly: true }
      : { resourceSpans, wire, hexIds: true };
    return { ok: true, request, spans: counted.spans };
  } catch (error) {
    if (error instanceof TooDeepError) return { ok: false, message: error.message };
    if (error instanceof WireError || error instanceof RangeError) {
      return {
        ok: false,
        message: `the body is not a protobuf ExportTraceServiceRequest (${error.message})`,
      };
    }
    throw error;
  }
}

/** The span message at `body[start, end)`, already decoded once without error. */
function decodeSpanAgain(body: Uint8Array, start: number, end: number): OtlpSpan {
  const reader = new WireReader(body);
  reader.pos = start;
  return readSpan(reader, end, false);
}

function readRequest(
  reader: WireReader,
  counted: { spans: number },
  forFiling: boolean,
): OtlpResourceSpans[] {
  const end = reader.length;
  const resourceSpans: OtlpResourceSpans[] = [];
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) {
      resourceSpans.push(readResourceSpans(reader, reader.delimited(end), counted, forFiling));
    } else reader.skip(field & 7, end);
  }
  return resourceSpans;
}

function readResourceSpans(
  reader: WireReader,
  end: number,
  counted: { spans: number },
  forFiling: boolean,
): OtlpResourceSpans {
  let resource: OtlpAttributes | undefined;
  const scopeSpans: OtlpScopeSpans[] = [];
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) resource = readRecentResource(reader, reader.delimited(end));
    else if (field === LENGTH_2) {
      const scope = readScopeSpans(reader, reader.delimited(end), forFiling);
      counted.spans += scope.spans.length;
      scopeSpans.push(scope);
    } else reader.skip(field & 7, end);
  }
  return { resource: resource ?? new Map(), scopeSpans };
}

/** Resources decoded lately, by their bytes (shared by every request this module decodes). */
const recentResources = new RecentResources();

/**
 * A `Resource` message: one decoded lately from the same bytes gives the same attributes
 * object (read-only, as every decoded span's). Bytes that fail to decode are never kept.
 */
function readRecentResource(reader: WireReader, end: number): OtlpAttributes {
  const start = reader.pos;
  const known = recentResources.find(reader.buffer, start, end);
  if (known !== undefined) {
    reader.pos = end;
    return known;
  }
  const attributes = readResource(reader, end);
  recentResources.remember(reader.buffer, start, end, attributes);
  return attributes;
}

function readResource(reader: WireReader, end: number): OtlpAttributes {
  const attributes = new Map<string, OtlpValue>();
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) readKeyValue(reader, reader.delimited(end), attributes, 0);
    else reader.skip(field & 7, end);
  }
  return attributes;
}

function readScopeSpans(reader: WireReader, end: number, forFiling: boolean): OtlpScopeSpans {
  let scope = NO_SCOPE;
  const spans: OtlpSpan[] = [];
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) scope = readScope(reader, reader.delimited(end));
    else if (field === LENGTH_2) spans.push(readSpan(reader, reader.delimited(end), forFiling));
    else reader.skip(field & 7, end);
  }
  return { scope, spans };
}

function readScope(reader: WireReader, end: number): OtlpScope {
  let name = "";
  let version = "";
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) name = reader.string(end);
    else if (field === LENGTH_2) version = reader.string(end);
    else reader.skip(field & 7, end);
  }
  return { name, version };
}

function readSpan(reader: WireReader, end: number, forFiling: boolean): OtlpSpan {
  const wireStart = reader.pos;
  let traceId = "";
  let spanId = "";
  let traceState = "";
  let parentSpanId = "";
  let name = "";
  let kind: OtlpSpanKind = "unspecified";
  let startTimeUnixNano = 0n;
  let endTimeUnixNano = 0n;
  let attributes: Map<string, OtlpValue> | undefined;
  let events: OtlpEvent[] | undefined;
  let links: OtlpLink[] | undefined;
  let status: OtlpSpan["status"] = UNSET_STATUS;
  while (reader.pos < end) {
    const field = reader.tag(end);
    switch (field) {
      case LENGTH_1:
        traceId = reader.hex(end);
        break;
      case LENGTH_2:
        spanId = reader.hex(end);
        break;
      case LENGTH_3:
        traceState = reader.string(end);
        break;
      case LENGTH_4:
        parentSpanId = reader.hex(end);
        break;
      case LENGTH_5:
        name = reader.string(end);
        break;
      case VARINT_6:
        kind = SPAN_KINDS[reader.varint32(end)] ?? "unspecified";
        break;
      case FIXED64_7:
        startTimeUnixNano = reader.fixed64(end);
        break;
      case FIXED64_8:
        endTimeUnixNano = reader.fixed64(end);
        break;
      case LENGTH_9:
        if (forFiling) attributes = readFilingKeyValue(reader, reader.delimited(end), attributes);
        else {
          attributes ??= new Map();
          readKeyValue(reader, reader.delimited(end), attributes, 0);
        }
        break;
      case LENGTH_11:
        events ??= [];
        events.push(readEvent(reader, reader.delimited(end)));
        break;
      case LENGTH_13:
        links ??= [];
        links.push(readLink(reader, reader.delimited(end)));
        break;
      case LENGTH_15:
        status = readStatus(reader, reader.delimited(end));
        break;
      default:
        reader.skip(field & 7, end);
    }
  }
  return {
    traceId,
    spanId,
    parentSpanId,
    traceState,
    name,
    kind,
    startTimeUnixNano,
    endTimeUnixNano,
    // A span decoded for filing shares the empty values (the model's are read-only).
    attributes: attributes ?? (forFiling ? NO_ATTRIBUTES : new Map()),
    events: events ?? (forFiling ? NO_EVENTS : []),
    links: links ?? (forFiling ? NO_LINKS : []),
    status,
    wireStart,
    wireEnd: end,
  };
}

const NO_ATTRIBUTES: OtlpAttributes = new Map();
const NO_EVENTS: readonly OtlpEvent[] = Object.freeze([]);
const NO_LINKS: readonly OtlpLink[] = Object.freeze([]);
const UNSET_STATUS: OtlpSpan["status"] = Object.freeze({ code: "unset", message: "" });

function readStatus(reader: WireReader, end: number): OtlpSpan["status"] {
  let message = "";
  let code: OtlpStatusCode = "unset";
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_2) message = reader.string(end);
    else if (field === VARINT_3) code = STATUS_CODES[reader.varint32(end)] ?? "unset";
    else reader.skip(field & 7, end);
  }
  return { code, message };
}

function readEvent(reader: WireReader, end: number): OtlpEvent {
  let timeUnixNano = 0n;
  let name = "";
  const attributes = new Map<string, OtlpValue>();
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === FIXED64_1) timeUnixNano = reader.fixed64(end);
    else if (field === LENGTH_2) name = reader.string(end);
    else if (field === LENGTH_3) readKeyValue(reader, reader.delimited(end), attributes, 0);
    else reader.skip(field & 7, end);
  }
  return { timeUnixNano, name, attributes };
}

function readLink(reader: WireReader, end: number): OtlpLink {
  let traceId = "";
  let spanId = "";
  let traceState = "";
  const attributes = new Map<string, OtlpValue>();
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) traceId = reader.hex(end);
    else if (field === LENGTH_2) spanId = reader.hex(end);
    else if (field === LENGTH_3) traceState = reader.string(end);
    else if (field === LENGTH_4) readKeyValue(reader, reader.delimited(end), attributes, 0);
    else reader.skip(field & 7, end);
  }
  return { traceId, spanId, traceState, attributes };
}

/** One `KeyValue` into `into` (a later duplicate key replaces the value, keeping its place). */
function readKeyValue(
  reader: WireReader,
  end: number,
  into: Map<string, OtlpValue>,
  depth: number,
): void {
  if (depth > MAX_VALUE_DEPTH) throw tooDeep();
  let key = "";
  let value: OtlpValue = null;
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) key = reader.key(end);
    else if (field === LENGTH_2) value = readAnyValue(reader, reader.delimited(end), depth);
    else reader.skip(field & 7, end);
  }
  into.set(key, value);
}

/** An `AnyValue`: the value of the last of its `oneof` fields sent; `null` when none was. */
function readAnyValue(reader: WireReader, end: number, depth: number): OtlpValue {
  if (depth > MAX_VALUE_DEPTH) throw tooDeep();
  let value: OtlpValue = null;
  while (reader.pos < end) {
    const field = reader.tag(end);
    switch (field) {
      case LENGTH_1:
        value = reader.string(end);
        break;
      case VARINT_2:
        value = reader.bool(end);
        break;
      case VARINT_3:
        value = reader.int64(end);
        break;
      case FIXED64_4:
        value = reader.double(end);
        break;
      case LENGTH_5:
        value = readArrayValue(reader, reader.delimited(end), depth + 1);
        break;
      case LENGTH_6:
        value = {
          kind: "kvlist",
          entries: readKeyValueList(reader, reader.delimited(end), depth + 1),
        };
        break;
      case LENGTH_7:
        value = { kind: "bytes", bytes: reader.bytes(end) };
        break;
      default:
        reader.skip(field & 7, end);
    }
  }
  return value;
}

function readArrayValue(reader: WireReader, end: number, depth: number): OtlpValue[] {
  const values: OtlpValue[] = [];
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) values.push(readAnyValue(reader, reader.delimited(end), depth));
    else reader.skip(field & 7, end);
  }
  return values;
}

function readKeyValueList(reader: WireReader, end: number, depth: number): OtlpAttributes {
  const entries = new Map<string, OtlpValue>();
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) readKeyValue(reader, reader.delimited(end), entries, depth);
    else reader.skip(field & 7, end);
  }
  return entries;
}

/** `FILING_ATTRIBUTES`, found by their bytes: the other keys of a span filed are not decoded. */
const FILING_KEYS = new ByteKeys(FILING_ATTRIBUTES);

/**
 * A span's `KeyValue` when filing: decoded as `readKeyValue` does if its key is one of
 * `FILING_ATTRIBUTES` (into `into`, or a new map), else only walked. Every value field is walked as `readAnyValue` reads
 * it (the same reads in the same order, so the same refusals); the last one is decoded.
 */
function readFilingKeyValue(
  reader: WireReader,
  end: number,
  into: Map<string, OtlpValue> | undefined,
): Map<string, OtlpValue> | undefined {
  // The last key field sent is the key, as when decoding; `undefined` when it is not filed.
  let key: string | undefined;
  let valueStart = -1;
  let valueEnd = -1;
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_1) {
      const stop = reader.delimited(end);
      key = FILING_KEYS.find(reader.buffer, reader.pos, stop);
      reader.pos = stop;
    } else if (field === LENGTH_2) {
      valueEnd = reader.delimited(end);
      valueStart = reader.pos;
      walkAnyValue(reader, valueEnd, 0);
    } else reader.skip(field & 7, end);
  }
  if (key === undefined) return into;
  let value: OtlpValue = null;
  if (valueStart >= 0) {
    const after = reader.pos;
    reader.pos = valueStart;
    value = readAnyValue(reader, valueEnd, 0);
    reader.pos = after;
  }
  const attributes = into ?? new Map<string, OtlpValue>();
  attributes.set(key, value);
  return attributes;
}

/** Reads through an `AnyValue` as `readAnyValue` would, building nothing. */
function walkAnyValue(reader: WireReader, end: number, depth: number): void {
  if (depth > MAX_VALUE_DEPTH) throw tooDeep();
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_5) walkList(reader, reader.delimited(end), depth + 1, false);
    else if (field === LENGTH_6) walkList(reader, reader.delimited(end), depth + 1, true);
    else reader.skip(field & 7, end);
  }
}

/** Reads through an `ArrayValue` (or, `keyValues`, a `KeyValueList`) as decoding would. */
function walkList(reader: WireReader, end: number, depth: number, keyValues: boolean): void {
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field !== LENGTH_1) reader.skip(field & 7, end);
    else if (keyValues) walkKeyValue(reader, reader.delimited(end), depth);
    else walkAnyValue(reader, reader.delimited(end), depth);
  }
}

function walkKeyValue(reader: WireReader, end: number, depth: number): void {
  if (depth > MAX_VALUE_DEPTH) throw tooDeep();
  while (reader.pos < end) {
    const field = reader.tag(end);
    if (field === LENGTH_2) walkAnyValue(reader, reader.delimited(end), depth);
    else reader.skip(field & 7, end);
  }
}

function tooDeep(): TooDeepError {
  return new TooDeepError(`an attribute value nests deeper than ${MAX_VALUE_DEPTH} levels`);
}
