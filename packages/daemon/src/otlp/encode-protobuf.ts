/**
 * The model's `OtlpTraceRequest` as a protobuf `ExportTraceServiceRequest` (what OTLP/HTTP
 * `application/x-protobuf` and OTLP/gRPC carry), written by protobufjs from the schema in
 * `otlp-schema.ts`: the reverse of `decode-protobuf.ts`.
 */

import type {
  OtlpAttributes,
  OtlpSpanKind,
  OtlpStatusCode,
  OtlpTraceRequest,
  OtlpValue,
} from "@xray-sandbox/segments";
import { ExportTraceServiceRequest } from "./otlp-schema.ts";

const KIND_NUMBERS: Readonly<Record<OtlpSpanKind, number>> = {
  unspecified: 0,
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
};
const STATUS_NUMBERS: Readonly<Record<OtlpStatusCode, number>> = { unset: 0, ok: 1, error: 2 };

/** A 64-bit value as protobufjs takes one (`Long.fromValue` reads low and high bits). */
function long(value: bigint, unsigned: boolean) {
  const bits = BigInt.asUintN(64, value);
  return { low: Number(bits & 0xffffffffn) | 0, high: Number(bits >> 32n) | 0, unsigned };
}

function idBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

function anyValue(value: OtlpValue): Record<string, unknown> {
  if (value === null) return {};
  switch (typeof value) {
    case "string":
      return { stringValue: value };
    case "boolean":
      return { boolValue: value };
    case "number":
      return Number.isSafeInteger(value)
        ? { intValue: long(BigInt(value), false) }
        : { doubleValue: value };
  }
  if (Array.isArray(value)) {
    return { arrayValue: { values: (value as readonly OtlpValue[]).map(anyValue) } };
  }
  const object = value as Exclude<
    OtlpValue,
    readonly OtlpValue[] | string | number | boolean | null
  >;
  if (object.kind === "bytes") return { bytesValue: object.bytes };
  return { kvlistValue: { values: keyValues(object.entries) } };
}

function keyValues(attributes: OtlpAttributes): Record<string, unknown>[] {
  return [...attributes].map(([key, value]) => ({ key, value: anyValue(value) }));
}

export function encodeProtobufRequest(request: OtlpTraceRequest): Uint8Array {
  const message = {
    resourceSpans: request.resourceSpans.map((resourceSpans) => ({
      resource: { attributes: keyValues(resourceSpans.resource) },
      scopeSpans: resourceSpans.scopeSpans.map((scopeSpans) => ({
        scope: { name: scopeSpans.scope.name, version: scopeSpans.scope.version },
        spans: scopeSpans.spans.map((span) => ({
          traceId: idBytes(span.traceId),
          spanId: idBytes(span.spanId),
          ...(span.parentSpanId === "" ? {} : { parentSpanId: idBytes(span.parentSpanId) }),
          traceState: span.traceState,
          name: span.name,
          kind: KIND_NUMBERS[span.kind],
          startTimeUnixNano: long(span.startTimeUnixNano, true),
          endTimeUnixNano: long(span.endTimeUnixNano, true),
          attributes: keyValues(span.attributes),
          events: span.events.map((event) => ({
            timeUnixNano: long(event.timeUnixNano, true),
            name: event.name,
            attributes: keyValues(event.attributes),
          })),
          links: span.links.map((link) => ({
            traceId: idBytes(link.traceId),
            spanId: idBytes(link.spanId),
            traceState: link.traceState,
            attributes: keyValues(link.attributes),
          })),
          status: { code: STATUS_NUMBERS[span.status.code], message: span.status.message },
        })),
      })),
    })),
  };
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(message)).finish();
}
