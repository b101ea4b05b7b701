/** ADOT local roots and span links (collector segment_test.go TestLocalRoot*, TestNotLocalRoot*). */

import { describe, expect, it } from "vitest";
import type { TopLevelDocument } from "../document.ts";
import {
  DEFAULT_RESOURCE,
  otlpSpan,
  PARENT_ID,
  SPAN_ID,
  translateOne,
  translateSingle,
} from "../test-support/otlp-spans.ts";
import type { OtlpLink, OtlpSpanKind, OtlpValue } from "./otlp-model.ts";
import type { TranslateOptions } from "./translate-contract.ts";

/** The collector's `getBasicAttributes`. */
const BASIC_ATTRIBUTES: Readonly<Record<string, OtlpValue>> = {
  "http.method": "POST",
  "messaging.operation": "receive",
  "otel.resource.attributes": "service.name=myTest",
  "aws.span.kind": "LOCAL_ROOT",
  "aws.remote.service": "myRemoteService",
  "aws.remote.operation": "myRemoteOperation",
  remoteTarget: "myTarget",
  "K8s.RemoteNamespace": "k8sRemoteNamespace",
  "aws.local.service": "myLocalService",
  "aws.local.operation": "awsLocalOperation",
  myAnnotationKey: "myAnnotationValue",
  "aws.operation": "UpdateItem",
  "aws.account_id": "AWSAccountAttribute",
  "aws.region": "AWSRegionAttribute",
  "aws.request_id": "AWSRequestIDAttribute",
  "aws.queue_url": "AWSQueueURLAttribute",
  "aws.table_name": "TableName",
};

/** The collector's `getBasicResource`. */
const BASIC_RESOURCE: Readonly<Record<string, OtlpValue>> = {
  ...DEFAULT_RESOURCE,
  "telemetry.sdk.name": "MySDK",
  "telemetry.sdk.version": "1.20.0",
  "telemetry.auto.version": "1.2.3",
};

const INDEXED: TranslateOptions = {
  indexAllAttributes: false,
  indexedAttributes: ["aws.remote.service", "myAnnotationKey"],
};

const LINK: OtlpLink = {
  traceId: "11112222333344445555666677778888",
  spanId: "9999aaaabbbbcccc",
  traceState: "",
  attributes: new Map(),
};

const XRAY = { sdk: "MySDK", sdk_version: "1.20.0", auto_instrumentation: true };

function localRoot(kind: OtlpSpanKind, extra: Readonly<Record<string, OtlpValue>> = {}) {
  const span = otlpSpan({
    kind,
    name: "destination operation",
    parentSpanId: PARENT_ID,
    attributes: { ...BASIC_ATTRIBUTES, ...extra },
    links: [LINK],
  });
  return translateOne(span, BASIC_RESOURCE, INDEXED);
}

function expectServiceSegment(segment: TopLevelDocument | undefined): void {
  expect(segment).toMatchObject({
    name: "myLocalService",
    trace_id: "1-5759e988-bd862e3fe1be46a994272793",
    parent_id: PARENT_ID,
    annotations: { myAnnotationKey: "myAnnotationValue" },
    metadata: { default: { "otel.resource.attributes": "service.name=myTest" } },
    aws: { xray: XRAY },
  });
  expect(segment?.id).not.toBe(SPAN_ID);
  expect(segment?.type).toBeUndefined();
  expect(segment?.namespace).toBeUndefined();
  expect(segment?.http).toBeUndefined();
  expect(Object.keys(segment?.metadata?.default ?? {})).toHaveLength(1);
  for (const field of [
    "operation",
    "account_id",
    "region",
    "request_id",
    "queue_url",
    "table_name",
  ]) {
    expect(segment?.aws?.[field]).toBeUndefined();
  }
}

function expectDependencySubsegment(
  subsegment: TopLevelDocument | undefined,
  parent: string,
): void {
  expect(subsegment).toMatchObject({
    type: "subsegment",
    name: "myRemoteService",
    id: SPAN_ID,
    parent_id: parent,
    namespace: "remote",
    http: { request: { method: "POST" } },
    annotations: { aws_remote_service: "myRemoteService", myAnnotationKey: "myAnnotationValue" },
    metadata: {
      default: {
        "messaging.operation": "receive",
        "aws.span.kind": "LOCAL_ROOT",
        "aws.remote.operation": "myRemoteOperation",
        remoteTarget: "myTarget",
        "K8s.RemoteNamespace": "k8sRemoteNamespace",
        "aws.local.service": "myLocalService",
        "aws.local.operation": "awsLocalOperation",
        "otel.resource.attributes": "service.name=myTest",
      },
    },
    aws: {
      xray: XRAY,
      operation: "UpdateItem",
      account_id: "AWSAccountAttribute",
      region: "AWSRegionAttribute",
      request_id: "AWSRequestIDAttribute",
      queue_url: "AWSQueueURLAttribute",
      table_name: "TableName",
    },
  });
  expect(Object.keys(subsegment?.annotations ?? {})).toHaveLength(2);
  expect(Object.keys(subsegment?.metadata?.default ?? {})).toHaveLength(8);
}

