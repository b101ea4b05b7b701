/**
 * A protobuf `ExportTraceServiceRequest` (OTLP/HTTP `application/x-protobuf`, OTLP/gRPC, the
 * body of an ADOT `T1S`/`T1U` datagram) into the model's `OtlpTraceRequest`.
 */

import type {
  OtlpAttributes,
  OtlpEvent,
  OtlpLink,
  OtlpSpan,
  OtlpTraceRequest,
  OtlpValue,
} from "@xray-sandbox/segments";
import {
  countSpans,
  type DecodeResult,
  MAX_VALUE_DEPTH,
  SPAN_KINDS,
  STATUS_CODES,
} from "./decode-result.ts";
import { ExportTraceServiceRequest } from "./otlp-schema.ts";

interface LongBits {
  readonly low: number;
  readonly high: number;
}
type Int64 = number | LongBits | null | undefined;

interface WireKeyValue {
  key?: string;
  value?: WireAnyValue | null;
}
interface WireAnyValue {
  value?: string;
  stringValue?: string;
  boolValue?: boolean;
  intValue?: Int64;
  doubleValue?: number;
  arrayValue?: { values?: WireAnyValue[] } | null;
  kvlistValue?: { values?: WireKeyValue[] } | null;
  bytesValue?: Uint8Array;
}
interface WireSpan {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  traceState?: string;
  parentSpanId?: Uint8Array;
  name?: string;
  kind?: number;
  startTimeUnixNano?: Int64;
  endTimeUnixNano?: Int64;
  attributes?: WireKeyValue[];
  events?: { timeUnixNano?: Int64; name?: string; attributes?: WireKeyValue[] }[];
  links?: {
    traceId?: Uint8Array;
    spanId?: Uint8Array;
    traceState?: string;
    attributes?: WireKeyValue[];
  }[];
  status?: { message?: string; code?: number } | null;
}
interface WireRequest {
  resourceSpans?: {
    resource?: { attributes?: WireKeyValue[] } | null;
    scopeSpans?: { scope?: { name?: string; version?: string } | null; spans?: WireSpan[] }[];
  }[];
}

class TooDeepError extends Error {}

export function decodeProtobufRequest(bytes: Uint8Array): DecodeResult {
  let wire: WireRequest;
  try {
    wire = ExportTraceServiceRequest.decode(bytes) as WireRequest;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `the body is not a protobuf ExportTraceServiceRequest (${detail})`,
    };
  }
  try {
    const request = toRequest(wire);
    return { ok: true, request, spans: countSpans(request) };
  } catch (error) {
    if (error instanceof TooDeepError) return { ok: false, message: error.message };
    throw error;
  }
}

function toRequest(wire: WireRequest): OtlpTraceRequest {
  return {
    resourceSpans: (wire.resourceSpans ?? []).map((resourceSpans) => ({
      resource: attributes(resourceSpans.resource?.attributes),
      scopeSpans: (resourceSpans.scopeSpans ?? []).map((scopeSpans) => ({
        scope: { name: scopeSpans.scope?.name ?? "", version: scopeSpans.scope?.version ?? "" },
        spans: (scopeSpans.spans ?? []).map(toSpan),
      })),
    })),
  };
}

function toSpan(span: WireSpan): OtlpSpan {
  return {
    traceId: hex(span.traceId),
    spanId: hex(span.spanId),
    parentSpanId: hex(span.parentSpanId),
    traceState: span.traceState ?? "",
    name: span.name ?? "",
    kind: SPAN_KINDS[span.kind ?? 0] ?? "unspecified",
    startTimeUnixNano: uint64(span.startTimeUnixNano),
    endTimeUnixNano: uint64(span.endTimeUnixNano),
    attributes: attributes(span.attributes),
    events: (span.events ?? []).map(
      (event): OtlpEvent => ({
        timeUnixNano: uint64(event.timeUnixNano),
        name: event.name ?? "",
        attributes: attributes(event.attributes),
      }),
    ),
    links: (span.links ?? []).map(
      (link): OtlpLink => ({
        traceId: hex(link.traceId),
        spanId: hex(link.spanId),
        traceState: link.traceState ?? "",
        attributes: attributes(link.attributes),
      }),
    ),
    status: {
      code: STATUS_CODES[span.status?.code ?? 0] ?? "unset",
      message: span.status?.message ?? "",
    },
  };
}

function attributes(list: readonly WireKeyValue[] | undefined, depth = 0): OtlpAttributes {
  const map = new Map<string, OtlpValue>();
  for (const { key, value } of list ?? []) {
    map.set(key ?? "", anyValue(value, depth));
  }
  return map;
}

function anyValue(value: WireAnyValue | null | undefined, depth: number): OtlpValue {
  if (depth > MAX_VALUE_DEPTH) {
    throw new TooDeepError(`an attribute value nests deeper than ${MAX_VALUE_DEPTH} levels`);
  }
  switch (value?.value) {
    case "stringValue":
      return value.stringValue ?? "";
    case "boolValue":
      return value.boolValue ?? false;
    case "intValue":
      return int64(value.intValue);
    case "doubleValue":
      return value.doubleValue ?? 0;
    case "arrayValue":
      return (value.arrayValue?.values ?? []).map((item) => anyValue(item, depth + 1));
    case "kvlistValue":
      return { kind: "kvlist", entries: attributes(value.kvlistValue?.values, depth + 1) };
    case "bytesValue":
      return { kind: "bytes", bytes: value.bytesValue ?? new Uint8Array(0) };
    default:
      return null;
  }
}

function bits(value: Int64): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === "number") return BigInt(value);
  return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
}

function uint64(value: Int64): bigint {
  return BigInt.asUintN(64, bits(value));
}

/** A signed 64-bit integer: a number when a double holds it exactly, else its digits. */
function int64(value: Int64): number | string {
  const signed = BigInt.asIntN(64, bits(value));
  const asNumber = Number(signed);
  return Number.isSafeInteger(asNumber) ? asNumber : signed.toString();
}

function hex(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? "" : Buffer.from(bytes).toString("hex");
}
