/** Plain JSON (document fields, a source span's attributes) as OTLP attribute values. */

import type { OtlpKeyValueList, OtlpValue } from "../otlp/otlp-model.ts";

/** How deep arrays and objects are copied; deeper parts become their JSON text. */
const MAX_DEPTH = 32;

/**
 * Strings, booleans and numbers as they are; arrays as arrays; objects as kvlists, in key
 * order; `null` as an empty value; anything else (undefined, functions) as `undefined`.
 */
export function jsonToOtlpValue(value: unknown, depth = 0): OtlpValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "object":
      break;
    default:
      return undefined;
  }
  if (depth >= MAX_DEPTH) return JSON.stringify(value);
  if (Array.isArray(value)) {
    return value.map((item: unknown) => jsonToOtlpValue(item, depth + 1) ?? null);
  }
  const entries = new Map<string, OtlpValue>();
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const converted = jsonToOtlpValue(item, depth + 1);
    if (converted !== undefined) entries.set(key, converted);
  }
  const list: OtlpKeyValueList = { kind: "kvlist", entries };
  return list;
}

/** A JSON object's fields as attributes (for a source span's attributes and resource). */
export function jsonToAttributes(
  object: Readonly<Record<string, unknown>>,
): Map<string, OtlpValue> {
  const out = new Map<string, OtlpValue>();
  for (const [key, value] of Object.entries(object)) {
    const converted = jsonToOtlpValue(value);
    if (converted !== undefined) out.set(key, converted);
  }
  return out;
}
