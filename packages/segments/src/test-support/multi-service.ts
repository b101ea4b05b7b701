/**
 * Traces of a small distributed system, as its SDKs would report them: a frontend calls an
 * orders backend over HTTP (the backend's segment names the frontend's call subsegment as
 * its parent), and the backend reads a DynamoDB table, queries a PostgreSQL database and
 * calls a payments API that sends no segments of its own.
 */

import { assembleTrace } from "../assemble-trace.ts";
import type { SegmentDocument, SubsegmentDocument, TopLevelDocument } from "../document.ts";
import { documentIndex } from "../document-index.ts";
import { parseDatagram } from "../parse-datagram.ts";
import type { AssembledTrace, StoredDocument } from "../trace.ts";
import type { SegmentId, TraceId } from "../units.ts";
import { epochSeconds, secondsToMillis } from "../units.ts";

/** What a call answers: 200, 404 (`error`), 429 (`throttle` + `error`), 500 (`fault`). */
export type Outcome = "ok" | "4xx" | "429" | "5xx";

export interface Latencies {
  readonly frontend: number;
  readonly backend: number;
  readonly dynamo: number;
  readonly sql: number;
  readonly payments: number;
}

export interface MultiServiceTraceOptions {
  /** Distinguishes traces: ids are derived from it. */
  readonly seq: number;
  /** When the frontend received the request, epoch seconds. */
  readonly start: number;
  /** What the backend answers; the frontend passes it on to its client. */
  readonly backend?: Outcome;
  readonly dynamo?: Outcome;
  readonly sql?: Outcome;
  readonly payments?: Outcome;
  /** Seconds each service or call takes. */
  readonly latency?: Partial<Latencies>;
}

/** The services the traces show, as the service graph should name them. */
export const MULTI_SERVICE = {
  frontend: { name: "web-frontend", type: "AWS::EC2::Instance" },
  backend: { name: "orders-api", type: "AWS::ECS::Container" },
  dynamo: { name: "orders", type: "AWS::DynamoDB::Table" },
  sql: { name: "orders@db.internal", type: "Database::SQL" },
  payments: { name: "payments.example.com", type: "remote" },
} as const;

export const DEFAULT_LATENCIES: Latencies = {
  frontend: 0.1,
  backend: 0.06,
  dynamo: 0.01,
  sql: 0.02,
  payments: 0.015,
};

/** Time between the frontend's call starting and the backend's segment starting. */
export const NETWORK_DELAY = 0.002;

