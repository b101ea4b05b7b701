/**
 * The OTLP trace messages the daemon reads and writes, declared with protobufjs's
 * reflection API from the field numbers and types of the OpenTelemetry protocol
 * (`opentelemetry/proto/collector/trace/v1/trace_service.proto`, `trace/v1/trace.proto`,
 * `common/v1/common.proto`, `resource/v1/resource.proto`, protocol version 1.x). Only
 * fields the daemon reads are declared; protobuf skips the others. Responses are written with
 * these; requests are read by `decode-protobuf.ts` straight from the wire, by the same field
 * numbers (the request declarations here write the bodies its tests decode).
 */

import protobuf from "protobufjs";

const { Enum, Field, OneOf, Root, Type } = protobuf;

function message(name: string, fields: ReadonlyArray<[string, number, string, "repeated"?]>) {
  const type = new Type(name);
  for (const [fieldName, id, fieldType, rule] of fields) {
    type.add(new Field(fieldName, id, fieldType, rule));
  }
  return type;
}

const anyValue = message("AnyValue", [
  ["stringValue", 1, "string"],
  ["boolValue", 2, "bool"],
  ["intValue", 3, "int64"],
  ["doubleValue", 4, "double"],
  ["arrayValue", 5, "ArrayValue"],
  ["kvlistValue", 6, "KeyValueList"],
  ["bytesValue", 7, "bytes"],
]);
anyValue.add(
  new OneOf("value", [
    "stringValue",
    "boolValue",
    "intValue",
    "doubleValue",
    "arrayValue",
    "kvlistValue",
    "bytesValue",
  ]),
);

const root = new Root().add(
  new protobuf.Namespace("otlp")
    .add(anyValue)
    .add(message("ArrayValue", [["values", 1, "AnyValue", "repeated"]]))
    .add(message("KeyValueList", [["values", 1, "KeyValue", "repeated"]]))
    .add(
      message("KeyValue", [
        ["key", 1, "string"],
        ["value", 2, "AnyValue"],
      ]),
    )
    .add(message("Resource", [["attributes", 1, "KeyValue", "repeated"]]))
    .add(
      message("InstrumentationScope", [
        ["name", 1, "string"],
        ["version", 2, "string"],
      ]),
    )
    .add(
      new Enum("SpanKind", {
        SPAN_KIND_UNSPECIFIED: 0,
        SPAN_KIND_INTERNAL: 1,
        SPAN_KIND_SERVER: 2,
        SPAN_KIND_CLIENT: 3,
        SPAN_KIND_PRODUCER: 4,
        SPAN_KIND_CONSUMER: 5,
      }),
    )
    .add(new Enum("StatusCode", { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 }))
    .add(
      message("Status", [
        ["message", 2, "string"],
        ["code", 3, "StatusCode"],
      ]),
    )
    .add(
      message("Event", [
        ["timeUnixNano", 1, "fixed64"],
        ["name", 2, "string"],
        ["attributes", 3, "KeyValue", "repeated"],
      ]),
    )
    .add(
      message("Link", [
        ["traceId", 1, "bytes"],
        ["spanId", 2, "bytes"],
        ["traceState", 3, "string"],
        ["attributes", 4, "KeyValue", "repeated"],
      ]),
    )
    .add(
      message("Span", [
        ["traceId", 1, "bytes"],
        ["spanId", 2, "bytes"],
        ["traceState", 3, "string"],
        ["parentSpanId", 4, "bytes"],
        ["name", 5, "string"],
        ["kind", 6, "SpanKind"],
        ["startTimeUnixNano", 7, "fixed64"],
        ["endTimeUnixNano", 8, "fixed64"],
        ["attributes", 9, "KeyValue", "repeated"],
        ["events", 11, "Event", "repeated"],
        ["links", 13, "Link", "repeated"],
        ["status", 15, "Status"],
      ]),
    )
    .add(
      message("ScopeSpans", [
        ["scope", 1, "InstrumentationScope"],
        ["spans", 2, "Span", "repeated"],
      ]),
    )
    .add(
      message("ResourceSpans", [
        ["resource", 1, "Resource"],
        ["scopeSpans", 2, "ScopeSpans", "repeated"],
      ]),
    )
    .add(message("ExportTraceServiceRequest", [["resourceSpans", 1, "ResourceSpans", "repeated"]]))
    .add(
      message("ExportTracePartialSuccess", [
        ["rejectedSpans", 1, "int64"],
        ["errorMessage", 2, "string"],
      ]),
    )
    .add(
      message("ExportTraceServiceResponse", [["partialSuccess", 1, "ExportTracePartialSuccess"]]),
    )
    // google.rpc.Status: the body of an OTLP/HTTP error response.
    .add(
      message("RpcStatus", [
        ["code", 1, "int32"],
        ["message", 2, "string"],
      ]),
    ),
);
root.resolveAll();

export const ExportTraceServiceRequest = root.lookupType("otlp.ExportTraceServiceRequest");
export const ExportTraceServiceResponse = root.lookupType("otlp.ExportTraceServiceResponse");
export const RpcStatus = root.lookupType("otlp.RpcStatus");
