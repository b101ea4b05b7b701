/**
 * The `aws` block, `origin` and `service` (collector `aws.go` `makeAws`, `segment.go`
 * `determineAwsOrigin`, `service.go` `makeService`). Resource attributes describe where the
 * service runs (EC2, ECS, Elastic Beanstalk, EKS, CloudWatch log groups, the SDK); span
 * attributes the AWS call (`aws.operation` or `rpc.method`, account, region, request id,
 * queue URL, DynamoDB tables). A resource whose `cloud.provider` is not `aws` gets no block.
 * The span attributes it uses are marked taken.
 */

import { type SpanAttributes, stringAttribute } from "./attribute-values.ts";
import {
  AWS_ACCOUNT,
  AWS_DYNAMODB_TABLE_NAMES,
  AWS_OPERATION,
  AWS_QUEUE_URL,
  AWS_REGION,
  AWS_REQUEST_ID,
  AWS_TABLE_NAME,
  MESSAGING_URL,
  RPC_METHOD,
} from "./otlp-attributes.ts";
import type { OtlpAttributes, OtlpValue } from "./otlp-model.ts";
import { compactObject } from "./plain-objects.ts";

/** `cloud.platform` values and the origin each gives. */
const ORIGINS: ReadonlyMap<string, string> = new Map([
  ["aws_app_runner", "AWS::AppRunner::Service"],
  ["aws_eks", "AWS::EKS::Container"],
  ["aws_elastic_beanstalk", "AWS::ElasticBeanstalk::Environment"],
  ["aws_ec2", "AWS::EC2::Instance"],
]);
const ECS_ORIGINS: ReadonlyMap<string, string> = new Map([
  ["ec2", "AWS::ECS::EC2"],
  ["fargate", "AWS::ECS::Fargate"],
]);
const ECS_ORIGIN = "AWS::ECS::Container";

/** The block's fields for the call itself; a LOCAL_ROOT service segment drops them. */
export const AWS_CALL_FIELDS = [
  "operation",
  "account_id",
  "region",
  "request_id",
  "queue_url",
  "table_name",
  "table_names",
] as const;

/** `cloud.provider` is absent or `aws`: the resource may get an origin and an `aws` block. */
export function isAwsResource(resource: OtlpAttributes): boolean {
  const provider = stringAttribute(resource, "cloud.provider");
  return provider === undefined || provider === "aws";
}

export function awsOrigin(resource: OtlpAttributes): string | undefined {
  if (!isAwsResource(resource)) return undefined;
  const platform = stringAttribute(resource, "cloud.platform");
  if (platform === undefined) return undefined;
  if (platform === "aws_ecs") {
    const launchType = stringAttribute(resource, "aws.ecs.launchtype");
    return (launchType === undefined ? undefined : ECS_ORIGINS.get(launchType)) ?? ECS_ORIGIN;
  }
  return ORIGINS.get(platform);
}

/** `service.version`, or else `container.image.tag`, as `service.version`. */
export function serviceBlock(resource: OtlpAttributes): { version: string } | undefined {
  const version =
    stringAttribute(resource, "service.version") ??
    stringAttribute(resource, "container.image.tag");
  return version === undefined ? undefined : { version };
}

/**
 * The part of the `aws` block the resource alone decides (where the service runs, the SDK),
 * in the order the JSON shows it, and the resource's account; `undefined` for a resource
 * that is not on AWS. The same for every span of the resource, so built once per resource.
 */
export interface ResourceAws {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly accountId: string | undefined;
}

export function resourceAws(resource: OtlpAttributes): ResourceAws | undefined {
  if (!isAwsResource(resource)) return undefined;
  const platform = stringAttribute(resource, "cloud.platform");
  const hostId = stringAttribute(resource, "host.id");
  const containerId = stringAttribute(resource, "container.id");
  const clusterName = stringAttribute(resource, "k8s.cluster.name");
  const deployId = stringAttribute(resource, "service.instance.id");
  const fields = compactObject({
    elastic_beanstalk:
      platform === "aws_elastic_beanstalk" && deployId !== undefined
        ? compactObject({
            environment_name: stringAttribute(resource, "service.namespace"),
            version_label: stringAttribute(resource, "service.version"),
            deployment_id: /^[+-]?\d+$/.test(deployId) ? Number.parseInt(deployId, 10) : 0,
          })
        : undefined,
    cloudwatch_logs: logGroups(resource),
    ecs:
      platform === "aws_ecs"
        ? compactObject({
            container: stringAttribute(resource, "container.name"),
            container_id: containerId,
            task_arn: stringAttribute(resource, "aws.ecs.task.arn"),
            task_family: stringAttribute(resource, "aws.ecs.task.family"),
            cluster_arn: stringAttribute(resource, "aws.ecs.cluster.arn"),
            container_arn: stringAttribute(resource, "aws.ecs.container.arn"),
            availability_zone: stringAttribute(resource, "cloud.availability_zone"),
            launch_type: stringAttribute(resource, "aws.ecs.launchtype"),
          })
        : undefined,
    ec2:
      platform === "aws_ec2" || hostId !== undefined
        ? compactObject({
            instance_id: hostId,
            availability_zone: stringAttribute(resource, "cloud.availability_zone"),
            instance_size: stringAttribute(resource, "host.type"),
            ami_id: stringAttribute(resource, "host.image.id"),
          })
        : undefined,
    eks:
      platform === "aws_eks" || clusterName !== undefined
        ? compactObject({
            cluster_name: clusterName,
            pod: stringAttribute(resource, "k8s.pod.name"),
            container_id: containerId,
          })
        : undefined,
    xray: xrayBlock(resource),
  });
  return { fields: deepFreeze(fields), accountId: stringAttribute(resource, "cloud.account.id") };
}

