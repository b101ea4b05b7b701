/**
 * A segment record's `"origin"` checked as untrusted JSON (an export file may come from
 * anywhere): the same shapes `document-origin.ts` defines, or a message saying what is wrong.
 */

import {
  type DocumentOrigin,
  IN_PROCESS_ORIGIN,
  PUT_TRACE_SEGMENTS_ORIGIN,
  type ReceivedOrigin,
  XRAY_ORIGIN,
  XRAY_UDP_ORIGIN,
} from "./document-origin.ts";
import type { OtlpTransport } from "./otlp/otlp-model.ts";
import type { SourceSpan } from "./otlp/translate-contract.ts";

export type ParseOriginResult =
  | { readonly ok: true; readonly origin: DocumentOrigin | undefined }
  | { readonly ok: false; readonly message: string };

const TRANSPORTS: readonly OtlpTransport[] = [
  "otlp-http-protobuf",
  "otlp-http-json",
  "otlp-grpc",
  "otlp-udp",
  "put-trace-segments",
];

const SPAN_STRINGS = [
  "traceId",
  "spanId",
  "parentSpanId",
  "name",
  "kind",
  "startTimeUnixNano",
  "endTimeUnixNano",
] as const;

/** `null` (or no `"origin"`) is an origin not known; anything else must be a known shape. */
export function parseOrigin(value: unknown): ParseOriginResult {
  if (value === null || value === undefined) return { ok: true, origin: undefined };
  if (!isObject(value)) return fail("must be an object or null");
  if (value.kind === "import") {
    if (value.exported === null || value.exported === undefined) {
      return { ok: true, origin: { kind: "import", exported: undefined } };
    }
    const exported = receivedOrigin(value.exported);
    if (typeof exported === "string") return fail(`"exported" ${exported}`);
    return { ok: true, origin: { kind: "import", exported } };
  }
  const origin = receivedOrigin(value);
  return typeof origin === "string" ? fail(origin) : { ok: true, origin };
}

/** The origin, or what is wrong with it. */
function receivedOrigin(value: unknown): ReceivedOrigin | string {
  if (!isObject(value)) return "must be an object";
  switch (value.kind) {
    case "xray-udp":
      return XRAY_UDP_ORIGIN;
    case "put-trace-segments":
      return PUT_TRACE_SEGMENTS_ORIGIN;
    case "in-process":
      return IN_PROCESS_ORIGIN;
    case "xray":
      return XRAY_ORIGIN;
    case "otlp": {
      const transport = transportOf(value.transport);
      if (transport === undefined) return `"transport" must be one of ${TRANSPORTS.join(", ")}`;
      const span = sourceSpan(value.span);
      return typeof span === "string" ? `"span" ${span}` : { kind: "otlp", transport, span };
    }
    default:
      return `"kind" is ${JSON.stringify(value.kind) ?? "missing"}, expected xray-udp, put-trace-segments, in-process, xray, otlp or import`;
  }
}

function sourceSpan(value: unknown): SourceSpan | string {
  if (!isObject(value)) return "must be an object";
  const transport = transportOf(value.transport);
  if (transport === undefined) return `"transport" must be one of ${TRANSPORTS.join(", ")}`;
  if (typeof value.sampled !== "boolean") return '"sampled" must be true or false';
  for (const key of SPAN_STRINGS) {
    if (typeof value[key] !== "string") return `"${key}" must be a string`;
  }
  const { status, scope, attributes, resource, events, links } = value;
  if (!isObject(status) || typeof status.code !== "string" || typeof status.message !== "string") {
    return '"status" must be { code, message } strings';
  }
  if (!isObject(scope) || typeof scope.name !== "string" || typeof scope.version !== "string") {
    return '"scope" must be { name, version } strings';
  }
  if (!isObject(attributes)) return '"attributes" must be an object';
  if (!isObject(resource)) return '"resource" must be an object';
  if (!Array.isArray(events)) return '"events" must be a list';
  if (!Array.isArray(links)) return '"links" must be a list';
  return {
    transport,
    sampled: value.sampled,
    traceId: String(value.traceId),
    spanId: String(value.spanId),
    parentSpanId: String(value.parentSpanId),
    name: String(value.name),
    kind: String(value.kind),
    startTimeUnixNano: String(value.startTimeUnixNano),
    endTimeUnixNano: String(value.endTimeUnixNano),
    status: { code: status.code, message: status.message },
    attributes,
    resource,
    scope: { name: scope.name, version: scope.version },
    events,
    links,
  };
}

function transportOf(value: unknown): OtlpTransport | undefined {
  return TRANSPORTS.find((transport) => transport === value);
}

function fail(message: string): ParseOriginResult {
  return { ok: false, message: `"origin" ${message}` };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
