/**
 * OTLP spans to X-Ray documents, following the OpenTelemetry collector's `awsxrayexporter`
 * translator (`exporter/awsxrayexporter/internal/translator`). `docs/otlp-translation.md`
 * lists every rule carried over and the few left out. Pure: untrusted spans give documents or
 * rejections, never exceptions.
 */

import type { TopLevelDocument } from "../document.ts";
import type { OtlpOrigin } from "../document-origin.ts";
import { keepShapeOf } from "../kept-shapes.ts";
import type { SegmentId, TraceId } from "../units.ts";
import { spanDocuments } from "./local-root.ts";
import type { OtlpSpan, OtlpTraceRequest, OtlpTransport } from "./otlp-model.ts";
import { rememberedResourceFacts } from "./resource-facts.ts";
import type { SpanContext } from "./source-span.ts";
import { asTopLevel, type DocumentIds } from "./span-document.ts";
import {
  ALL_ZEROS,
  hexDigits,
  NOT_HEX,
  spanIdMessage,
  traceIdMessage,
  xrayTraceIdOf,
} from "./span-ids.ts";
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
  const spanIds = new SpanIds(request.hexIds === true);
  for (const resourceSpans of request.resourceSpans) {
    const resource = rememberedResourceFacts(resourceSpans.resource, options);
    for (const scopeSpans of resourceSpans.scopeSpans) {
      const context: SpanContext = {
        transport,
        sampled,
        resource: resourceSpans.resource,
        scope: scopeSpans.scope,
        wire: request.wire,
      };
      for (const span of scopeSpans.spans) {
        const ids = spanIds.of(span);
        if (typeof ids === "string") {
          rejected.push({ traceId: span.traceId, spanId: span.spanId, message: ids });
          continue;
        }
        const origin = new SpanOrigin(span, context);
        for (const document of spanDocuments(span, ids, resource, options)) {
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

/**
 * A span's ids checked and converted, or why they cannot be: the X-Ray trace id of the
 * previous span is reused when the next has the same trace id (spans of a trace come together).
 */
export class SpanIds {
  #fromBytes: boolean;
  #lastW3c = "";
  #lastXray = "" as TraceId;

  constructor(fromBytes: boolean) {
    this.#fromBytes = fromBytes;
  }

  of(span: OtlpSpan): DocumentIds | string {
    let traceId: TraceId;
    if (span.traceId === this.#lastW3c) traceId = this.#lastXray;
    else {
      const hex = hexDigits(span.traceId, 32, this.#fromBytes);
      if (hex === NOT_HEX || hex === ALL_ZEROS) return traceIdMessage(span.traceId, hex);
      traceId = xrayTraceIdOf(hex);
      this.#lastW3c = span.traceId;
      this.#lastXray = traceId;
    }
    const id = hexDigits(span.spanId, 16, this.#fromBytes);
    if (id === NOT_HEX || id === ALL_ZEROS) return spanIdMessage(span.spanId, "span id", id);
    if (span.parentSpanId === "") {
      return { traceId, id: id as SegmentId, parentId: undefined };
    }
    const parentId = hexDigits(span.parentSpanId, 16, this.#fromBytes);
    if (parentId === NOT_HEX || parentId === ALL_ZEROS) {
      return spanIdMessage(span.parentSpanId, "parent span id", parentId);
    }
    return { traceId, id: id as SegmentId, parentId: parentId as SegmentId };
  }
}

// One a request: kept, so that its hidden class outlives full collections (`keepShapeOf`).
keepShapeOf(new SpanIds(true));
