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
import { plainJson, type SpanAttributes } from "./attribute-values.ts";
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
 * The resource's `otel.resource.*` entries as annotations and metadata `default` entries,
 * for every span that lists none of them in `aws.xray.annotations` (with
 * `--otlp-index-all-attributes`, for every span). Built once per resource; each segment
 * starts from a copy (the values inside are shared, so frozen).
 */
export interface ResourceMetadata {
  readonly attributes: OtlpAttributes;
  readonly annotations: Readonly<Record<string, AnnotationValue>>;
  readonly defaults: Readonly<Record<string, unknown>>;
}

export function resourceMetadata(
  resource: OtlpAttributes,
  options: TranslateOptions,
): ResourceMetadata {
  const annotations: Record<string, AnnotationValue> = {};
  const defaults: Record<string, unknown> = {};
  addResourceEntries(resource, NOTHING_INDEXED, options, annotations, defaults);
  for (const value of Object.values(defaults)) deepFreeze(value);
  return {
    attributes: resource,
    annotations: Object.freeze(annotations),
    defaults: Object.freeze(defaults),
  };
}

const NOTHING_INDEXED: ReadonlySet<string> = new Set();

/**
 * `attributes` are the span's attributes; those the http, aws, sql and cause blocks took are
 * left out, except keys the user asked to index, which come back after the others
 * (`addSpecialAttributes`). `resource` is stored only on segments (`storeResource`).
 */
export function xrayAttributes(
  attributes: SpanAttributes,
  resource: ResourceMetadata | undefined,
  options: TranslateOptions,
): XrayAttributes {
  const { all, taken } = attributes;
  const userValue = all.get(ENDUSER_ID);
  const user = typeof userValue === "string" && userValue !== "" ? userValue : undefined;
  const indexed = indexedKeys(all, options);
  let annotations: Record<string, AnnotationValue>;
  let defaults: Record<string, unknown>;
  if (resource === undefined) {
    annotations = {};
    defaults = {};
  } else if (options.indexAllAttributes || !indexesResourceKey(indexed)) {
    annotations = { ...resource.annotations };
    defaults = { ...resource.defaults };
  } else {
    annotations = {};
    defaults = {};
    addResourceEntries(resource.attributes, indexed, options, annotations, defaults);
  }
  const metadata: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of all) {
    if (key === ENDUSER_ID || key === XRAY_ANNOTATIONS || taken.includes(key)) continue;
    addAttribute(key, value, indexed, options, annotations, metadata, defaults);
  }
  const readded: string[] = [];
  for (const key of options.indexedAttributes) {
    const value = all.get(key);
    if (value === undefined || !taken.includes(key) || readded.includes(key)) continue;
    readded.push(key);
    addAttribute(key, value, indexed, options, annotations, metadata, defaults);
  }
  if (hasFields(defaults)) setField(metadata, DEFAULT_NAMESPACE, defaults);
  return {
    user,
    annotations: hasFields(annotations) ? annotations : undefined,
    metadata: hasFields(metadata) ? metadata : undefined,
  };
}

/** One span attribute as an annotation, a metadata namespace or a `default` entry. */
function addAttribute(
  key: string,
  value: OtlpValue,
  indexed: ReadonlySet<string>,
  options: TranslateOptions,
  annotations: Record<string, AnnotationValue>,
  metadata: Record<string, Record<string, unknown>>,
  defaults: Record<string, unknown>,
): void {
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

function addResourceEntries(
  resource: OtlpAttributes,
  indexed: ReadonlySet<string>,
  options: TranslateOptions,
  annotations: Record<string, AnnotationValue>,
  defaults: Record<string, unknown>,
): void {
  for (const [key, value] of resource) {
    const resourceKey = RESOURCE_PREFIX + key;
    const annotation = annotationValue(value);
    if (annotation !== undefined && (options.indexAllAttributes || indexed.has(resourceKey))) {
      setField(annotations, annotationKey(resourceKey), annotation);
    } else setMetadata(defaults, resourceKey, value);
  }
}

function indexesResourceKey(indexed: ReadonlySet<string>): boolean {
  for (const key of indexed) if (key.startsWith(RESOURCE_PREFIX)) return true;
  return false;
}

function hasFields(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  for (const field of Object.values(value)) deepFreeze(field);
  Object.freeze(value);
}

/** X-Ray annotation keys allow only `A-Z`, `a-z`, `0-9` and `_`; others become `_`. */
export function annotationKey(key: string): string {
  return key.replace(/[^A-Za-z0-9]/g, "_");
}

function indexedKeys(attributes: OtlpAttributes, options: TranslateOptions): ReadonlySet<string> {
  const listed = attributes.get(XRAY_ANNOTATIONS);
  if (!Array.isArray(listed) && options.indexedAttributes.length === 0) return NOTHING_INDEXED;
  const keys = new Set(options.indexedAttributes);
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
