/**
 * A document's `name` and `namespace` (collector `segment.go`, `MakeSegment`). X-Ray names
 * are service names where span names are operations, so the name comes from the first of:
 * `aws.local.service` (SERVER, or INTERNAL local root), `aws.remote.service` (CLIENT,
 * PRODUCER, CONSUMER), `peer.service`, `aws.service` (namespace `aws`), `db.name@host`,
 * the resource's `service.name` (SERVER only), `rpc.service`, `http.host`, `net.peer.name`,
 * and last the span name with characters X-Ray does not allow removed. An AWS SDK span
 * (`rpc.system = aws-api`) is in namespace `aws`; other CLIENT spans in `remote`.
 */

import { stringAttribute } from "./attribute-values.ts";
import {
  AWS_API_RPC_SYSTEM,
  AWS_LOCAL_SERVICE,
  AWS_REMOTE_SERVICE,
  AWS_SERVICE,
  AWS_SPAN_KIND,
  DB_CONNECTION_STRING,
  DB_NAME,
  HTTP_HOST,
  LOCAL_ROOT,
  NET_PEER_NAME,
  PEER_SERVICE,
  RPC_SERVICE,
  RPC_SYSTEM,
} from "./otlp-attributes.ts";
import type { OtlpAttributes, OtlpSpan, OtlpSpanKind } from "./otlp-model.ts";
import { urlHostname } from "./url-parts.ts";

/** Characters outside X-Ray's segment name alphabet (the collector's regular expression). */
const INVALID_NAME_CHARACTERS = /[^ 0-9\p{L}N_.:/%&#=+\-@]/gu;
const MAX_NAME_LENGTH = 200;
const DEFAULT_NAME = "span";

interface NameAndNamespace {
  readonly name: string;
  readonly namespace: string | undefined;
}

export function segmentNameAndNamespace(
  span: OtlpSpan,
  serviceName: string | undefined,
): NameAndNamespace {
  const attributes = span.attributes;
  const sdkSpan = isAwsSdkSpan(attributes);
  let namespace: string | undefined = sdkSpan ? "aws" : undefined;
  let name = attributeName(span);
  if (name === undefined) {
    const awsService = stringAttribute(attributes, AWS_SERVICE);
    if (awsService !== undefined) {
      name = awsService;
      namespace ??= "aws";
    }
  }
  name ??=
    databaseName(attributes) ??
    (span.kind === "server" ? serviceName : undefined) ??
    stringAttribute(attributes, RPC_SERVICE) ??
    stringAttribute(attributes, HTTP_HOST) ??
    stringAttribute(attributes, NET_PEER_NAME) ??
    fixSegmentName(span.name);
  if (namespace === undefined && span.kind === "client") namespace = "remote";
  return { name, namespace };
}

/** The names a user or ADOT set on purpose: the X-Ray-only attributes, then `peer.service`. */
function attributeName(span: OtlpSpan): string | undefined {
  const attributes = span.attributes;
  let name: string | undefined;
  if (span.kind === "server") name = stringAttribute(attributes, AWS_LOCAL_SERVICE);
  if (span.kind === "internal" && stringAttribute(attributes, AWS_SPAN_KIND) === LOCAL_ROOT) {
    name = stringAttribute(attributes, AWS_LOCAL_SERVICE) ?? name;
  }
  if (isDependencyKind(span.kind)) {
    const remote = stringAttribute(attributes, AWS_REMOTE_SERVICE);
    if (remote !== undefined) name = trimAwsSdkPrefix(remote, attributes);
  }
  return name ?? stringAttribute(attributes, PEER_SERVICE);
}

/** `<db.name>@<host of db.connection_string>`, a leading `jdbc:` ignored. */
function databaseName(attributes: OtlpAttributes): string | undefined {
  const database = stringAttribute(attributes, DB_NAME);
  if (database === undefined) return undefined;
  const connection = stringAttribute(attributes, DB_CONNECTION_STRING);
  if (connection === undefined) return database;
  const host = urlHostname(connection.startsWith("jdbc:") ? connection.slice(5) : connection);
  return host === "" ? database : `${database}@${host}`;
}

export function isDependencyKind(kind: OtlpSpanKind): boolean {
  return kind === "client" || kind === "producer" || kind === "consumer";
}

export function isAwsSdkSpan(attributes: OtlpAttributes): boolean {
  return stringAttribute(attributes, RPC_SYSTEM) === AWS_API_RPC_SYSTEM;
}

/** `AWS.SDK.S3` and `AWS::S3` become `S3`, for AWS SDK spans only. */
export function trimAwsSdkPrefix(name: string, attributes: OtlpAttributes): string {
  if (!isAwsSdkSpan(attributes)) return name;
  if (name.startsWith("AWS.SDK.")) return name.slice("AWS.SDK.".length);
  if (name.startsWith("AWS::")) return name.slice("AWS::".length);
  return name;
}

/** The span name with disallowed characters removed, at most 200 characters, or `span`. */
export function fixSegmentName(name: string): string {
  const kept = Array.from(name.replace(INVALID_NAME_CHARACTERS, ""));
  if (kept.length === 0) return DEFAULT_NAME;
  return kept.slice(0, MAX_NAME_LENGTH).join("");
}
