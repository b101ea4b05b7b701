/**
 * Spans filed without translating them: for each span of a protobuf request, only what the
 * store files a document by and what decides its verdict (ids, parent, times, the name, and
 * whether it is a segment or an independent subsegment; a LOCAL_ROOT CLIENT, PRODUCER or
 * CONSUMER span still gives two documents), read by the translator's own rules. The text
 * is written the first time something reads it, by decoding the span again from its place
 * in the body and translating it exactly as `translateTraceRequest` does, so every reader
 * sees the same text as if it had been written at once.
 *
 * A span is translated at once instead (`EagerDocument`, the translator's document) when
 * its text could be over the document size limit (see `mayExceedSizeLimit`), when it has
 * events (exceptions: their stack traces decide the `cause` block's size), or when it was
 * not decoded from protobuf (no place in a body to decode it from again).
 */

import type { TopLevelDocument } from "../document.ts";
import { type DocumentIndex, filedIndex } from "../document-index.ts";
import type { OtlpOrigin } from "../document-origin.ts";
import { keepShapeOf } from "../kept-shapes.ts";
import { MAX_DOCUMENT_BYTES } from "../parse-document.ts";
import type { TextWriter } from "../trace-store.ts";
import type { SegmentId, TraceId } from "../units.ts";
import { stringAttribute } from "./attribute-values.ts";
import { spanDocuments } from "./local-root.ts";
import {
  AWS_LOCAL_SERVICE,
  AWS_REMOTE_OPERATION,
  AWS_REMOTE_SERVICE,
  AWS_REMOTE_TARGET,
  AWS_SERVICE,
  AWS_SPAN_KIND,
  DB_CONNECTION_STRING,
  DB_NAME,
  HTTP_HOST,
  K8S_REMOTE_NAMESPACE,
  LOCAL_ROOT,
  NET_PEER_NAME,
  PEER_SERVICE,
  RPC_SERVICE,
  RPC_SYSTEM,
} from "./otlp-attributes.ts";
import type { OtlpRequestWire, OtlpSpan, OtlpTraceRequest, OtlpTransport } from "./otlp-model.ts";
import { type ResourceFacts, rememberedResourceFacts } from "./resource-facts.ts";
import { segmentNameAndNamespace, trimAwsSdkPrefix } from "./segment-name.ts";
import type { SpanContext } from "./source-span.ts";
import { asTopLevel, type DocumentIds } from "./span-document.ts";
import { derivedSegmentId } from "./span-ids.ts";
import { SpanOrigin } from "./span-origin.ts";
import { nanosToEpochSeconds } from "./span-times.ts";
import type { TranslateOptions, UntranslatedSpan } from "./translate-contract.ts";
import { SpanIds } from "./translate-spans.ts";

/**
 * The fields `checkRequiredFields` reads and the store files a document by, as the
 * translated document would have them: the document's index (`filedIndex`), which the
 * store keeps as it is.
 */
export type FiledFields = DocumentIndex;

/** A document whose text is written when first read. */
export interface LazyDocument {
  readonly lazy: true;
  readonly fields: FiledFields;
  /** Writes the document's JSON text: exactly `JSON.stringify` of the translated document. */
  readonly text: TextWriter;
  /** The size of the span's own protobuf message: what the store's byte bounds count. */
  readonly wireBytes: number;
  readonly origin: OtlpOrigin;
}

/** A document translated at once, as `translateTraceRequest` gives it. */
export interface EagerDocument {
  readonly lazy: false;
  readonly document: TopLevelDocument;
  readonly origin: OtlpOrigin;
}

export interface FiledRequest {
  /** In the order `translateTraceRequest` gives its documents. */
  readonly documents: readonly (LazyDocument | EagerDocument)[];
  readonly rejected: readonly UntranslatedSpan[];
}

/**
 * Every span attribute `filedFields` reads (the LOCAL_ROOT rule and the naming rules of
 * `segmentNameAndNamespace`): a decoder may give a span only these when it is to be filed.
 */
export const FILING_ATTRIBUTES: ReadonlySet<string> = new Set([
  AWS_SPAN_KIND,
  AWS_LOCAL_SERVICE,
  AWS_REMOTE_SERVICE,
  PEER_SERVICE,
  AWS_SERVICE,
  DB_NAME,
  DB_CONNECTION_STRING,
  RPC_SERVICE,
  RPC_SYSTEM,
  HTTP_HOST,
  NET_PEER_NAME,
]);

/**
 * What a translated document's text is at most, in UTF-8 bytes, besides what comes from the
 * resource: the fixed fields (ids, times, flags, block and field names, a status message's
 * exception record's fixed parts).
 */
