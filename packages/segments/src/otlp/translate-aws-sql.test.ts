/** The `aws` and `sql` blocks, `origin` and `service` (collector aws_test.go, sql_test.go, segment_test.go). */

import { describe, expect, it } from "vitest";
import {
  DEFAULT_RESOURCE,
  NO_INDEXING,
  otlpSpan,
  PARENT_ID,
  traceRequest,
  translateSingle,
} from "../test-support/otlp-spans.ts";
import type { OtlpValue } from "./otlp-model.ts";
import { translateTraceRequest } from "./translate-spans.ts";

const ORIGIN_ROWS: readonly [string, Readonly<Record<string, OtlpValue>>, string | undefined][] = [
  ["not AWS (TestOriginNotAws)", { "cloud.provider": "gcp", "host.id": "instance-123" }, undefined],
  [
    "EC2 (TestOriginEc2)",
    { "cloud.provider": "aws", "cloud.platform": "aws_ec2", "host.id": "instance-123" },
    "AWS::EC2::Instance",
  ],
  [
    "ECS (TestOriginEcs)",
    { "cloud.provider": "aws", "cloud.platform": "aws_ecs", "container.name": "container-123" },
    "AWS::ECS::Container",
  ],
  [
    "ECS on EC2 (TestOriginEcsEc2)",
    { "cloud.provider": "aws", "cloud.platform": "aws_ecs", "aws.ecs.launchtype": "ec2" },
    "AWS::ECS::EC2",
  ],
  [
    "ECS on Fargate (TestOriginEcsFargate)",
    { "cloud.provider": "aws", "cloud.platform": "aws_ecs", "aws.ecs.launchtype": "fargate" },
    "AWS::ECS::Fargate",
  ],
  [
    "Beanstalk (TestOriginEb)",
    {
      "cloud.provider": "aws",
      "cloud.platform": "aws_elastic_beanstalk",
      "service.instance.id": "service-123",
    },
    "AWS::ElasticBeanstalk::Environment",
  ],
  [
    "EKS (TestOriginEks)",
    { "cloud.provider": "aws", "cloud.platform": "aws_eks", "k8s.cluster.name": "production" },
    "AWS::EKS::Container",
  ],
  [
    "App Runner (TestOriginAppRunner)",
    { "cloud.provider": "aws", "cloud.platform": "aws_app_runner" },
    "AWS::AppRunner::Service",
  ],
  ["no platform (TestOriginBlank)", { "cloud.provider": "aws" }, undefined],
  [
    "the platform wins over other hints (TestOriginPrefersInfraService)",
    { "cloud.provider": "aws", "cloud.platform": "aws_ec2", "k8s.cluster.name": "cluster-123" },
    "AWS::EC2::Instance",
  ],
];

function segment(
  attributes: Readonly<Record<string, OtlpValue>>,
  resource: Readonly<Record<string, OtlpValue>>,
) {
  return translateSingle(otlpSpan({ parentSpanId: PARENT_ID, attributes }), resource);
}

