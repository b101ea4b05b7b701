/**
 * What a span's documents take from its resource alone: the `aws` block's resource part,
 * `origin`, `service`, the service name, the SDK language and the `otel.resource.*`
 * metadata. It is the same for every span of a `resourceSpans`, so it is worked out once
 * there and shared by each of its spans.
 */

import { type ResourceMetadata, resourceMetadata } from "./annotations-metadata.ts";
import { stringAttribute } from "./attribute-values.ts";
import { awsOrigin, type ResourceAws, resourceAws, serviceBlock } from "./aws-block.ts";
import { SERVICE_NAME, TELEMETRY_SDK_LANGUAGE } from "./otlp-attributes.ts";
import type { OtlpAttributes } from "./otlp-model.ts";
import type { TranslateOptions } from "./translate-contract.ts";

export interface ResourceFacts {
  readonly attributes: OtlpAttributes;
  readonly serviceName: string | undefined;
  readonly sdkLanguage: string | undefined;
  readonly origin: string | undefined;
  /** Shared by every document of the resource, so frozen. */
  readonly service: Readonly<{ version: string }> | undefined;
  readonly aws: ResourceAws | undefined;
  readonly metadata: ResourceMetadata;
}

export function resourceFacts(resource: OtlpAttributes, options: TranslateOptions): ResourceFacts {
  const service = serviceBlock(resource);
  return {
    attributes: resource,
    serviceName: stringAttribute(resource, SERVICE_NAME),
    sdkLanguage: stringAttribute(resource, TELEMETRY_SDK_LANGUAGE),
    origin: awsOrigin(resource),
    service: service === undefined ? undefined : Object.freeze(service),
    aws: resourceAws(resource),
    metadata: resourceMetadata(resource, options),
  };
}

interface RememberedFacts {
  readonly options: TranslateOptions;
  readonly facts: ResourceFacts;
}

/** Facts already worked out, by the resource's attributes object. */
const remembered = new WeakMap<OtlpAttributes, RememberedFacts>();

/**
 * `resourceFacts`, worked out once per attributes object and options: a protobuf decoder
 * gives the same (read-only) object for a resource it has lately read from the same bytes,
 * so the requests of one process share their resource's facts.
 */
export function rememberedResourceFacts(
  resource: OtlpAttributes,
  options: TranslateOptions,
): ResourceFacts {
  const known = remembered.get(resource);
  if (known !== undefined && known.options === options) return known.facts;
  const facts = resourceFacts(resource, options);
  remembered.set(resource, { options, facts });
  return facts;
}
