/**
 * Annotations and metadata as span attributes, in the form the collector's X-Ray translator
 * (and the sandbox's OTLP ingest) reads back: each annotation as an attribute of its own key,
 * listed in `aws.xray.annotations`; each metadata namespace as the JSON text of its object
 * under `aws.xray.metadata.<namespace>`.
 */

import type { DocumentFields } from "../document.ts";
import type { OtlpValue } from "../otlp/otlp-model.ts";

export function annotationAttributes(document: DocumentFields, out: Map<string, OtlpValue>): void {
  const annotations = document.annotations;
  if (annotations === undefined || typeof annotations !== "object") return;
  const keys: string[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (typeof value === "string" || typeof value === "boolean") out.set(key, value);
    else if (typeof value === "number" && Number.isFinite(value)) out.set(key, value);
    else continue;
    keys.push(key);
  }
  if (keys.length > 0) out.set("aws.xray.annotations", keys);
}

export function metadataAttributes(document: DocumentFields, out: Map<string, OtlpValue>): void {
  const metadata = document.metadata;
  if (metadata === undefined || typeof metadata !== "object") return;
  for (const [namespace, value] of Object.entries(metadata)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
    out.set(`aws.xray.metadata.${namespace}`, JSON.stringify(value));
  }
}
