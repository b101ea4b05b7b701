/**
 * The resource of a segment's spans: `service.name` from the segment's name, the service
 * version, the SDK (`aws.xray.sdk` → `telemetry.sdk.*`), where it runs (`origin` →
 * `cloud.provider`/`cloud.platform`, the `ec2`, `ecs`, `eks`, `elastic_beanstalk` objects →
 * `host.*`, `container.*`, `k8s.*`, `service.*`). The reverse of the collector's
 * `awsxrayreceiver` and of `aws-block.ts`.
 */

import type { SegmentDocument } from "../document.ts";
import type { OtlpValue } from "../otlp/otlp-model.ts";

/** X-Ray origins and the OpenTelemetry `cloud.platform` (plus ECS launch type) of each. */
export const ORIGIN_PLATFORMS: ReadonlyMap<string, { platform: string; launchType?: string }> =
  new Map([
    ["AWS::EC2::Instance", { platform: "aws_ec2" }],
    ["AWS::ECS::Container", { platform: "aws_ecs" }],
    ["AWS::ECS::EC2", { platform: "aws_ecs", launchType: "ec2" }],
    ["AWS::ECS::Fargate", { platform: "aws_ecs", launchType: "fargate" }],
    ["AWS::EKS::Container", { platform: "aws_eks" }],
    ["AWS::ElasticBeanstalk::Environment", { platform: "aws_elastic_beanstalk" }],
    ["AWS::AppRunner::Service", { platform: "aws_app_runner" }],
    ["AWS::Lambda::Function", { platform: "aws_lambda" }],
  ]);

/** `X-Ray for Node.js` → `nodejs`: the language an X-Ray SDK's name ends with. */
const SDK_LANGUAGES: ReadonlyArray<[string, string]> = [
  ["node.js", "nodejs"],
  ["nodejs", "nodejs"],
  ["java", "java"],
  ["python", "python"],
  ["go", "go"],
  [".net", "dotnet"],
  ["ruby", "ruby"],
];

/** Fields of the `aws` block's place objects, and the resource attribute each becomes. */
const PLACE_NAMES: ReadonlyArray<[string, string, string]> = [
  ["ec2", "instance_id", "host.id"],
  ["ec2", "instance_size", "host.type"],
  ["ec2", "ami_id", "host.image.id"],
  ["ec2", "availability_zone", "cloud.availability_zone"],
  ["ecs", "container", "container.name"],
  ["ecs", "container_id", "container.id"],
  ["ecs", "task_arn", "aws.ecs.task.arn"],
  ["ecs", "task_family", "aws.ecs.task.family"],
  ["ecs", "cluster_arn", "aws.ecs.cluster.arn"],
  ["ecs", "container_arn", "aws.ecs.container.arn"],
  ["eks", "cluster_name", "k8s.cluster.name"],
  ["eks", "pod", "k8s.pod.name"],
  ["eks", "container_id", "container.id"],
  ["elastic_beanstalk", "environment_name", "service.namespace"],
  ["elastic_beanstalk", "deployment_id", "service.instance.id"],
];

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function segmentResource(segment: SegmentDocument): Map<string, OtlpValue> {
  const out = new Map<string, OtlpValue>();
  out.set("service.name", segment.name);
  const version = text(segment.service?.version);
  if (version !== undefined) out.set("service.version", version);
  const origin = text(segment.origin);
  if (origin !== undefined) {
    out.set("cloud.provider", "aws");
    const known = ORIGIN_PLATFORMS.get(origin);
    if (known !== undefined) {
      out.set("cloud.platform", known.platform);
      if (known.launchType !== undefined) out.set("aws.ecs.launchtype", known.launchType);
    } else out.set("aws.xray.origin", origin);
  }
  const aws = segment.aws;
  if (aws !== undefined && typeof aws === "object") {
    const xray = aws.xray as Record<string, unknown> | undefined;
    const sdk = text(xray?.sdk);
    if (sdk !== undefined) {
      out.set("telemetry.sdk.name", sdk);
      const lower = sdk.toLowerCase();
      const language = SDK_LANGUAGES.find(([ending]) => lower.endsWith(ending))?.[1];
      if (language !== undefined) out.set("telemetry.sdk.language", language);
    }
    const sdkVersion = text(xray?.sdk_version);
    if (sdkVersion !== undefined) out.set("telemetry.sdk.version", sdkVersion);
    for (const [block, field, name] of PLACE_NAMES) {
      const value = text((aws[block] as Record<string, unknown> | undefined)?.[field]);
      if (value !== undefined) out.set(name, value);
    }
    const accountId = text(aws.account_id);
    if (accountId !== undefined) out.set("cloud.account.id", accountId);
  }
  return out;
}

/** The resource of an independent subsegment: only the service it belongs to is known. */
export function serviceResource(serviceName: string): Map<string, OtlpValue> {
  return new Map<string, OtlpValue>([["service.name", serviceName]]);
}