const FIXED_TEXT_BYTES = 4_096;
/**
 * What one byte of a span's protobuf message can become in its document's text, at most: a
 * string byte is at most 6 bytes of JSON (`\u0000`), an attribute's value may be written in
 * two places (an http field and the URL rebuilt from it), and the smallest messages (an
 * empty string or value, 2 bytes) become a few characters of JSON each (`"":null,`).
 */
const TEXT_BYTES_PER_WIRE_BYTE = 48;

/**
 * Whether a span's text could be over the size limit: only then (or when unsure) is the
 * span translated at once, so that it is rejected as `too-large` exactly as before.
 * `resourceBytes` bounds what the resource adds to each of its documents.
 */
export function mayExceedSizeLimit(wireBytes: number, resourceBytes: number): boolean {
  return (
    FIXED_TEXT_BYTES + resourceBytes + TEXT_BYTES_PER_WIRE_BYTE * wireBytes > MAX_DOCUMENT_BYTES
  );
}

/**
 * At most how many UTF-8 bytes the resource adds to a document: the JSON of every part the
 * translator takes from it (each UTF-16 unit is at most 3 bytes of UTF-8).
 */
export function resourceTextBound(resource: ResourceFacts): number {
  const json = JSON.stringify([
    resource.serviceName,
    resource.origin,
    resource.service,
    resource.aws,
    resource.metadata,
  ]);
  return 3 * json.length;
}

/** `resourceTextBound` of facts already bounded (shared facts: `rememberedResourceFacts`). */
const textBounds = new WeakMap<ResourceFacts, number>();

function rememberedTextBound(resource: ResourceFacts): number {
  let bound = textBounds.get(resource);
  if (bound === undefined) {
    bound = resourceTextBound(resource);
    textBounds.set(resource, bound);
  }
  return bound;
}

export function fileTraceRequest(
  request: OtlpTraceRequest,
  transport: OtlpTransport,
  sampled: boolean,
  options: TranslateOptions,
): FiledRequest {
  const documents: (LazyDocument | EagerDocument)[] = [];
  const rejected: UntranslatedSpan[] = [];
  const spanIds = new SpanIds(request.hexIds === true);
  const wire = request.wire;
  for (const resourceSpans of request.resourceSpans) {
    const resource = rememberedResourceFacts(resourceSpans.resource, options);
    let resourceBytes = -1;
    for (const scopeSpans of resourceSpans.scopeSpans) {
      const context: SpanContext = {
        transport,
        sampled,
        resource: resourceSpans.resource,
        scope: scopeSpans.scope,
        wire,
      };
      for (const span of scopeSpans.spans) {
        const ids = spanIds.of(span);
        if (typeof ids === "string") {
          rejected.push({ traceId: span.traceId, spanId: span.spanId, message: ids });
          continue;
        }
        const { wireStart, wireEnd } = span;
        let lazy = wire !== undefined && wireStart !== undefined && wireEnd !== undefined;
        if (lazy && span.events.length > 0) lazy = false;
        if (lazy) {
          if (resourceBytes < 0) resourceBytes = rememberedTextBound(resource);
          lazy = !mayExceedSizeLimit((wireEnd ?? 0) - (wireStart ?? 0), resourceBytes);
        }
        if (!lazy) {
          const origin = new SpanOrigin(span, context);
          const whole =
            request.filingAttributesOnly === true && wire !== undefined
              ? wire.decodeSpan(wire.body, wireStart as number, wireEnd as number)
              : span;
          for (const document of spanDocuments(whole, ids, resource, options)) {
            documents.push({ lazy: false, document: asTopLevel(document), origin });
          }
          continue;
        }
        const filed = new FiledSpan(span, context, ids, resource, options);
        const fields = filedFields(span, ids, resource);
        for (let i = 0; i < fields.length; i++) {
          documents.push(lazyDocument(fields[i] as FiledFields, filed, i));
        }
      }
    }
  }
  return { documents, rejected };
}

const REMOTE_ATTRIBUTES = [
  AWS_REMOTE_SERVICE,
  AWS_REMOTE_OPERATION,
  AWS_REMOTE_TARGET,
  K8S_REMOTE_NAMESPACE,
];

