/**
 * One span as one X-Ray document (collector `segment.go`, `MakeSegment`): a SERVER span or a
 * span without a parent is a segment; any other span is an independent subsegment
 * (`type: "subsegment"`, with `trace_id` and `parent_id`). Resource attributes are stored
 * only on segments.
 */

import type { DocumentFields, TopLevelDocument } from "../document.ts";
import { keepOnePer } from "../kept-shapes.ts";
import type { SegmentId, TraceId } from "../units.ts";
import { xrayAttributes } from "./annotations-metadata.ts";
import type { SpanAttributes } from "./attribute-values.ts";
import { awsBlock } from "./aws-block.ts";
import { exceptionCause } from "./exception-cause.ts";
import { httpBlock } from "./http-block.ts";
import type { OtlpSpan } from "./otlp-model.ts";
import type { ResourceFacts } from "./resource-facts.ts";
import { segmentNameAndNamespace } from "./segment-name.ts";
import { type DocumentLink, documentLinks } from "./span-links.ts";
import { nanosToEpochSeconds } from "./span-times.ts";
import { sqlBlock } from "./sql-block.ts";
import { statusFlags } from "./status-flags.ts";
import type { TranslateOptions } from "./translate-contract.ts";

/** A span's ids, already checked and converted. */
export interface DocumentIds {
  readonly traceId: TraceId;
  readonly id: SegmentId;
  readonly parentId: SegmentId | undefined;
}

/** The fields of one document before the LOCAL_ROOT rules adjust them. */
export interface DocumentParts extends DocumentFields {
  trace_id: TraceId;
  parent_id?: SegmentId;
  namespace?: string;
  type?: "subsegment";
  user?: string;
  origin?: string;
  service?: Readonly<{ version: string }>;
  links?: DocumentLink[];
}

export function spanDocument(
  span: OtlpSpan,
  ids: DocumentIds,
  resource: ResourceFacts,
  options: TranslateOptions,
): DocumentParts {
  const isSubsegment = span.kind !== "server" && ids.parentId !== undefined;
  const attributes: SpanAttributes = { all: span.attributes, taken: [] };
  const http = httpBlock(span, attributes);
  const flags = statusFlags(span);
  const cause = exceptionCause(span, attributes, resource.sdkLanguage);
  const aws = awsBlock(attributes, resource.aws);
  const sql = sqlBlock(span, attributes);
  const { user, annotations, metadata } = xrayAttributes(
    attributes,
    isSubsegment ? undefined : resource.metadata,
    options,
  );
  const { name, namespace } = segmentNameAndNamespace(span, resource.serviceName);
  const ended = span.endTimeUnixNano !== 0n;
  // Written field by field, skipping what is undefined, in the order the JSON shows them
  // (what compactObject() of one literal gives, without building that literal first).
  const document: DocumentParts = { name, id: ids.id, trace_id: ids.traceId } as DocumentParts;
  // Which optional fields the document has, one bit each: what its hidden class depends on.
  let kind = 0;
  if (ids.parentId !== undefined) {
    document.parent_id = ids.parentId;
    kind |= 1;
  }
  if (isSubsegment) {
    document.type = "subsegment";
    kind |= 2;
  }
  if (namespace !== undefined) {
    document.namespace = namespace;
    kind |= 4;
  }
  document.start_time = nanosToEpochSeconds(span.startTimeUnixNano);
  if (ended) document.end_time = nanosToEpochSeconds(span.endTimeUnixNano);
  else {
    document.in_progress = true;
    kind |= 8;
  }
  document.error = flags.error;
  document.throttle = flags.throttle;
  document.fault = flags.fault;
  if (cause !== undefined) {
    document.cause = cause;
    kind |= 16;
  }
  if (resource.origin !== undefined) {
    document.origin = resource.origin;
    kind |= 32;
  }
  if (resource.service !== undefined) {
    document.service = resource.service;
    kind |= 64;
  }
  if (user !== undefined) {
    document.user = user;
    kind |= 128;
  }
  if (http !== undefined) {
    document.http = http;
    kind |= 256;
  }
  if (aws !== undefined) {
    document.aws = aws;
    kind |= 512;
  }
  if (sql !== undefined) {
    document.sql = sql;
    kind |= 1024;
  }
  if (annotations !== undefined) {
    document.annotations = annotations;
    kind |= 2048;
  }
  if (metadata !== undefined) {
    document.metadata = metadata;
    kind |= 4096;
  }
  const links = documentLinks(span.links);
  if (links !== undefined) {
    document.links = links;
    kind |= 8192;
  }
  // The checks and the store read documents of these shapes: one of each kept, so that their
  // code stays compiled through a full collection that finds no document alive.
  return keepOnePer(kind, document);
}

export function asTopLevel(parts: DocumentParts): TopLevelDocument {
  return parts as TopLevelDocument;
}