/**
 * The `aws` block of one span: the resource's part (its sub-blocks shared, frozen, by every
 * document of the resource) and the call's fields. The call's attributes are marked taken
 * even when the resource is not on AWS.
 */
export function awsBlock(
  attributes: SpanAttributes,
  resource: ResourceAws | undefined,
): Record<string, unknown> | undefined {
  const call = awsCall(attributes);
  if (resource === undefined) return undefined;
  const block: Record<string, unknown> = { ...resource.fields };
  const account = call.account ?? resource.accountId;
  if (account !== undefined) block.account_id = account;
  if (call.operation !== undefined) block.operation = call.operation;
  if (call.region !== undefined) block.region = call.region;
  if (call.requestId !== undefined) block.request_id = call.requestId;
  if (call.queueUrl !== undefined) block.queue_url = call.queueUrl;
  if (call.tableName !== undefined) block.table_name = call.tableName;
  if (call.tableNames !== undefined) block.table_names = call.tableNames;
  return block;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

interface AwsCall {
  operation?: string | undefined;
  account?: string | undefined;
  region?: string | undefined;
  requestId?: string | undefined;
  queueUrl?: string | undefined;
  tableName?: string | undefined;
  tableNames?: string[] | undefined;
}

/** The last of `keys` that holds a non-empty string; every one of them is marked taken. */
function take({ all, taken }: SpanAttributes, keys: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const key of keys) {
    if (!all.has(key)) continue;
    found = stringAttribute(all, key) ?? found;
    taken.push(key);
  }
  return found;
}

const OPERATION_KEYS = [AWS_OPERATION, RPC_METHOD];
const ACCOUNT_KEYS = [AWS_ACCOUNT];
const REGION_KEYS = [AWS_REGION];

function awsCall(attributes: SpanAttributes): AwsCall {
  const all = attributes.all;
  const operation = stringAttribute(all, AWS_OPERATION) ?? stringAttribute(all, RPC_METHOD);
  take(attributes, OPERATION_KEYS);
  const call: AwsCall = {
    operation,
    account: take(attributes, ACCOUNT_KEYS),
    region: take(attributes, REGION_KEYS),
    requestId: take(attributes, AWS_REQUEST_ID),
    queueUrl: take(attributes, AWS_QUEUE_URL),
    tableName: take(attributes, AWS_TABLE_NAME),
  };
  // The semantic conventions win over the older AWS names for SQS and DynamoDB.
  call.queueUrl = stringAttribute(all, MESSAGING_URL) ?? call.queueUrl;
  const tables = all.get(AWS_DYNAMODB_TABLE_NAMES);
  if (typeof tables === "string") call.tableName = tables;
  else if (Array.isArray(tables)) {
    const names = (tables as readonly OtlpValue[]).filter(
      (name): name is string => typeof name === "string",
    );
    if (names.length === 1) call.tableName = names[0];
    else if (names.length > 1) {
      call.tableName = undefined;
      call.tableNames = names;
    }
  }
  return call;
}

/** The SDK: `telemetry.sdk.name` plus ` for <language>` unless the name already says it. */
function xrayBlock(resource: OtlpAttributes): Record<string, unknown> {
  const name = stringAttribute(resource, "telemetry.sdk.name");
  const language = stringAttribute(resource, "telemetry.sdk.language");
  const suffix = ` for ${language ?? ""}`;
  const sdk =
    name !== undefined &&
    language !== undefined &&
    !name.toLowerCase().endsWith(suffix.toLowerCase())
      ? name + suffix
      : name;
  return compactObject({
    sdk,
    sdk_version: stringAttribute(resource, "telemetry.sdk.version"),
    auto_instrumentation: stringAttribute(resource, "telemetry.auto.version") !== undefined,
  });
}

/** `aws.log.group.arns` (names taken from the ARNs), else `aws.log.group.names`. */
function logGroups(resource: OtlpAttributes): Record<string, string>[] | undefined {
  const arns = stringList(resource.get("aws.log.group.arns"));
  if (arns.length > 0) return arns.map((arn) => ({ log_group: logGroupFromArn(arn), arn }));
  const names = stringList(resource.get("aws.log.group.names"));
  return names.length > 0 ? names.map((name) => ({ log_group: name })) : undefined;
}

/** A string is a list of one (set from `OTEL_RESOURCE_ATTRIBUTES`); other values, none. */
function stringList(value: OtlpValue | undefined): string[] {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return [];
  return (value as readonly OtlpValue[]).map((item) => (typeof item === "string" ? item : ""));
}

/** The log group name is the 7th `:`-separated part of its ARN. */
function logGroupFromArn(arn: string): string {
  return arn.split(":")[6] ?? arn;
}
