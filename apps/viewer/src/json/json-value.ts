/** How the JSON tree shows a value: its kind, a one-line preview, its children. */

export type JsonKind = "object" | "array" | "string" | "number" | "boolean" | "null" | "other";

export function jsonKind(value: unknown): JsonKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "object":
      return "object";
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "other";
  }
}

export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

/** The children of an object or array as `[key, value]`; array keys are indices. */
export function childEntries(value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (isContainer(value)) return Object.entries(value);
  return [];
}

/** What a collapsed container shows: `{3 keys}`, `[2 items]`, `{}`, `[]`. */
export function containerPreview(value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? "[]" : `[${value.length} ${value.length === 1 ? "item" : "items"}]`;
  }
  if (isContainer(value)) {
    const count = Object.keys(value).length;
    return count === 0 ? "{}" : `{${count} ${count === 1 ? "key" : "keys"}}`;
  }
  return primitiveText(value);
}

/** A primitive as JSON writes it: strings quoted and escaped, so what was sent is what shows. */
export function primitiveText(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** The value as pretty JSON, what a copy button puts on the clipboard. */
export function toJsonText(value: unknown): string {
  if (value === undefined) return "null";
  return JSON.stringify(value, null, 2) ?? String(value);
}
