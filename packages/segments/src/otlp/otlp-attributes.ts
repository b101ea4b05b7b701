/**
 * Attribute names the translator reads: OpenTelemetry semantic conventions (old and new HTTP
 * names), the AWS ones from the collector's `internal/aws/xray/awsxray.go`, and ADOT's
 * X-Ray-only span attributes.
 */

export const AWS_LOCAL_SERVICE = "aws.local.service";
export const AWS_REMOTE_SERVICE = "aws.remote.service";
export const AWS_REMOTE_OPERATION = "aws.remote.operation";
export const AWS_REMOTE_TARGET = "remoteTarget";
export const AWS_SPAN_KIND = "aws.span.kind";
export const K8S_REMOTE_NAMESPACE = "K8s.RemoteNamespace";
export const LOCAL_ROOT = "LOCAL_ROOT";

export const AWS_SERVICE = "aws.service";
export const AWS_OPERATION = "aws.operation";
export const AWS_ACCOUNT = "aws.account_id";
export const AWS_REGION = "aws.region";
export const AWS_REQUEST_ID = ["aws.request_id", "aws.requestId"] as const;
export const AWS_QUEUE_URL = ["aws.queue_url", "aws.queue.url"] as const;
export const AWS_TABLE_NAME = ["aws.table_name", "aws.table.name"] as const;
export const AWS_DYNAMODB_TABLE_NAMES = "aws.dynamodb.table_names";
export const MESSAGING_URL = "messaging.url";
export const XRAY_ANNOTATIONS = "aws.xray.annotations";
export const XRAY_METADATA_PREFIX = "aws.xray.metadata.";

export const PEER_SERVICE = "peer.service";
export const RPC_SYSTEM = "rpc.system";
export const RPC_SERVICE = "rpc.service";
export const RPC_METHOD = "rpc.method";
export const AWS_API_RPC_SYSTEM = "aws-api";
export const DB_SYSTEM = "db.system";
export const DB_NAME = "db.name";
export const DB_CONNECTION_STRING = "db.connection_string";
export const DB_STATEMENT = "db.statement";
export const DB_USER = "db.user";
export const HTTP_HOST = "http.host";
export const NET_PEER_NAME = "net.peer.name";
export const ENDUSER_ID = "enduser.id";
export const HTTP_STATUS_CODE = "http.status_code";
export const HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
export const HTTP_STATUS_TEXT = "http.status_text";

export const SERVICE_NAME = "service.name";
export const TELEMETRY_SDK_LANGUAGE = "telemetry.sdk.language";
