/**
 * A stored X-Ray document as OTLP spans, the reverse of the mapping the OpenTelemetry
 * collector's `awsxrayreceiver` applies: the segment is a SERVER span, each subsegment
 * (embedded at any depth) a CLIENT span when its namespace is `remote` or `aws` and an
 * INTERNAL one otherwise; the X-Ray trace id becomes the W3C trace id, document ids the span
 * ids, nesting the parent span ids. Blocks become semantic-convention attributes
 * (`block-attributes.ts`), annotations and metadata attributes the translator reads back,
 * `cause` exception events, the segment's name and place the resource.
 *
 * A document that arrived as OTLP is forwarded as the span it was made from
 * (`source-span-back.ts`), once: not again for the service segment an ADOT local root adds.
 * In-progress documents (and open subsegments) give nothing; the completed document that
 * replaces them does. Documents of unsampled spans give nothing either.
 */

import type {
  DocumentFields,
  SegmentDocument,
  SubsegmentDocument,
  TopLevelDocument,
} from "../document.ts";
import type { DocumentOrigin } from "../document-origin.ts";
import { isUnsampledOrigin, sourceSpanOf } from "../document-origin.ts";
import type { OtlpSpanKind, OtlpStatusCode, OtlpValue } from "../otlp/otlp-model.ts";
import { annotationAttributes, metadataAttributes } from "./annotations-metadata-attributes.ts";
import { awsCallAttributes, httpAttributes, sqlAttributes } from "./block-attributes.ts";
import { exceptionEvents, firstExceptionMessage } from "./cause-events.ts";
import { epochNanos, w3cTraceId } from "./forward-ids.ts";
import { type ForwardSpan, XRAY_DOCUMENT_SCOPE } from "./forward-model.ts";
import { segmentResource, serviceResource } from "./resource-attributes.ts";
import { sourceSpanBack } from "./source-span-back.ts";

export interface DocumentSpansContext {
  /**
   * The name of the service (segment) an independent subsegment belongs to, when the caller
   * knows it; `unknown_service` otherwise (the OpenTelemetry default).
   */
  readonly serviceOf?: (parentId: string) => string | undefined;
}

export const UNKNOWN_SERVICE = "unknown_service";

/** Subsegment namespaces that call another service: CLIENT spans. */
const CLIENT_NAMESPACES: ReadonlySet<string> = new Set(["remote", "aws"]);

export function documentSpans(
  document: TopLevelDocument,
  origin: DocumentOrigin | undefined,
  context: DocumentSpansContext = {},
): readonly ForwardSpan[] {
  // An unsampled span (ADOT's T1U, kept with --keep-unsampled) is for local eyes only.
  if (isUnsampledOrigin(origin)) return [];
  const source = sourceSpanOf(origin);
  if (source !== undefined) {
    return source.spanId === document.id ? [sourceSpanBack(source)] : [];
  }
  if (document.in_progress === true || typeof document.end_time !== "number") return [];
  const traceId = w3cTraceId(document.trace_id);
  const out: ForwardSpan[] = [];
  if (document.type === "subsegment") {
    const service = context.serviceOf?.(document.parent_id) ?? UNKNOWN_SERVICE;
    const resource = serviceResource(service);
    walk(document, document.parent_id, traceId, "subsegment", resource, out);
  } else {
    walk(document, document.parent_id ?? "", traceId, "segment", segmentResource(document), out);
  }
  return out;
}

function walk(
  document: DocumentFields & { namespace?: string },
  parentSpanId: string,
  traceId: string,
  kind: "segment" | "subsegment",
  resource: ReadonlyMap<string, OtlpValue>,
  out: ForwardSpan[],
): void {
  if (document.in_progress === true || typeof document.end_time !== "number") return;
  out.push({
    resource,
    scope: XRAY_DOCUMENT_SCOPE,
    span: documentSpan(document, parentSpanId, traceId, kind),
  });
  if (!Array.isArray(document.subsegments)) return;
  for (const child of document.subsegments as SubsegmentDocument[]) {
    if (child !== null && typeof child === "object") {
      walk(child, document.id, traceId, "subsegment", resource, out);
    }
  }
}

/** SERVER for a segment; CLIENT for a `remote` or `aws` subsegment; INTERNAL otherwise. */
export function spanKindOf(
  kind: "segment" | "subsegment",
  namespace: string | undefined,
): OtlpSpanKind {
  if (kind === "segment") return "server";
  return namespace !== undefined && CLIENT_NAMESPACES.has(namespace) ? "client" : "internal";
}

/**
 * A fault is an ERROR; an error (4xx) is one only for a CLIENT span: the semantic conventions
 * leave a server's status unset for a client's mistake.
 */
export function statusCodeOf(document: DocumentFields, kind: OtlpSpanKind): OtlpStatusCode {
  if (document.fault === true) return "error";
  if (document.error === true && kind === "client") return "error";
  return "unset";
}

function documentSpan(
  document: DocumentFields & { namespace?: string },
  parentSpanId: string,
  traceId: string,
  kind: "segment" | "subsegment",
) {
  const spanKind = spanKindOf(kind, document.namespace);
  const attributes = new Map<string, OtlpValue>();
  httpAttributes(document, attributes);
  sqlAttributes(document, attributes);
  awsCallAttributes(document, attributes);
  if (spanKind === "client" && document.namespace === "remote") {
    attributes.set("peer.service", document.name);
  }
  const segment = document as Partial<SegmentDocument>;
  if (kind === "segment" && typeof segment.user === "string") {
    attributes.set("enduser.id", segment.user);
  }
  if (document.namespace !== undefined) attributes.set("aws.xray.namespace", document.namespace);
  for (const flag of ["error", "fault", "throttle"] as const) {
    if (document[flag] === true) attributes.set(`aws.xray.${flag}`, true);
  }
  annotationAttributes(document, attributes);
  metadataAttributes(document, attributes);
  const end = epochNanos(document.end_time as number);
  const code = statusCodeOf(document, spanKind);
  return {
    traceId,
    spanId: document.id.toLowerCase(),
    parentSpanId: parentSpanId.toLowerCase(),
    traceState: "",
    name: document.name,
    kind: spanKind,
    startTimeUnixNano: epochNanos(document.start_time),
    endTimeUnixNano: end,
    attributes,
    events: exceptionEvents(document, end),
    links: [],
    status: { code, message: code === "error" ? firstExceptionMessage(document) : "" },
  };
}