export function multiServiceDocuments(options: MultiServiceTraceOptions): TopLevelDocument[] {
  const latency = { ...DEFAULT_LATENCIES, ...options.latency };
  const t0 = options.start;
  const traceId = traceIdFor(options.seq, t0);
  const id = (role: number): SegmentId => segmentIdFor(options.seq, role);
  const backendOutcome = options.backend ?? "ok";

  const callStart = t0 + 0.005;
  const backendStart = callStart + NETWORK_DELAY;
  const backendEnd = backendStart + latency.backend;
  const dynamoStart = backendStart + 0.001;
  const sqlStart = dynamoStart + latency.dynamo;
  const paymentsStart = sqlStart + latency.sql;

  const call: SubsegmentDocument = {
    id: id(2),
    name: "orders-api.internal",
    namespace: "remote",
    start_time: epochSeconds(callStart),
    end_time: epochSeconds(backendEnd + NETWORK_DELAY),
    traced: true,
    http: {
      request: { method: "POST", url: "http://orders-api.internal:8080/orders" },
      response: { status: statusOf(backendOutcome) },
    },
    ...flagsOf(backendOutcome),
  };
  const frontend: SegmentDocument = {
    trace_id: traceId,
    id: id(1),
    name: MULTI_SERVICE.frontend.name,
    origin: MULTI_SERVICE.frontend.type,
    start_time: epochSeconds(t0),
    end_time: epochSeconds(t0 + latency.frontend),
    http: {
      request: { method: "POST", url: "https://shop.example.com/checkout", client_ip: "10.0.0.1" },
      response: { status: statusOf(backendOutcome) },
    },
    ...flagsOf(backendOutcome),
    subsegments: [call],
  };

  const dynamoOutcome = options.dynamo ?? "ok";
  const dynamo: SubsegmentDocument = {
    id: id(4),
    name: "DynamoDB",
    namespace: "aws",
    start_time: epochSeconds(dynamoStart),
    end_time: epochSeconds(dynamoStart + latency.dynamo),
    aws: { operation: "GetItem", region: "eu-west-1", table_name: "orders", retries: 0 },
    http: { response: { status: dynamoOutcome === "429" ? 400 : statusOf(dynamoOutcome) } },
    ...flagsOf(dynamoOutcome),
  };
  const sqlOutcome = options.sql ?? "ok";
  const sql: SubsegmentDocument = {
    id: id(5),
    name: MULTI_SERVICE.sql.name,
    namespace: "remote",
    start_time: epochSeconds(sqlStart),
    end_time: epochSeconds(sqlStart + latency.sql),
    sql: {
      url: "db.internal:5432/orders",
      database_type: "PostgreSQL",
      user: "orders",
      sanitized_query: "SELECT * FROM line_items WHERE order_id = $1",
    },
    ...flagsOf(sqlOutcome),
  };
  const paymentsOutcome = options.payments ?? "ok";
  const payments: SubsegmentDocument = {
    id: id(6),
    name: "payments.example.com",
    namespace: "remote",
    start_time: epochSeconds(paymentsStart),
    end_time: epochSeconds(paymentsStart + latency.payments),
    http: {
      request: { method: "POST", url: "https://payments.example.com:8443/v1/charges" },
      response: { status: statusOf(paymentsOutcome) },
    },
    ...flagsOf(paymentsOutcome),
  };
  const local: SubsegmentDocument = {
    id: id(3),
    name: "validate-order",
    start_time: epochSeconds(backendStart),
    end_time: epochSeconds(dynamoStart),
  };
  const backend: SegmentDocument = {
    trace_id: traceId,
    id: id(7),
    parent_id: call.id,
    name: MULTI_SERVICE.backend.name,
    origin: MULTI_SERVICE.backend.type,
    start_time: epochSeconds(backendStart),
    end_time: epochSeconds(backendEnd),
    http: {
      request: { method: "POST", url: "http://orders-api.internal:8080/orders" },
      response: { status: statusOf(backendOutcome) },
    },
    ...flagsOf(backendOutcome),
    subsegments: [local, dynamo, sql, payments],
  };
  return [frontend, backend];
}

export function multiServiceTrace(options: MultiServiceTraceOptions): AssembledTrace {
  return traceOf(multiServiceDocuments(options));
}

/** Assembles documents of one trace, as the store would keep them. */
export function traceOf(documents: readonly TopLevelDocument[]): AssembledTrace {
  const first = documents[0];
  if (first === undefined) throw new Error("a trace needs at least one document");
  return assembleTrace(first.trace_id, documents.map(stored));
}

/** Parses datagrams and assembles one trace per trace id, in the order the ids first appear. */
export function tracesFromDatagrams(datagrams: readonly Uint8Array[]): AssembledTrace[] {
  const byTrace = new Map<TraceId, TopLevelDocument[]>();
  for (const bytes of datagrams) {
    const result = parseDatagram(bytes);
    if (!result.ok) continue;
    const documents = byTrace.get(result.document.trace_id) ?? [];
    documents.push(result.document);
    byTrace.set(result.document.trace_id, documents);
  }
  return [...byTrace.values()].map(traceOf);
}

function stored(document: TopLevelDocument): StoredDocument {
  const raw = JSON.stringify(document);
  const received = document.end_time ?? document.start_time;
  return {
    document,
    index: documentIndex(document),
    raw,
    bytes: raw.length,
    receivedAt: secondsToMillis(received),
    origin: undefined,
  };
}

function statusOf(outcome: Outcome): number {
  return { ok: 200, "4xx": 404, "429": 429, "5xx": 500 }[outcome];
}

function flagsOf(outcome: Outcome): { error?: true; throttle?: true; fault?: true } {
  if (outcome === "4xx") return { error: true };
  if (outcome === "429") return { error: true, throttle: true };
  if (outcome === "5xx") return { fault: true };
  return {};
}

function traceIdFor(seq: number, start: number): TraceId {
  const epoch = Math.floor(start).toString(16).padStart(8, "0");
  return `1-${epoch}-${seq.toString(16).padStart(24, "0")}` as TraceId;
}

function segmentIdFor(seq: number, role: number): SegmentId {
  return `${seq.toString(16).padStart(12, "0")}${role.toString(16).padStart(4, "0")}` as SegmentId;
}
