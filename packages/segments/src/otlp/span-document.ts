/**
 * One span as one X-Ray document (collector `segment.go`, `MakeSegment`): a SERVER span or a
 * span without a parent is a segment; any other span is an independent subsegment
 * (`type: "subsegment"`, with `trace_id` and `parent_id`). Resource attributes are stored
 * only on segments.
 */

import type { DocumentFields, TopLevelDocument } from "../document.ts";
import type { SegmentId, TraceId } from "../units.ts";
import { xrayAttributes } from "./annotations-metadata.ts";
import type { AttributeMap } from "./attribute-values.ts";
import { awsBlock, awsOrigin, serviceBlock } from "./aws-block.ts";
import { exceptionCause } from "./exception-cause.ts";
import { httpBlock } from "./http-block.ts";
import type { OtlpAttributes, OtlpSpan } from "./otlp-model.ts";
import { compactObject } from "./plain-objects.ts";
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
  service?: { version: string };
  links?: DocumentLink[];
}

export function spanDocument(
  span: OtlpSpan,
  ids: DocumentIds,
  resource: OtlpAttributes,
  options: TranslateOptions,
): DocumentParts {
  const isSubsegment = span.kind !== "server" && ids.parentId !== undefined;
  const attributes: AttributeMap = new Map(span.attributes);
  const http = httpBlock(span, attributes);
  const flags = statusFlags(span);
  const cause = exceptionCause(span, attributes, resource);
  const aws = awsBlock(attributes, resource);
  const sql = sqlBlock(span, attributes);
  reAddIndexed(attributes, span.attributes, options.indexedAttributes);
  const { user, annotations, metadata } = xrayAttributes(
    attributes,
    isSubsegment ? undefined : resource,
    options,
  );
  const { name, namespace } = segmentNameAndNamespace(span, resource);
  const ended = span.endTimeUnixNano !== 0n;
  return compactObject<DocumentParts>({
    name,
    id: ids.id,
    trace_id: ids.traceId,
    parent_id: ids.parentId,
    type: isSubsegment ? "subsegment" : undefined,
    namespace,
    start_time: nanosToEpochSeconds(span.startTimeUnixNano),
    end_time: ended ? nanosToEpochSeconds(span.endTimeUnixNano) : undefined,
    in_progress: ended ? undefined : true,
    error: flags.error,
    throttle: flags.throttle,
    fault: flags.fault,
    cause,
    origin: awsOrigin(resource),
    service: serviceBlock(resource),
    user,
    http,
    aws,
    sql,
    annotations,
    metadata,
    links: documentLinks(span.links),
  });
}

/** Keys the user asked to index come back even when a block took them (`addSpecialAttributes`). */
function reAddIndexed(
  attributes: AttributeMap,
  original: OtlpAttributes,
  indexed: readonly string[],
): void {
  for (const key of indexed) {
    const value = original.get(key);
    if (!attributes.has(key) && value !== undefined) attributes.set(key, value);
  }
}

export function asTopLevel(parts: DocumentParts): TopLevelDocument {
  return parts as TopLevelDocument;
}
