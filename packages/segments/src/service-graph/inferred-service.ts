import type { SubsegmentDocument } from "../document.ts";

/** The downstream a subsegment calls, as X-Ray names it when no segment of its own answers. */
export interface InferredService {
  readonly name: string;
  readonly type: string;
}

interface AwsResource {
  readonly field: string;
  readonly type: string;
  readonly name: (value: string) => string;
}

interface AwsService {
  readonly name: string;
  readonly resource?: AwsResource;
}

const AWS_SERVICES: Readonly<Record<string, AwsService>> = {
  dynamodb: {
    name: "DynamoDB",
    resource: { field: "table_name", type: "AWS::DynamoDB::Table", name: (table) => table },
  },
  s3: {
    name: "S3",
    resource: { field: "bucket_name", type: "AWS::S3::Bucket", name: (bucket) => bucket },
  },
  sqs: {
    name: "SQS",
    resource: { field: "queue_url", type: "AWS::SQS::Queue", name: queueName },
  },
  sns: { name: "SNS" },
  lambda: { name: "Lambda" },
};

/**
 * The service a subsegment calls when it is an `aws` call, a `remote` HTTP call or a `remote`
 * SQL query; undefined for local work.
 */
export function inferredService(subsegment: SubsegmentDocument): InferredService | undefined {
  if (subsegment.namespace === "aws") return awsService(subsegment);
  if (subsegment.namespace !== "remote") return undefined;
  if (subsegment.sql !== undefined) return sqlDatabase(subsegment);
  const url = subsegment.http?.request?.url;
  const host = url === undefined ? undefined : hostOf(url);
  return { name: host || subsegment.name, type: "remote" };
}

function awsService(subsegment: SubsegmentDocument): InferredService {
  const known = AWS_SERVICES[awsServiceKey(subsegment.name)];
  if (known === undefined) return { name: subsegment.name, type: `AWS::${subsegment.name}` };
  const value = known.resource === undefined ? undefined : subsegment.aws?.[known.resource.field];
  if (known.resource !== undefined && typeof value === "string" && value !== "") {
    return { name: known.resource.name(value), type: known.resource.type };
  }
  return { name: known.name, type: `AWS::${known.name}` };
}

/** `DynamoDB` (Node), `dynamodb` (Python), `AmazonDynamoDBv2` (Java) all give `dynamodb`. */
function awsServiceKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/^(amazon|aws)/, "")
    .replace(/v2$/, "");
}

function queueName(queueUrl: string): string {
  const path = queueUrl.split(/[?#]/, 1)[0] ?? queueUrl;
  const last = path
    .split("/")
    .filter((part) => part !== "")
    .pop();
  return last ?? queueUrl;
}

/** SDKs name SQL subsegments `database@host`; the url is the fallback. */
function sqlDatabase(subsegment: SubsegmentDocument): InferredService {
  const url = subsegment.sql?.url;
  const name = subsegment.name || (url === undefined ? "" : withoutCredentials(url)) || "SQL";
  const host = url === undefined ? "" : hostOf(url);
  const onRds = /\.rds\.amazonaws\.com$/.test(host) || /\.rds\.amazonaws\.com$/.test(name);
  return { name, type: onRds ? "AWS::RDS::DBInstance" : "Database::SQL" };
}

const AUTHORITY = /^(?:[a-z][a-z0-9+.:-]*:\/\/)?(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i;

/** The host name of a URL (no port, no credentials), lower-cased; "" when there is none. */
export function hostOf(url: string): string {
  const match = AUTHORITY.exec(url.trim());
  return (match?.[1] ?? "").toLowerCase();
}

function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.:-]*:\/\/)[^@/?#]*@/i, "$1").split(/[?#]/, 1)[0] ?? url;
}
