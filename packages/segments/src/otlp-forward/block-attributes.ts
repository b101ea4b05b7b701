/**
 * The `http`, `sql` and `aws` blocks of an X-Ray document as OpenTelemetry semantic-convention
 * span attributes: the reverse of what the collector's `awsxrayreceiver` (and the sandbox's
 * own OTLP translator) reads. Fields without a convention keep their X-Ray name under
 * `aws.xray.<block>.` so nothing is lost.
 */

import type { DocumentFields } from "../document.ts";
import type { OtlpValue } from "../otlp/otlp-model.ts";
import { jsonToOtlpValue } from "./json-values.ts";

type Attributes = Map<string, OtlpValue>;

function put(out: Attributes, key: string, value: unknown): void {
  const converted = jsonToOtlpValue(value);
  if (converted !== undefined && converted !== null) out.set(key, converted);
}

/** `http.request` and `http.response`, with the stable HTTP conventions (v1.23+). */
export function httpAttributes(document: DocumentFields, out: Attributes): void {
  const request = document.http?.request;
  const response = document.http?.response;
  if (request !== undefined) {
    put(out, "http.request.method", request.method);
    put(out, "url.full", request.url);
    put(out, "user_agent.original", request.user_agent);
    put(out, "client.address", request.client_ip);
    if (request.x_forwarded_for === true) put(out, "aws.xray.http.x_forwarded_for", true);
    if (request.traced === true) put(out, "aws.xray.http.traced", true);
  }
  if (response !== undefined) {
    put(out, "http.response.status_code", response.status);
    put(out, "http.response.body.size", response.content_length);
  }
}

/** Names the collector's translator reads for a SQL call; the rest under `aws.xray.sql.`. */
const SQL_NAMES: Readonly<Record<string, string>> = {
  sanitized_query: "db.statement",
  user: "db.user",
  connection_string: "db.connection_string",
};

export function sqlAttributes(document: DocumentFields, out: Attributes): void {
  const sql = document.sql;
  if (sql === undefined || typeof sql !== "object") return;
  if (typeof sql.database_type === "string") {
    put(out, "db.system", sql.database_type.toLowerCase());
  }
  for (const [field, value] of Object.entries(sql)) {
    if (field === "database_type") continue;
    if (field === "url" && typeof sql.connection_string !== "string") {
      put(out, "db.connection_string", value);
      continue;
    }
    put(out, SQL_NAMES[field] ?? `aws.xray.sql.${field}`, value);
  }
}

/** The AWS SDK call fields of a subsegment's `aws` block. */
const AWS_CALL_NAMES: Readonly<Record<string, string>> = {
  operation: "aws.operation",
  region: "aws.region",
  account_id: "aws.account_id",
  request_id: "aws.request_id",
  queue_url: "aws.queue_url",
  table_name: "aws.table_name",
  table_names: "aws.dynamodb.table_names",
};

/** Where-it-runs objects of a segment's `aws` block: they belong to the resource. */
export const AWS_PLACE_FIELDS: ReadonlySet<string> = new Set([
  "ec2",
  "ecs",
  "eks",
  "elastic_beanstalk",
  "xray",
  "cloudwatch_logs",
]);

/**
 * A call's fields as `aws.*` and `rpc.*` attributes (an `aws` namespace subsegment also gets
 * `rpc.system = aws-api`, `rpc.service` = its name, `rpc.method` = the operation).
 */
export function awsCallAttributes(
  document: DocumentFields & { namespace?: string },
  out: Attributes,
): void {
  const aws = document.aws;
  if (document.namespace === "aws") {
    out.set("rpc.system", "aws-api");
    out.set("rpc.service", document.name);
    if (typeof aws?.operation === "string") out.set("rpc.method", aws.operation);
  }
  if (aws === undefined || typeof aws !== "object") return;
  for (const [field, value] of Object.entries(aws)) {
    if (AWS_PLACE_FIELDS.has(field)) continue;
    put(out, AWS_CALL_NAMES[field] ?? `aws.${field}`, value);
  }
}
