/** A span as plain JSON for the viewer's Raw tab (`SourceSpan`). */

import { attributesJson } from "./attribute-values.ts";
import type {
  OtlpAttributes,
  OtlpRequestWire,
  OtlpScope,
  OtlpSpan,
  OtlpTransport,
} from "./otlp-model.ts";
import type { SourceSpan } from "./translate-contract.ts";

export interface SpanContext {
  readonly transport: OtlpTransport;
  readonly sampled: boolean;
  readonly resource: OtlpAttributes;
  readonly scope: OtlpScope;
  /** The protobuf body the spans were decoded from, when they were. */
  readonly wire: OtlpRequestWire | undefined;
}

export function sourceSpan(span: OtlpSpan, context: SpanContext): SourceSpan {
  return {
    transport: context.transport,
    sampled: context.sampled,
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano.toString(),
    endTimeUnixNano: span.endTimeUnixNano.toString(),
    status: { code: span.status.code, message: span.status.message },
    attributes: attributesJson(span.attributes),
    resource: attributesJson(context.resource),
    scope: { name: context.scope.name, version: context.scope.version },
    events: span.events.map((event) => ({
      timeUnixNano: event.timeUnixNano.toString(),
      name: event.name,
      attributes: attributesJson(event.attributes),
    })),
    links: span.links.map((link) => ({
      traceId: link.traceId,
      spanId: link.spanId,
      traceState: link.traceState,
      attributes: attributesJson(link.attributes),
    })),
  };
}
