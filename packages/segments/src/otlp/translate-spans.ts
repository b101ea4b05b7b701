/**
 * OTLP spans to X-Ray documents, following the OpenTelemetry collector's `awsxrayexporter`
 * translator (`exporter/awsxrayexporter/internal/translator`). `docs/otlp-translation.md`
 * lists every rule carried over and the few left out. Pure: untrusted spans give documents or
 * rejections, never exceptions.
 */

import type { TopLevelDocument } from "../document.ts";
import type { OtlpOrigin } from "../document-origin.ts";
import { spanDocuments } from "./local-root.ts";
import type { OtlpSpan, OtlpTraceRequest, OtlpTransport } from "./otlp-model.ts";
import { resourceFacts } from "./resource-facts.ts";
import type { SpanContext } from "./source-span.ts";
import { asTopLevel, type DocumentIds } from "./span-document.ts";
import { segmentId, xrayTraceId } from "./span-ids.ts";
import { SpanOrigin } from "./span-origin.ts";
import type {
  SourceSpan,
  TranslatedDocument,
  TranslateOptions,
  TranslateResult,
  UntranslatedSpan,
} from "./translate-contract.ts";

export function translateTraceRequest(
  request: OtlpTraceRequest,
  transport: OtlpTransport,
  sampled: boolean,
  options: TranslateOptions,
): TranslateResult {
  const documents: TranslatedDocument[] = [];
  const rejected: UntranslatedSpan[] = [];
  for (const resourceSpans of request.resourceSpans) {
    const resource = resourceFacts(resourceSpans.resource, options);
    for (const scopeSpans of resourceSpans.scopeSpans) {
      const context: SpanContext = {
        transport,
        sampled,
        resource: resourceSpans.resource,
        scope: scopeSpans.scope,
        wire: request.wire,
      };
      for (const span of scopeSpans.spans) {
        const ids = spanIds(span);
        if (!ids.ok) {
          rejected.push({ traceId: span.traceId, spanId: span.spanId, message: ids.message });
          continue;
        }
        const origin = new SpanOrigin(span, context);
        for (const document of spanDocuments(span, ids.value, resource, options)) {
          documents.push(new SpanDocument(asTopLevel(document), origin));
        }
      }
    }
  }
  return { documents, rejected };
}

/** A translated document; its source span is the origin's, built when first read. */
class SpanDocument implements TranslatedDocument {
  constructor(
    readonly document: TopLevelDocument,
    readonly origin: OtlpOrigin,
  ) {}

  get source(): SourceSpan {
    return this.origin.span as SourceSpan;
  }
}

type IdsResult =
  | { readonly ok: true; readonly value: DocumentIds }
  | { readonly ok: false; readonly message: string };

function spanIds(span: OtlpSpan): IdsResult {
  const traceId = xrayTraceId(span.traceId);
  if (!traceId.ok) return traceId;
  const id = segmentId(span.spanId, "span id");
  if (!id.ok) return id;
  if (span.parentSpanId === "") {
    return { ok: true, value: { traceId: traceId.value, id: id.value, parentId: undefined } };
  }
  const parentId = segmentId(span.parentSpanId, "parent span id");
  if (!parentId.ok) return parentId;
  return { ok: true, value: { traceId: traceId.value, id: id.value, parentId: parentId.value } };
}
