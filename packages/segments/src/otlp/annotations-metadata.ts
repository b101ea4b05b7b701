/**
 * `annotations`, `metadata` and `user` (collector `segment.go`, `makeXRayAttributes`).
 *
 * - `enduser.id` becomes the document's `user`.
 * - A string, number or boolean attribute whose key is listed in `aws.xray.annotations` (or
 *   in the configured indexed keys, or every one with `--otlp-index-all-attributes`) becomes
 *   an annotation, its key rewritten to `[A-Za-z0-9_]`.
 * - `aws.xray.metadata.<namespace>` holding a JSON object becomes metadata namespace
 *   `<namespace>` (`default` merges into `default`); text that is not a JSON object stays
 *   under `default` as it was.
 * - Every other attribute goes to metadata `default` under its own key; on segments the
 *   resource attributes too, as `otel.resource.<key>`.
 */

import type { AnnotationValue } from "../document.ts";
import { jsonTextDepth, MAX_DOCUMENT_DEPTH } from "../json-depth.ts";
import { type AttributeMap, plainJson } from "./attribute-values.ts";
import { ENDUSER_ID, XRAY_ANNOTATIONS, XRAY_METADATA_PREFIX } from "./otlp-attributes.ts";
import type { OtlpAttributes, OtlpValue } from "./otlp-model.ts";
import { setField } from "./plain-objects.ts";
import type { TranslateOptions } from "./translate-contract.ts";

const DEFAULT_NAMESPACE = "default";
const RESOURCE_PREFIX = "otel.resource.";

interface XrayAttributes {
  readonly user: string | undefined;
  readonly annotations: Record<string, AnnotationValue> | undefined;
  readonly metadata: Record<string, Record<string, unknown>> | undefined;
}

/**
 * `attributes` are the span's attributes left after the http, aws and sql blocks took theirs;
 * `resource` is stored only on segments (`storeResource`).
 */
export function xrayAttributes(
  attributes: AttributeMap,
  resource: OtlpAttributes | undefined,
  options: TranslateOptions,
): XrayAttributes {
  const userValue = attributes.get(ENDUSER_ID);
  const user = typeof userValue === "string" && userValue !== "" ? userValue : undefined;
  attributes.delete(ENDUSER_ID);
  const indexed = indexedKeys(attributes, options);
  attributes.delete(XRAY_ANNOTATIONS);
  const annotations: Record<string, AnnotationValue> = {};
  const metadata: Record<string, Record<string, unknown>> = {};
  const defaults: Record<string, unknown> = {};
  for (const [key, value] of resource ?? []) {
    const resourceKey = RESOURCE_PREFIX + key;
    const annotation = annotationValue(value);
    if (annotation !== undefined && (options.indexAllAttributes || indexed.has(resourceKey))) {
      setField(annotations, annotationKey(resourceKey), annotation);
    } else setMetadata(defaults, resourceKey, value);
  }
  for (const [key, value] of attributes) {
    const annotation = annotationValue(value);
    const listed = options.indexAllAttributes || indexed.has(key);
    if (annotation !== undefined && listed) {
      setField(annotations, annotationKey(key), annotation);
    } else if (listed) {
      // The collector drops a listed attribute that cannot be an annotation; kept here.
      setMetadata(defaults, key, value);
    } else if (key.startsWith(XRAY_METADATA_PREFIX) && typeof value === "string") {
      addNamespace(metadata, defaults, key, value);
    } else setMetadata(defaults, key, value);
  }
  if (Object.keys(defaults).length > 0) setField(metadata, DEFAULT_NAMESPACE, defaults);
  return {
    user,
    annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  };
}

/** X-Ray annotation keys allow only `A-Z`, `a-z`, `0-9` and `_`; others become `_`. */
export function annotationKey(key: string): string {
  return key.replace(/[^A-Za-z0-9]/g, "_");
}

function indexedKeys(attributes: AttributeMap, options: TranslateOptions): Set<string> {
  const keys = new Set(options.indexedAttributes);
  const listed = attributes.get(XRAY_ANNOTATIONS);
  if (Array.isArray(listed)) {
    for (const key of listed as readonly OtlpValue[]) if (typeof key === "string") keys.add(key);
  }
  return keys;
}

function annotationValue(value: OtlpValue): AnnotationValue | undefined {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return undefined;
}

function setMetadata(target: Record<string, unknown>, key: string, value: OtlpValue): void {
  const json = plainJson(value);
  if (json !== undefined) setField(target, key, json);
}

function addNamespace(
  metadata: Record<string, Record<string, unknown>>,
  defaults: Record<string, unknown>,
  key: string,
  text: string,
): void {
  const namespace = key.slice(XRAY_METADATA_PREFIX.length);
  const object = jsonObject(text);
  if (object === undefined) setField(defaults, key, text);
  else if (namespace.toLowerCase() === DEFAULT_NAMESPACE) {
    for (const [field, value] of Object.entries(object)) setField(defaults, field, value);
  } else setField(metadata, namespace, object);
}

/** `text` parsed, if it is a JSON object no deeper than a document may be. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  if (jsonTextDepth(text) > MAX_DOCUMENT_DEPTH - 2) return undefined;
  return parsed as Record<string, unknown>;
}