describe("origin, aws block and service (collector aws.go, segment.go, service.go)", () => {
  it.each(ORIGIN_ROWS)("origin: %s", (_, resource, origin) => {
    expect(segment({}, resource).origin).toBe(origin);
  });

  it("reads the call from span attributes and the place from the resource (TestAwsFromEc2Resource + DynamoDB)", () => {
    const document = segment(
      {
        "aws.operation": "PutItem",
        "aws.request_id": "75107C82-EC8A-4F75-883F-4440B491B0AB",
        "aws.table_name": "MyTable",
      },
      {
        "cloud.provider": "aws",
        "cloud.platform": "aws_ec2",
        "cloud.account.id": "123456789",
        "cloud.availability_zone": "us-east-1c",
        "host.id": "i-00f7c0bcb26da2a99",
        "host.type": "m5.xlarge",
        "host.image.id": "ami-0123",
      },
    );
    expect(document.aws).toEqual({
      ec2: {
        instance_id: "i-00f7c0bcb26da2a99",
        availability_zone: "us-east-1c",
        instance_size: "m5.xlarge",
        ami_id: "ami-0123",
      },
      xray: { auto_instrumentation: false },
      account_id: "123456789",
      operation: "PutItem",
      request_id: "75107C82-EC8A-4F75-883F-4440B491B0AB",
      table_name: "MyTable",
    });
    expect(
      Object.keys(document.metadata?.default ?? {}).every((key) =>
        key.startsWith("otel.resource."),
      ),
    ).toBe(true);
  });

  it.each([
    [{ "aws.table.name": "MyTable" }, { table_name: "MyTable" }],
    [{ "aws.requestId": "12345-request" }, { request_id: "12345-request" }],
    [
      { "aws.queue.url": "https://sqs/q", "messaging.url": "https://sqs/semconv" },
      { queue_url: "https://sqs/semconv" },
    ],
    [{ "aws.dynamodb.table_names": ["table1"] }, { table_name: "table1" }],
    [{ "aws.dynamodb.table_names": "table1" }, { table_name: "table1" }],
    [{ "aws.dynamodb.table_names": ["table1", "table2"] }, { table_names: ["table1", "table2"] }],
    [{ "rpc.method": "GetItem" }, { operation: "GetItem" }],
    [{ "rpc.method": "Incorrect", "aws.operation": "GetItem" }, { operation: "GetItem" }],
  ] as const)("call attributes %j give %j (aws_test.go)", (attributes, expected) => {
    expect(segment(attributes, {}).aws).toEqual({
      xray: { auto_instrumentation: false },
      ...expected,
    });
  });

  it("keeps aws.dynamodb.table_names in metadata too (TestSpanWithSingleDynamoDBTableHasTableName)", () => {
    expect(segment({ "aws.dynamodb.table_names": ["table1"] }, {}).metadata).toEqual({
      default: { "aws.dynamodb.table_names": ["table1"] },
    });
  });

  it("names the SDK with its language (TestJavaSDK, TestJavaAutoInstrumentation)", () => {
    const resource = {
      "telemetry.sdk.name": "opentelemetry",
      "telemetry.sdk.language": "java",
      "telemetry.sdk.version": "1.2.3",
    };
    expect(segment({}, resource).aws?.xray).toEqual({
      sdk: "opentelemetry for java",
      sdk_version: "1.2.3",
      auto_instrumentation: false,
    });
    expect(segment({}, { ...resource, "telemetry.auto.version": "1.0" }).aws?.xray).toMatchObject({
      auto_instrumentation: true,
    });
    expect(
      segment({}, { "telemetry.sdk.name": "X-Ray SDK for Java", "telemetry.sdk.language": "java" })
        .aws?.xray,
    ).toMatchObject({ sdk: "X-Ray SDK for Java" });
  });

  it("builds ECS, Beanstalk, EKS and log group blocks from the resource", () => {
    const ecs = segment(
      {},
      {
        "cloud.platform": "aws_ecs",
        "container.name": "c",
        "container.id": "cid",
        "aws.ecs.task.arn": "arn:task",
        "aws.ecs.launchtype": "fargate",
        "aws.log.group.arns": ["arn:aws:logs:us-east-1:123456789123:log-group:group1:*"],
      },
    ).aws;
    expect(ecs).toMatchObject({
      ecs: { container: "c", container_id: "cid", task_arn: "arn:task", launch_type: "fargate" },
      cloudwatch_logs: [
        { log_group: "group1", arn: "arn:aws:logs:us-east-1:123456789123:log-group:group1:*" },
      ],
    });
    const beanstalk = segment(
      {},
      {
        "cloud.platform": "aws_elastic_beanstalk",
        "service.instance.id": "23",
        "service.namespace": "production",
        "service.version": "v1",
      },
    );
    expect(beanstalk.aws?.elastic_beanstalk).toEqual({
      environment_name: "production",
      version_label: "v1",
      deployment_id: 23,
    });
    expect(beanstalk.service).toEqual({ version: "v1" });
    expect(segment({}, { "aws.log.group.names": "group2" }).aws?.cloudwatch_logs).toEqual([
      { log_group: "group2" },
    ]);
    expect(segment({}, DEFAULT_RESOURCE).aws?.eks).toEqual({
      cluster_name: "production",
      pod: "signup_aggregator-x82ufje83",
    });
  });

  it("takes the service version from container.image.tag without service.version", () => {
    expect(segment({}, { "container.image.tag": "v1" }).service).toEqual({ version: "v1" });
  });
});