/** The filed fields of the documents `spanDocuments` makes of the span, in its order. */
export function filedFields(
  span: OtlpSpan,
  ids: DocumentIds,
  resource: ResourceFacts,
): FiledFields[] {
  const start = nanosToEpochSeconds(span.startTimeUnixNano);
  const end = span.endTimeUnixNano !== 0n ? nanosToEpochSeconds(span.endTimeUnixNano) : undefined;
  const serviceName = resource.serviceName;
  if (stringAttribute(span.attributes, AWS_SPAN_KIND) !== LOCAL_ROOT) {
    const subsegment = span.kind !== "server" && ids.parentId !== undefined;
    const name = segmentNameAndNamespace(span, serviceName).name;
    return [filedIndex(ids.traceId, ids.id, name, start, end, ids.parentId, subsegment)];
  }
  if (span.kind === "server" || span.kind === "internal") {
    const name = segmentNameAndNamespace(span, serviceName).name;
    return [filedIndex(ids.traceId, ids.id, name, start, end, ids.parentId, false)];
  }
  const serviceId = derivedSegmentId(`${ids.traceId}/${ids.id}`, "local-root-service");
  const attributes = new Map(span.attributes);
  for (const key of REMOTE_ATTRIBUTES) attributes.delete(key);
  const localName =
    stringAttribute(span.attributes, AWS_LOCAL_SERVICE) ??
    segmentNameAndNamespace({ ...span, attributes }, serviceName).name;
  const remoteService = stringAttribute(span.attributes, AWS_REMOTE_SERVICE);
  const remoteName =
    remoteService === undefined
      ? segmentNameAndNamespace(span, serviceName).name
      : trimAwsSdkPrefix(remoteService, span.attributes);
  return [
    filedIndex(ids.traceId, serviceId, localName, start, end, ids.parentId, false),
    filedIndex(ids.traceId, ids.id, remoteName, start, end, serviceId, true),
  ];
}

/**
 * A span filed without translating it, in one object (a store keeps one for every such
 * span): its documents' origin, whose source span is built from the body when first read
 * (`SpanOrigin`), and the writer of its first document's text, which translates the span
 * again from the body (a LOCAL_ROOT span's second document has `SecondDocumentText`).
 */
class FiledSpan extends SpanOrigin implements TextWriter {
  readonly #wire: OtlpRequestWire;
  // The ids' strings, not the object holding them: one object less kept for every span.
  readonly #traceId: TraceId;
  readonly #id: SegmentId;
  readonly #parentId: SegmentId | undefined;
  readonly #resource: ResourceFacts;
  readonly #options: TranslateOptions;

  constructor(
    span: OtlpSpan,
    context: SpanContext,
    ids: DocumentIds,
    resource: ResourceFacts,
    options: TranslateOptions,
  ) {
    super(span, context);
    this.#wire = context.wire as OtlpRequestWire;
    this.#traceId = ids.traceId;
    this.#id = ids.id;
    this.#parentId = ids.parentId;
    this.#resource = resource;
    this.#options = options;
  }

  /** The size of the span's protobuf message. */
  get wireBytes(): number {
    return this.wireEnd - this.wireStart;
  }

  /** The text of the span's document at `position`, translated again from the body. */
  textAt(position: number): string {
    const span = this.#wire.decodeSpan(this.#wire.body, this.wireStart, this.wireEnd);
    const ids = { traceId: this.#traceId, id: this.#id, parentId: this.#parentId };
    const document = spanDocuments(span, ids, this.#resource, this.#options)[position];
    if (document === undefined) throw new Error("a span translated again gave fewer documents");
    return JSON.stringify(document);
  }

  write(): string {
    return this.textAt(0);
  }
}

class SecondDocumentText implements TextWriter {
  constructor(readonly span: FiledSpan) {}

  write(): string {
    return this.span.textAt(1);
  }
}

/**
 * The span's document at `position`. An object literal, not a class instance: these live
 * only until the store has filed them, and a literal's hidden class outlives a collection
 * that finds none of them alive (see `keepShapeOf`).
 */
function lazyDocument(fields: FiledFields, span: FiledSpan, position: number): LazyDocument {
  return {
    lazy: true,
    fields,
    text: position === 0 ? span : new SecondDocumentText(span),
    wireBytes: span.wireBytes,
    origin: span,
  };
}

// What a filed span keeps (its `FiledSpan` and its filed document), kept for one made-up
// span, so that these hidden classes outlive a collection that finds no filed span alive
// (an empty store) and the filing code stays compiled (`keepShapeOf`).
const KEPT_SPAN: OtlpSpan = {
  traceId: "0af7651916cd43dd8448eb211c80319c",
  spanId: "b7ad6b7169203331",
  parentSpanId: "",
  traceState: "",
  name: "kept",
  kind: "server",
  startTimeUnixNano: 1_500_000_000n,
  endTimeUnixNano: 2_500_000_000n,
  attributes: new Map(),
  events: [],
  links: [],
  status: { code: "unset", message: "" },
  wireStart: 0,
  wireEnd: 0,
};
keepShapeOf(
  fileTraceRequest(
    {
      resourceSpans: [
        {
          resource: new Map(),
          scopeSpans: [{ scope: { name: "", version: "" }, spans: [KEPT_SPAN] }],
        },
      ],
      wire: { body: new Uint8Array(0), decodeSpan: () => KEPT_SPAN },
      hexIds: true,
      filingAttributesOnly: true,
    },
    "otlp-http-protobuf",
    true,
    { indexAllAttributes: false, indexedAttributes: [] },
  ),
);
