/**
 * A decoded request without what the protobuf decoder adds to keep spans decodable again (the
 * body and each span's place in it, and that its ids are hex by construction): the model alone, as other decoders give it. For tests
 * that compare decoded requests field by field.
 */

import type { OtlpSpan, OtlpTraceRequest } from "@xray-sandbox/segments";

export function wireFreeRequest(request: OtlpTraceRequest): OtlpTraceRequest {
  return {
    resourceSpans: request.resourceSpans.map((resourceSpans) => ({
      resource: resourceSpans.resource,
      scopeSpans: resourceSpans.scopeSpans.map((scopeSpans) => ({
        scope: scopeSpans.scope,
        spans: scopeSpans.spans.map(wireFreeSpan),
      })),
    })),
  };
}

export function wireFreeSpan(span: OtlpSpan): OtlpSpan {
  const { wireStart: _start, wireEnd: _end, ...model } = span;
  return model;
}
