/**
 * The span a document was made from (`SourceSpan`, kept as JSON for the Raw tab) as an OTLP
 * span again, with its resource and scope. JSON keeps every value but not every type: an
 * integer-valued double comes back as an integer, bytes as their base64 text, kvlists as
 * kvlists.
 */

import type { OtlpSpanKind, OtlpStatusCode } from "../otlp/otlp-model.ts";
import type { SourceSpan } from "../otlp/translate-contract.ts";
import type { ForwardSpan } from "./forward-model.ts";
import { jsonToAttributes } from "./json-values.ts";

const KINDS: ReadonlySet<string> = new Set([
  "unspecified",
  "internal",
  "server",
  "client",
  "producer",
  "consumer",
]);
const CODES: ReadonlySet<string> = new Set(["unset", "ok", "error"]);

function nanos(text: string): bigint {
  try {
    return BigInt(text);
  } catch {
    return 0n;
  }
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function string(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export function sourceSpanBack(source: SourceSpan): ForwardSpan {
  return {
    resource: jsonToAttributes(source.resource),
    scope: { name: source.scope.name, version: source.scope.version },
    span: {
      traceId: source.traceId,
      spanId: source.spanId,
      parentSpanId: source.parentSpanId,
      traceState: "",
      name: source.name,
      kind: (KINDS.has(source.kind) ? source.kind : "unspecified") as OtlpSpanKind,
      startTimeUnixNano: nanos(source.startTimeUnixNano),
      endTimeUnixNano: nanos(source.endTimeUnixNano),
      attributes: jsonToAttributes(source.attributes),
      events: source.events.map((event) => {
        const fields = record(event);
        return {
          timeUnixNano: nanos(string(fields.timeUnixNano)),
          name: string(fields.name),
          attributes: jsonToAttributes(record(fields.attributes)),
        };
      }),
      links: source.links.map((link) => {
        const fields = record(link);
        return {
          traceId: string(fields.traceId),
          spanId: string(fields.spanId),
          traceState: string(fields.traceState),
          attributes: jsonToAttributes(record(fields.attributes)),
        };
      }),
      status: {
        code: (CODES.has(source.status.code) ? source.status.code : "unset") as OtlpStatusCode,
        message: source.status.message,
      },
    },
  };
}
