/**
 * ADOT's local roots (collector `segment.go`, `MakeSegmentsFromSpan`). ADOT marks the first
 * span of a service's work with `aws.span.kind = LOCAL_ROOT`:
 *
 * - a SERVER or INTERNAL local root is a segment, even with a parent;
 * - a CLIENT, PRODUCER or CONSUMER local root (a service whose work starts with a call out,
 *   such as a Lambda handler calling S3) becomes two documents: a service segment named by
 *   `aws.local.service` (a new id, without the call's `http` block, `aws` call fields,
 *   `aws.remote.*` attributes and non-resource metadata), and a dependency subsegment under
 *   it, keeping the span's id, named by `aws.remote.service`, in namespace `remote` unless
 *   it has one. Span links stay on the segment for CONSUMER spans, on the subsegment
 *   otherwise.
 *
 * Any other CLIENT, PRODUCER or CONSUMER subsegment with `aws.remote.service` gets namespace
 * `remote` too.
 */

import { stringAttribute } from "./attribute-values.ts";
import { AWS_CALL_FIELDS } from "./aws-block.ts";
import {
  AWS_LOCAL_SERVICE,
  AWS_REMOTE_OPERATION,
  AWS_REMOTE_SERVICE,
  AWS_REMOTE_TARGET,
  AWS_SPAN_KIND,
  K8S_REMOTE_NAMESPACE,
  LOCAL_ROOT,
} from "./otlp-attributes.ts";
import type { OtlpSpan } from "./otlp-model.ts";
import { compactObject, setField } from "./plain-objects.ts";
import type { ResourceFacts } from "./resource-facts.ts";
import { isDependencyKind, trimAwsSdkPrefix } from "./segment-name.ts";
import { type DocumentIds, type DocumentParts, spanDocument } from "./span-document.ts";
import { derivedSegmentId } from "./span-ids.ts";
import type { TranslateOptions } from "./translate-contract.ts";

const REMOTE_ATTRIBUTES = [
  AWS_REMOTE_SERVICE,
  AWS_REMOTE_OPERATION,
  AWS_REMOTE_TARGET,
  K8S_REMOTE_NAMESPACE,
];
const RESOURCE_METADATA_PREFIX = "otel.resource.";

/** The documents one span becomes: one, or a service segment and a dependency subsegment. */
export function spanDocuments(
  span: OtlpSpan,
  ids: DocumentIds,
  resource: ResourceFacts,
  options: TranslateOptions,
): DocumentParts[] {
  if (stringAttribute(span.attributes, AWS_SPAN_KIND) !== LOCAL_ROOT) {
    const document = spanDocument(span, ids, resource, options);
    const remote =
      isDependencyKind(span.kind) &&
      document.type !== undefined &&
      document.namespace === undefined &&
      span.attributes.has(AWS_REMOTE_SERVICE);
    return [remote ? { ...document, namespace: "remote" } : document];
  }
  if (span.kind === "server" || span.kind === "internal") {
    const document = spanDocument(span, ids, resource, options);
    return [compactObject({ ...document, type: undefined, namespace: undefined })];
  }
  const serviceId = derivedSegmentId(`${ids.traceId}/${ids.id}`, "local-root-service");
  return [
    serviceSegment(span, { ...ids, id: serviceId }, resource, options),
    dependencySubsegment(span, { ...ids, parentId: serviceId }, resource, options),
  ];
}

function serviceSegment(
  span: OtlpSpan,
  ids: DocumentIds,
  resource: ResourceFacts,
  options: TranslateOptions,
): DocumentParts {
  const attributes = new Map(span.attributes);
  for (const key of REMOTE_ATTRIBUTES) attributes.delete(key);
  const document = spanDocument({ ...span, attributes }, ids, resource, options);
  const aws = document.aws === undefined ? undefined : { ...document.aws };
  for (const field of AWS_CALL_FIELDS) delete aws?.[field];
  return compactObject<DocumentParts>({
    ...document,
    name: stringAttribute(span.attributes, AWS_LOCAL_SERVICE) ?? document.name,
    type: undefined,
    namespace: undefined,
    http: undefined,
    aws,
    metadata: resourceMetadata(document.metadata),
    links: span.kind === "consumer" ? document.links : undefined,
  });
}

function dependencySubsegment(
  span: OtlpSpan,
  ids: DocumentIds,
  resource: ResourceFacts,
  options: TranslateOptions,
): DocumentParts {
  const document = spanDocument(span, ids, resource, options);
  const remoteService = stringAttribute(span.attributes, AWS_REMOTE_SERVICE);
  return compactObject<DocumentParts>({
    ...document,
    name:
      remoteService === undefined
        ? document.name
        : trimAwsSdkPrefix(remoteService, span.attributes),
    type: "subsegment",
    namespace: document.namespace ?? "remote",
    links: span.kind === "consumer" ? undefined : document.links,
  });
}

/** Only the `otel.resource.*` entries of each namespace; empty namespaces dropped. */
function resourceMetadata(
  metadata: DocumentParts["metadata"],
): DocumentParts["metadata"] | undefined {
  if (metadata === undefined) return undefined;
  const kept: Record<string, Record<string, unknown>> = {};
  for (const [namespace, entries] of Object.entries(metadata)) {
    const resourceEntries = Object.entries(entries).filter(([key]) =>
      key.startsWith(RESOURCE_METADATA_PREFIX),
    );
    if (resourceEntries.length > 0) setField(kept, namespace, Object.fromEntries(resourceEntries));
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}
