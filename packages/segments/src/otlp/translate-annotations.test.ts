/** Annotations, metadata and user (collector segment.go makeXRayAttributes, segment_test.go). */

import { describe, expect, it } from "vitest";
import {
  DEFAULT_RESOURCE,
  otlpSpan,
  PARENT_ID,
  translateSingle,
} from "../test-support/otlp-spans.ts";
import { annotationKey } from "./annotations-metadata.ts";
import { TOO_DEEP_NOTE } from "./attribute-values.ts";
import type { OtlpSpanKind, OtlpValue } from "./otlp-model.ts";
import type { TranslateOptions } from "./translate-contract.ts";

const RESOURCE_KEYS = [
  "otel.resource.string.key",
  "otel.resource.int.key",
  "otel.resource.double.key",
  "otel.resource.bool.key",
  "otel.resource.map.key",
  "otel.resource.array.key",
];

interface Row {
  readonly name: string;
  readonly kind?: OtlpSpanKind;
  readonly attributes: Readonly<Record<string, OtlpValue>>;
  readonly options: TranslateOptions;
  readonly annotations: Record<string, unknown> | undefined;
  readonly metadata: Record<string, unknown>;
}

const option = (indexedAttributes: string[], indexAllAttributes = false): TranslateOptions => ({
  indexAllAttributes,
  indexedAttributes,
});

const ROWS: readonly Row[] = [
  {
    name: "not indexed: attributes and resource go to metadata default (TestSpanWithAttributesDefaultNotIndexed)",
    attributes: { "attr1@1": "val1", "attr2@2": "val2" },
    options: option([]),
    annotations: undefined,
    metadata: {
      default: expect.objectContaining({
        "attr1@1": "val1",
        "attr2@2": "val2",
        "otel.resource.string.key": "string",
        "otel.resource.int.key": 10,
        "otel.resource.double.key": 5.5,
        "otel.resource.bool.key": true,
        "otel.resource.map.key": { key1: 1, key2: "value" },
        "otel.resource.array.key": ["foo", "bar"],
      }),
    },
  },
  {
    name: "a subsegment keeps no resource attributes (TestSpanWithResourceNotStoredIfSubsegment)",
    kind: "client",
    attributes: { "attr1@1": "val1", "attr2@2": "val2" },
    options: option(RESOURCE_KEYS),
    annotations: undefined,
    metadata: { default: { "attr1@1": "val1", "attr2@2": "val2" } },
  },
  {
    name: "configured keys are indexed, keys rewritten (TestSpanWithAttributesPartlyIndexed)",
    attributes: { "attr1@1": "val1", "attr2@2": "val2" },
    options: option(["attr1@1", "not_exist"]),
    annotations: { attr1_1: "val1" },
    metadata: { default: expect.objectContaining({ "attr2@2": "val2" }) },
  },
  {
    name: "keys listed in aws.xray.annotations are indexed (TestSpanWithAnnotationsAttribute)",
    attributes: {
      "attr1@1": "val1",
      "attr2@2": "val2",
      "aws.xray.annotations": ["attr2@2", "not_exist"],
    },
    options: option([]),
    annotations: { attr2_2: "val2" },
    metadata: { default: expect.objectContaining({ "attr1@1": "val1" }) },
  },
  {
    name: "index all attributes (TestSpanWithAttributesAllIndexed)",
    attributes: { "attr1@1": "val1", "attr2@2": "val2" },
    options: option(["attr1@1", "not_exist"], true),
    annotations: expect.objectContaining({ attr1_1: "val1", attr2_2: "val2" }),
    metadata: {
      default: expect.objectContaining({ "otel.resource.map.key": { key1: 1, key2: "value" } }),
    },
  },
  {
    name: "aws.xray.metadata.<namespace> JSON objects become namespaces (TestSpanWithAttributesSegmentMetadata)",
    attributes: {
      "attr1@1": "val1",
      "aws.xray.metadata.default": '{"custom_key": "custom_value"}',
      "aws.xray.metadata.http": '{"connection":{"reused":false,"was_idle":false}}',
      "aws.xray.metadata.non-xray-sdk": "retain-value",
    },
    options: option([]),
    annotations: undefined,
    metadata: {
      default: expect.objectContaining({
        "attr1@1": "val1",
        custom_key: "custom_value",
        "aws.xray.metadata.non-xray-sdk": "retain-value",
      }),
      http: { connection: { reused: false, was_idle: false } },
    },
  },
  {
    name: "scalar resource attributes can be indexed; maps and arrays stay metadata (TestResourceAttributesCanBeIndexed)",
    attributes: {},
    options: option(RESOURCE_KEYS),
    annotations: {
      otel_resource_string_key: "string",
      otel_resource_int_key: 10,
      otel_resource_double_key: 5.5,
      otel_resource_bool_key: true,
    },
    metadata: {
      default: expect.objectContaining({
        "otel.resource.map.key": { key1: 1, key2: "value" },
        "otel.resource.array.key": ["foo", "bar"],
      }),
    },
  },
  {
    name: "attributes a block used come back when listed (TestSpanWithSpecialAttributesAsListed)",
    attributes: { "aws.operation": "aws_operation_val", "rpc.method": "rpc_method_val" },
    options: option(["aws.operation", "rpc.method"]),
    annotations: { aws_operation: "aws_operation_val", rpc_method: "rpc_method_val" },
    metadata: { default: expect.not.objectContaining({ "aws.operation": expect.anything() }) },
  },
  {
    name: "attributes a block used are not indexed by index-all unless listed (TestSpanWithSpecialAttributesNotListedAndIndexAll)",
    attributes: { "aws.operation": "val1", "rpc.method": "val2" },
    options: option([], true),
    annotations: expect.not.objectContaining({ aws_operation: expect.anything() }),
    metadata: expect.anything(),
  },
  {
    name: "metadata keeps every value type as JSON; empty values are left out (TestFilteredAttributesMetadata)",
    attributes: {
      string_value: "value",
      int_value: 123,
      float_value: 456.78,
      bool_value: false,
      null_value: null,
      array_value: [12, 34, 56],
      map_value: {
        kind: "kvlist",
        entries: new Map<string, OtlpValue>([
          ["value1", -987.65],
          ["value2", true],
        ]),
      },
      bytes_value: { kind: "bytes", bytes: new Uint8Array([104, 105, 33]) },
    },
    options: option([]),
    annotations: undefined,
    metadata: {
      default: expect.objectContaining({
        string_value: "value",
        int_value: 123,
        float_value: 456.78,
        bool_value: false,
        array_value: [12, 34, 56],
        map_value: { value1: -987.65, value2: true },
        bytes_value: "aGkh",
      }),
    },
  },
];

