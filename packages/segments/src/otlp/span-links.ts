/**
 * Span links as the document's `links` (collector `span_links.go`): the linked trace id in
 * X-Ray form, the linked span id, and the link's attributes. A link whose ids cannot be
 * converted is left out (the collector fails the whole span instead).
 */

import { attributesJson } from "./attribute-values.ts";
import type { OtlpLink } from "./otlp-model.ts";
import { segmentId, xrayTraceId } from "./span-ids.ts";

export interface DocumentLink {
  readonly trace_id: string;
  readonly id: string;
  readonly attributes?: Record<string, unknown>;
}

export function documentLinks(links: readonly OtlpLink[]): DocumentLink[] | undefined {
  const out: DocumentLink[] = [];
  for (const link of links) {
    const traceId = xrayTraceId(link.traceId);
    const spanId = segmentId(link.spanId, "linked span id");
    if (!traceId.ok || !spanId.ok) continue;
    out.push(
      link.attributes.size > 0
        ? { trace_id: traceId.value, id: spanId.value, attributes: attributesJson(link.attributes) }
        : { trace_id: traceId.value, id: spanId.value },
    );
  }
  return out.length > 0 ? out : undefined;
}