describe("ADOT local roots (collector segment.go MakeSegmentsFromSpan)", () => {
  it.each([
    ["consumer", "segment"],
    ["client", "subsegment"],
    ["producer", "subsegment"],
  ] as const)(
    "a %s local root becomes a service segment and a dependency subsegment; links go on the %s",
    (kind, linksOn) => {
      const documents = localRoot(kind);
      expect(documents).toHaveLength(2);
      const [segment, subsegment] = documents;
      expectServiceSegment(segment);
      expectDependencySubsegment(subsegment, segment?.id ?? "");
      expect(segment?.start_time).toBe(subsegment?.start_time);
      expect(segment?.end_time).toBe(subsegment?.end_time);
      const link = [{ trace_id: "1-11112222-333344445555666677778888", id: "9999aaaabbbbcccc" }];
      expect(segment?.links).toEqual(linksOn === "segment" ? link : undefined);
      expect(subsegment?.links).toEqual(linksOn === "subsegment" ? link : undefined);
    },
  );

  it("keeps namespace aws on an AWS SDK dependency (TestLocalRootConsumerAWSNamespace)", () => {
    const [, subsegment] = localRoot("consumer", { "rpc.system": "aws-api" });
    expect(subsegment?.namespace).toBe("aws");
  });

  it("trims AWS.SDK. from the dependency's name (TestLocalRootClientAwsServiceMetrics)", () => {
    const [, subsegment] = localRoot("client", {
      "rpc.system": "aws-api",
      "rpc.service": "SQS",
      "aws.remote.service": "AWS.SDK.SQS",
    });
    expect(subsegment).toMatchObject({ type: "subsegment", name: "SQS", namespace: "aws" });
  });

  it("derives the same service segment id for the same span", () => {
    expect(localRoot("client")[0]?.id).toBe(localRoot("client")[0]?.id);
  });

  it.each([
    ["server", 30],
    ["internal", 8],
  ] as const)(
    "a %s local root is one segment, even with a parent (TestLocalRootServer/Internal)",
    (kind, metadataKeys) => {
      const documents = localRoot(kind);
      expect(documents).toHaveLength(1);
      const [segment] = documents;
      expect(segment).toMatchObject({
        name: "myLocalService",
        parent_id: PARENT_ID,
        http: { request: { method: "POST" } },
        annotations: {
          aws_remote_service: "myRemoteService",
          myAnnotationKey: "myAnnotationValue",
        },
        aws: { operation: "UpdateItem", table_name: "TableName" },
      });
      expect(segment?.type).toBeUndefined();
      expect(segment?.namespace).toBeUndefined();
      expect(segment?.links).toHaveLength(1);
      expect(Object.keys(segment?.metadata?.default ?? {})).toHaveLength(metadataKeys);
    },
  );

  it.each([
    ["Consumer", "consumer"],
    ["Client", "client"],
    ["Producer", "producer"],
  ] as const)(
    "aws.span.kind %s is not a local root: one remote subsegment (TestNotLocalRoot*)",
    (spanKind, kind) => {
      const [document, ...rest] = localRoot(kind, { "aws.span.kind": spanKind });
      expect(rest).toEqual([]);
      expect(document).toMatchObject({
        type: "subsegment",
        namespace: "remote",
        name: "myRemoteService",
      });
    },
  );

  it("an INTERNAL span that is not a local root is a subsegment named by the span (TestNotLocalRootInternal)", () => {
    const document = translateSingle(
      otlpSpan({
        kind: "internal",
        name: "MyService",
        parentSpanId: PARENT_ID,
        attributes: { ...BASIC_ATTRIBUTES, "aws.span.kind": "Internal" },
      }),
      BASIC_RESOURCE,
      INDEXED,
    );
    expect(document).toMatchObject({ type: "subsegment", name: "MyService" });
    expect(document.namespace).toBeUndefined();
  });

  it("keeps link attributes and leaves out links whose ids are invalid", () => {
    const document = translateSingle(
      otlpSpan({
        links: [
          { ...LINK, attributes: new Map<string, OtlpValue>([["kind", "follows"]]) },
          { ...LINK, traceId: "0".repeat(32) },
        ],
      }),
    );
    expect(document.links).toEqual([
      {
        trace_id: "1-11112222-333344445555666677778888",
        id: "9999aaaabbbbcccc",
        attributes: { kind: "follows" },
      },
    ]);
  });
});