describe("sql block (collector sql.go)", () => {
  it("fills sql for an SQL db.system and takes the db attributes out of metadata (TestClientSpanWithStatementAttribute)", () => {
    const document = translateSingle(
      otlpSpan({
        kind: "client",
        name: "call update_user_preference( ?, ?, ? )",
        parentSpanId: PARENT_ID,
        attributes: {
          "db.system": "mysql",
          "db.name": "customers",
          "db.statement": "SELECT * FROM user WHERE user_id = ?",
          "db.user": "readonly_user",
          "db.connection_string": "mysql://db.example.com:3306",
          "net.peer.name": "db.example.com",
          "enterprise.app.id": "25F2E73B-4769-4C79-9DF3-7EBE85D571EA",
        },
      }),
    );
    expect(document.sql).toEqual({
      url: "call update_user_preference( ?, ?, ? )",
      connection_string: "mysql://db.example.com:3306/customers",
      database_type: "mysql",
      user: "readonly_user",
      sanitized_query: "SELECT * FROM user WHERE user_id = ?",
    });
    // net.peer.name is one of the URL parts makeHTTP takes, so it leaves the metadata as in the collector.
    expect(document.metadata).toEqual({
      default: {
        "enterprise.app.id": "25F2E73B-4769-4C79-9DF3-7EBE85D571EA",
      },
    });
  });

  it("uses localhost without a connection string (TestClientSpanWithoutDBurlAttribute)", () => {
    const document = translateSingle(
      otlpSpan({
        kind: "client",
        parentSpanId: PARENT_ID,
        attributes: { "db.system": "postgresql", "db.name": "customers" },
      }),
    );
    expect(document.sql?.connection_string).toBe("localhost/customers");
  });

  it("leaves non-SQL databases without sql, their attributes in metadata (TestClientSpanWithNonSQLDatabase)", () => {
    const document = translateSingle(
      otlpSpan({
        kind: "client",
        parentSpanId: PARENT_ID,
        attributes: { "db.system": "redis", "db.name": "0", "db.statement": "SET key value" },
      }),
    );
    expect(document.sql).toBeUndefined();
    expect(document.metadata?.default).toMatchObject({
      "db.system": "redis",
      "db.statement": "SET key value",
    });
  });
});

describe("the resource's parts, built once per resource", () => {
  it("give each span of the resource its own aws block, metadata and annotations", () => {
    const resource = {
      "cloud.provider": "aws",
      "cloud.platform": "aws_ec2",
      "host.id": "i-0123",
      "service.version": "1.2",
      "telemetry.sdk.name": "opentelemetry",
    };
    const result = translateTraceRequest(
      traceRequest(
        [
          otlpSpan({ spanId: "1000000000000001", attributes: { "aws.region": "eu-west-1" } }),
          otlpSpan({
            spanId: "1000000000000002",
            attributes: { "aws.xray.annotations": ["k"], k: 1 },
          }),
        ],
        resource,
      ),
      "otlp-http-protobuf",
      true,
      NO_INDEXING,
    );
    const [first, second] = result.documents.map(({ document }) => document);
    expect(first?.aws).toMatchObject({ ec2: { instance_id: "i-0123" }, region: "eu-west-1" });
    expect(second?.aws).not.toHaveProperty("region");
    expect(second?.aws?.ec2).toEqual(first?.aws?.ec2);
    expect(first?.annotations).toBeUndefined();
    expect(second?.annotations).toEqual({ k: 1 });
    expect(first?.metadata?.default).not.toBe(second?.metadata?.default);
    expect(first?.metadata?.default).toMatchObject({ "otel.resource.host.id": "i-0123" });
    expect(second?.service).toEqual({ version: "1.2" });
  });
});
