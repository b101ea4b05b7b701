/**
 * An OTLP/JSON `ExportTraceServiceRequest` (`application/json`) into the model's
 * `OtlpTraceRequest`. Follows the OTLP/JSON mapping: lowerCamelCase field names (the
 * protobuf names in snake_case are read too), trace and span ids as hex, enums as integers
 * (their names are read too), 64-bit integers as decimal strings or numbers. A value of the
 * wrong type is refused with its path, never guessed at.
 */

import type {
  OtlpAttributes,
  OtlpEvent,
  OtlpLink,
  OtlpSpan,
  OtlpSpanKind,
  OtlpStatusCode,
  OtlpValue,
} from "@xray-sandbox/segments";
import {
  countSpans,
  type DecodeResult,
  MAX_VALUE_DEPTH,
  SPAN_KINDS,
  STATUS_CODES,
} from "./decode-result.ts";

class JsonShapeError extends Error {}

type JsonObject = Readonly<Record<string, unknown>>;

export function decodeJsonRequest(text: string): DecodeResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `the body is not JSON (${detail})` };
  }
  try {
    const body = object(value, "the body");
    const request = {
      resourceSpans: list(body, "resourceSpans", "").map((item, r) => {
        const path = `resourceSpans[${r}]`;
        const resourceSpans = object(item, path);
        const resource = optionalObject(resourceSpans, "resource", path);
        return {
          resource: attributes(resource, `${path}.resource`, 0),
          scopeSpans: list(resourceSpans, "scopeSpans", path).map((scopeItem, s) => {
            const scopePath = `${path}.scopeSpans[${s}]`;
            const scopeSpans = object(scopeItem, scopePath);
            const scope = optionalObject(scopeSpans, "scope", scopePath);
            return {
              scope: {
                name: string(scope, "name", `${scopePath}.scope`),
                version: string(scope, "version", `${scopePath}.scope`),
              },
              spans: list(scopeSpans, "spans", scopePath).map((span, i) =>
                toSpan(object(span, `${scopePath}.spans[${i}]`), `${scopePath}.spans[${i}]`),
              ),
            };
          }),
        };
      }),
    };
    return { ok: true, request, spans: countSpans(request) };
  } catch (error) {
    if (error instanceof JsonShapeError) return { ok: false, message: error.message };
    throw error;
  }
}

function toSpan(span: JsonObject, path: string): OtlpSpan {
  const status = optionalObject(span, "status", path);
  return {
    traceId: id(span, "traceId", 32, path, true),
    spanId: id(span, "spanId", 16, path, true),
    parentSpanId: id(span, "parentSpanId", 16, path, false),
    traceState: string(span, "traceState", path),
    name: string(span, "name", path),
    kind: enumValue<OtlpSpanKind>(span, "kind", SPAN_KINDS, "SPAN_KIND_", path),
    startTimeUnixNano: uint64(span, "startTimeUnixNano", path),
    endTimeUnixNano: uint64(span, "endTimeUnixNano", path),
    attributes: attributes(span, path, 0),
    events: list(span, "events", path).map((item, e): OtlpEvent => {
      const eventPath = `${path}.events[${e}]`;
      const event = object(item, eventPath);
      return {
        timeUnixNano: uint64(event, "timeUnixNano", eventPath),
        name: string(event, "name", eventPath),
        attributes: attributes(event, eventPath, 0),
      };
    }),
    links: list(span, "links", path).map((item, l): OtlpLink => {
      const linkPath = `${path}.links[${l}]`;
      const link = object(item, linkPath);
      return {
        traceId: id(link, "traceId", 32, linkPath, true),
        spanId: id(link, "spanId", 16, linkPath, true),
        traceState: string(link, "traceState", linkPath),
        attributes: attributes(link, linkPath, 0),
      };
    }),
    status: {
      code: enumValue<OtlpStatusCode>(
        status,
        "code",
        STATUS_CODES,
        "STATUS_CODE_",
        `${path}.status`,
      ),
      message: string(status, "message", `${path}.status`),
    },
  };
}

function attributes(owner: JsonObject, path: string, depth: number): OtlpAttributes {
  return keyValues(list(owner, "attributes", path), `${path}.attributes`, depth);
}

function keyValues(items: readonly unknown[], path: string, depth: number): OtlpAttributes {
  const map = new Map<string, OtlpValue>();
  items.forEach((item, i) => {
    const entryPath = `${path}[${i}]`;
    const entry = object(item, entryPath);
    const key = field(entry, "key");
    if (typeof key !== "string") fail(`${entryPath}.key`, "a string", key);
    map.set(key, anyValue(field(entry, "value"), `${entryPath}.value`, depth));
  });
  return map;
}