describe("annotations and metadata (collector segment.go makeXRayAttributes)", () => {
  it.each(ROWS)("$name", ({ kind, attributes, options, annotations, metadata }) => {
    const document = translateSingle(
      otlpSpan({ kind: kind ?? "server", parentSpanId: PARENT_ID, attributes }),
      DEFAULT_RESOURCE,
      options,
    );
    expect(document.annotations).toEqual(annotations);
    expect(document.metadata).toEqual(metadata);
    expect(document.metadata?.default?.null_value).toBeUndefined();
  });

  it("makes aws.xray.metadata.<ns> a namespace only as a JSON object; per-key names stay in default", () => {
    // An internal span (a subsegment), as the sample backend's OpenTelemetry UserData span.
    const document = translateSingle(
      otlpSpan({
        kind: "internal",
        parentSpanId: PARENT_ID,
        attributes: {
          username: "andrewbrown",
          "aws.xray.metadata.UserData": '{"username":"andrewbrown","timestamp":"t"}',
          "aws.xray.metadata.Profile.username": "andrewbrown",
        },
      }),
    );
    expect(document.metadata).toEqual({
      UserData: { username: "andrewbrown", timestamp: "t" },
      default: {
        username: "andrewbrown",
        "aws.xray.metadata.Profile.username": "andrewbrown",
      },
    });
  });

  it("enduser.id becomes the user and leaves the metadata", () => {
    const document = translateSingle(
      otlpSpan({ attributes: { "enduser.id": "go.tester@example.com" } }),
    );
    expect(document.user).toBe("go.tester@example.com");
    expect(document.metadata).toBeUndefined();
  });

  it("keeps a __proto__ key as data, never as a prototype", () => {
    const document = translateSingle(
      otlpSpan({
        attributes: Object.fromEntries([
          ["__proto__", "x"],
          ["aws.xray.metadata.default", '{"__proto__":{"polluted":1}}'],
        ]),
      }),
      {},
      option(["__proto__"]),
    );
    expect(Object.getPrototypeOf(document.annotations)).toBe(Object.prototype);
    expect(Object.keys(document.annotations ?? {})).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("an indexed key a block took comes back after the other attributes, once", () => {
    const document = translateSingle(
      otlpSpan({
        attributes: { "http.method": "GET", first: "a", "db.system": "mysql", last: "z" },
      }),
      {},
      option(["db.system", "http.method", "db.system"]),
    );
    expect(document.http?.request?.method).toBe("GET");
    expect(document.sql?.database_type).toBe("mysql");
    expect(Object.keys(document.annotations ?? {})).toEqual(["db_system", "http_method"]);
    expect(document.annotations).toEqual({ db_system: "mysql", http_method: "GET" });
    expect(document.metadata).toEqual({ default: { first: "a", last: "z" } });
  });

  it.each([
    ["Key_1", "Key_1"],
    ["Key.1", "Key_1"],
    ["Key@1", "Key_1"],
  ])("annotationKey(%j) is %j (TestFixAnnotationKey)", (key, expected) => {
    expect(annotationKey(key)).toBe(expected);
  });
});

describe("attribute values nested without end", () => {
  it("keeps the document within the depth the parser accepts and says what was left out", () => {
    let deep: OtlpValue = "bottom";
    for (let level = 0; level < 5000; level++) deep = [deep];
    const document = translateSingle(otlpSpan({ attributes: { deep } }));
    const text = JSON.stringify(document);
    expect(text).toContain(TOO_DEEP_NOTE);
    expect(text).not.toContain("bottom");
  });
});
