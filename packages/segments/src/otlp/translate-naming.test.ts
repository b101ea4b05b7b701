/** Names, namespaces and segment/subsegment (collector segment_test.go), one row per rule. */

import { describe, expect, it } from "vitest";
import {
  DEFAULT_RESOURCE,
  otlpSpan,
  PARENT_ID,
  translateSingle,
} from "../test-support/otlp-spans.ts";
import type { OtlpSpanKind, OtlpValue } from "./otlp-model.ts";
import { fixSegmentName } from "./segment-name.ts";

interface NameRow {
  readonly name: string;
  readonly kind: OtlpSpanKind;
  readonly spanName: string;
  readonly attributes: Readonly<Record<string, OtlpValue>>;
  readonly expected: { readonly name: string; readonly namespace?: string; readonly type?: string };
}

const HTTP_CLIENT = {
  "http.method": "POST",
  "http.scheme": "https",
  "http.host": "dynamodb.us-east-1.amazonaws.com",
  "http.target": "/",
};

const ROWS: readonly NameRow[] = [
  {
    name: "AWS SDK span: rpc.service is the name, namespace aws (TestClientSpanWithRpcAwsSdkClientAttributes)",
    kind: "client",
    spanName: "AmazonDynamoDB.getItem",
    attributes: {
      ...HTTP_CLIENT,
      "rpc.service": "DynamoDB",
      "rpc.method": "GetItem",
      "rpc.system": "aws-api",
    },
    expected: { name: "DynamoDB", namespace: "aws", type: "subsegment" },
  },
  {
    name: "aws.service is the name, namespace aws (TestClientSpanWithLegacyAwsSdkClientAttributes)",
    kind: "client",
    spanName: "AmazonDynamoDB.getItem",
    attributes: { ...HTTP_CLIENT, "aws.service": "DynamoDB", "aws.operation": "GetItem" },
    expected: { name: "DynamoDB", namespace: "aws", type: "subsegment" },
  },
  {
    name: "peer.service wins over aws.service, so no aws namespace (TestClientSpanWithPeerService)",
    kind: "client",
    spanName: "AmazonDynamoDB.getItem",
    attributes: { ...HTTP_CLIENT, "peer.service": "cats-table", "aws.service": "DynamoDB" },
    expected: { name: "cats-table", namespace: "remote", type: "subsegment" },
  },
  {
    name: "SERVER span: the resource's service.name (TestServerSpanWithInternalServerError)",
    kind: "server",
    spanName: "/api/locations",
    attributes: { "http.method": "POST" },
    expected: { name: "signup_aggregator" },
  },
  {
    name: "database: db.name@host of a jdbc connection string, namespace remote (TestClientSpanWithDbComponent)",
    kind: "client",
    spanName: "call update_user_preference( ?, ?, ? )",
    attributes: {
      "db.system": "mysql",
      "db.name": "customers",
      "db.connection_string": "jdbc:mysql://db.dev.example.com:3306",
      "net.peer.name": "db.dev.example.com",
    },
    expected: { name: "customers@db.dev.example.com", namespace: "remote", type: "subsegment" },
  },
  {
    name: "http.host before net.peer.name (TestClientSpanWithHttpHost)",
    kind: "client",
    spanName: "GET /",
    attributes: { "http.method": "GET", "http.host": "foo.com", "net.peer.name": "bar.com" },
    expected: { name: "foo.com", namespace: "remote", type: "subsegment" },
  },
  {
    name: "net.peer.name without http.host (TestClientSpanWithoutHttpHost)",
    kind: "client",
    spanName: "GET /",
    attributes: { "http.method": "GET", "net.peer.name": "bar.com" },
    expected: { name: "bar.com", namespace: "remote", type: "subsegment" },
  },
  {
    name: "rpc.service before net.peer.name (TestClientSpanWithRpcHost)",
    kind: "client",
    spanName: "GET /com.foo.AnimalService/GetCats",
    attributes: { "rpc.service": "com.foo.AnimalService", "net.peer.name": "bar.com" },
    expected: { name: "com.foo.AnimalService", namespace: "remote", type: "subsegment" },
  },
  {
    name: "aws.remote.service on a CLIENT span (TestClientSpanWithAwsRemoteServiceName)",
    kind: "client",
    spanName: "ABC.payment",
    attributes: { ...HTTP_CLIENT, "rpc.service": "ABC", "aws.remote.service": "PaymentService" },
    expected: { name: "PaymentService", namespace: "remote", type: "subsegment" },
  },
  {
    name: "AWS.SDK. prefix trimmed on AWS SDK spans (TestAwsSdkSpanWithDeprecatedAwsRemoteServiceName)",
    kind: "client",
    spanName: "DynamoDB.PutItem",
    attributes: {
      "rpc.system": "aws-api",
      "rpc.service": "DynamoDb",
      "aws.remote.service": "AWS.SDK.DynamoDb",
    },
    expected: { name: "DynamoDb", namespace: "aws", type: "subsegment" },
  },
  {
    name: "AWS:: prefix trimmed on AWS SDK spans (TestAwsSdkSpanWithAwsRemoteServiceName)",
    kind: "client",
    spanName: "DynamoDB.PutItem",
    attributes: { "rpc.system": "aws-api", "aws.remote.service": "AWS::DynamoDB" },
    expected: { name: "DynamoDB", namespace: "aws", type: "subsegment" },
  },
  {
    name: "aws.remote.service on a PRODUCER span gets namespace remote (TestProducerSpanWithAwsRemoteServiceName)",
    kind: "producer",
    spanName: "ABC.payment",
    attributes: { "rpc.service": "ABC", "aws.remote.service": "ProducerService" },
    expected: { name: "ProducerService", namespace: "remote", type: "subsegment" },
  },
  {
    name: "aws.local.service names a SERVER span (TestServerSpanWithAwsLocalServiceName)",
    kind: "server",
    spanName: "ABC.payment",
    attributes: {
      "aws.local.service": "PaymentLocalService",
      "aws.remote.service": "PaymentService",
    },
    expected: { name: "PaymentLocalService" },
  },
  {
    name: "INTERNAL child span: a subsegment named by the span, no namespace",
    kind: "internal",
    spanName: "compute <totals>",
    attributes: {},
    expected: { name: "compute totals", type: "subsegment" },
  },
];

describe("names and namespaces (collector segment.go MakeSegment)", () => {
  it.each(ROWS)("$name", ({ kind, spanName, attributes, expected }) => {
    const document = translateSingle(
      otlpSpan({ kind, name: spanName, parentSpanId: PARENT_ID, attributes }),
      DEFAULT_RESOURCE,
    );
    expect({ name: document.name, namespace: document.namespace, type: document.type }).toEqual({
      namespace: undefined,
      type: undefined,
      ...expected,
    });
  });

  it("makes a parentless PRODUCER span a segment (TestSpanNoParentId)", () => {
    const document = translateSingle(otlpSpan({ kind: "producer", name: "my-topic send" }));
    expect(document.type).toBeUndefined();
    expect(document.parent_id).toBeUndefined();
  });

  it.each([
    ["EP @ test_15.testing-d\u00F6main.org#GO", "EP @ test_15.testing-d\u00F6main.org#GO"],
    ["<subDomain>.example.com,1413", "subDomain.example.com1413"],
    ["<>", "span"],
    ["x".repeat(250), "x".repeat(200)],
  ])("fixSegmentName(%j) is %j (TestFixSegmentName)", (input, expected) => {
    expect(fixSegmentName(input)).toBe(expected);
  });
});
