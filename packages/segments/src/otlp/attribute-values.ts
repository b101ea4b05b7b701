/**
 * Reading OTLP attribute values the way the collector's translator reads them, and turning
 * them into plain JSON (kvlists become objects, bytes become base64, as pdata's `AsRaw` and
 * Go's JSON encoder do).
 */

import { MAX_DOCUMENT_DEPTH } from "../json-depth.ts";
import { base64 } from "./base64.ts";
import type { OtlpAttributes, OtlpValue } from "./otlp-model.ts";
import { setField } from "./plain-objects.ts";

/**
 * A span's attributes, and the keys the http, aws, sql and cause blocks took from them
 * (those reach neither annotations nor metadata, unless indexed). Nothing is copied per span.
 */
export interface SpanAttributes {
  readonly all: OtlpAttributes;
  readonly taken: string[];
}

/** The attribute's value if it is a non-empty string. */
export function stringAttribute(attributes: OtlpAttributes, key: string): string | undefined {
  const value = attributes.get(key);
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The attribute's value if it is an integer (OTLP `intValue` within double range). */
export function integerAttribute(attributes: OtlpAttributes, key: string): number | undefined {
  const value = attributes.get(key);
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

/** A string value as is, an integer as decimal digits (`AttributeNetHostPort` may be either). */
export function stringOrIntegerAttribute(
  attributes: OtlpAttributes,
  key: string,
): string | undefined {
  const value = attributes.get(key);
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  return undefined;
}

/**
 * How deep arrays and kvlists inside one attribute value are copied. A document may nest
 * `MAX_DOCUMENT_DEPTH` levels and metadata sits three levels down, so a value kept whole
 * always fits; a deeper part is replaced by a note saying so, never by a crash.
 */
const MAX_VALUE_DEPTH = MAX_DOCUMENT_DEPTH - 4;
export const TOO_DEEP_NOTE = `[left out: nested deeper than ${MAX_VALUE_DEPTH} levels]`;

/** The value as plain JSON; `undefined` for an empty value (Go's `AsRaw` gives nil). */
export function plainJson(value: OtlpValue, depth = 0): unknown {
  if (value === null) return undefined;
  if (typeof value !== "object") return value;
  if (depth >= MAX_VALUE_DEPTH) return TOO_DEEP_NOTE;
  if (Array.isArray(value)) {
    return value.map((item: OtlpValue) => plainJson(item, depth + 1) ?? null);
  }
  if (isBytes(value)) return base64(value.bytes);
  if (isKeyValueList(value)) return attributesJson(value.entries, depth + 1);
  return undefined;
}

/** Attributes as one plain JSON object, in the order they were sent. */
export function attributesJson(attributes: OtlpAttributes, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of attributes) setField(out, key, plainJson(value, depth) ?? null);
  return out;
}

function isBytes(value: object): value is { kind: "bytes"; bytes: Uint8Array } {
  return "kind" in value && value.kind === "bytes";
}

function isKeyValueList(value: object): value is { kind: "kvlist"; entries: OtlpAttributes } {
  return "kind" in value && value.kind === "kvlist";
}