function anyValue(value: unknown, path: string, depth: number): OtlpValue {
  if (depth > MAX_VALUE_DEPTH) {
    throw new JsonShapeError(`${path} nests deeper than ${MAX_VALUE_DEPTH} levels`);
  }
  if (value === undefined || value === null) return null;
  const holder = object(value, path);
  const keys = Object.keys(holder);
  if (keys.length === 0) return null;
  if (keys.length > 1) {
    throw new JsonShapeError(
      `${path} has ${keys.length} values (${keys.join(", ")}), expected one`,
    );
  }
  const kind = keys[0] as string;
  const inner = holder[kind];
  const innerPath = `${path}.${kind}`;
  switch (kind) {
    case "stringValue":
    case "string_value":
      if (typeof inner !== "string") fail(innerPath, "a string", inner);
      return inner;
    case "boolValue":
    case "bool_value":
      if (typeof inner !== "boolean") fail(innerPath, "true or false", inner);
      return inner;
    case "intValue":
    case "int_value":
      return int64(inner, innerPath);
    case "doubleValue":
    case "double_value":
      if (typeof inner === "number") return inner;
      if (inner === "NaN" || inner === "Infinity" || inner === "-Infinity") return Number(inner);
      return fail(innerPath, "a number", inner);
    case "arrayValue":
    case "array_value":
      return list(object(inner, innerPath), "values", innerPath).map((item, i) =>
        anyValue(item, `${innerPath}.values[${i}]`, depth + 1),
      );
    case "kvlistValue":
    case "kvlist_value":
      return {
        kind: "kvlist",
        entries: keyValues(
          list(object(inner, innerPath), "values", innerPath),
          `${innerPath}.values`,
          depth + 1,
        ),
      };
    case "bytesValue":
    case "bytes_value":
      if (typeof inner !== "string" || !BASE64.test(inner)) fail(innerPath, "base64", inner);
      return { kind: "bytes", bytes: new Uint8Array(Buffer.from(inner, "base64")) };
    default:
      throw new JsonShapeError(`${path} has an unknown value kind "${kind}"`);
  }
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const DECIMAL = /^-?\d+$/;

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A field by its JSON name or its protobuf (snake_case) name. */
function field(owner: JsonObject, name: string): unknown {
  if (Object.hasOwn(owner, name)) return owner[name];
  const snake = snakeCase(name);
  return Object.hasOwn(owner, snake) ? owner[snake] : undefined;
}

function object(value: unknown, path: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail(path, "an object", value);
  }
  return value as JsonObject;
}

function optionalObject(owner: JsonObject, name: string, path: string): JsonObject {
  const value = field(owner, name);
  return value === undefined || value === null ? {} : object(value, join(path, name));
}

function list(owner: JsonObject, name: string, path: string): readonly unknown[] {
  const value = field(owner, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail(join(path, name), "an array", value);
  return value;
}

function string(owner: JsonObject, name: string, path: string): string {
  const value = field(owner, name);
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") return fail(join(path, name), "a string", value);
  return value;
}

function id(
  owner: JsonObject,
  name: string,
  length: number,
  path: string,
  required: boolean,
): string {
  const value = field(owner, name);
  if ((value === undefined || value === null || value === "") && !required) return "";
  if (typeof value !== "string" || value.length !== length || !/^[0-9a-fA-F]+$/.test(value)) {
    return fail(join(path, name), `${length} hex characters`, value);
  }
  return value.toLowerCase();
}

function enumValue<T extends string>(
  owner: JsonObject,
  name: string,
  values: readonly T[],
  prefix: string,
  path: string,
): T {
  const value = field(owner, name);
  if (value === undefined || value === null) return values[0] as T;
  if (typeof value === "number" && Number.isInteger(value)) {
    return values[value] ?? (values[0] as T);
  }
  if (typeof value === "string") {
    const found = values.find((candidate) => `${prefix}${candidate.toUpperCase()}` === value);
    if (found !== undefined) return found;
  }
  return fail(join(path, name), `one of 0-${values.length - 1} or ${prefix}…`, value);
}

function uint64(owner: JsonObject, name: string, path: string): bigint {
  const value = field(owner, name);
  if (value === undefined || value === null) return 0n;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === "string" && /^\d+$/.test(value) && value.length <= 20) {
    const parsed = BigInt(value);
    if (parsed < 2n ** 64n) return parsed;
  }
  return fail(join(path, name), "unsigned nanoseconds (a decimal string or number)", value);
}

function int64(value: unknown, path: string): number | string {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && DECIMAL.test(value) && value.length <= 20) {
    const parsed = BigInt(value);
    if (parsed === BigInt.asIntN(64, parsed)) {
      const asNumber = Number(parsed);
      return Number.isSafeInteger(asNumber) ? asNumber : parsed.toString();
    }
  }
  return fail(path, "a 64-bit integer (a decimal string or number)", value);
}

function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

function fail(path: string, expected: string, found: unknown): never {
  throw new JsonShapeError(`${path} must be ${expected}, found ${describe(found)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
