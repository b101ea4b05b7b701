/**
 * Segment documents shaped like the Node SDK's output (see the `run1-basic` and
 * `run2-streaming-default` fixtures): a root segment calling downstream services, their
 * segments (with `parent_id`), and subsegments streamed on their own, grown to a byte budget
 * with the content such documents carry (subsegments, SQL, metadata).
 */

import { Buffer } from "node:buffer";
import type { Shapes } from "./seeded-shapes.ts";

export const DATAGRAM_HEADER = '{"format":"json","version":1}\n';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Epoch seconds with millisecond precision, as the Node SDK writes them. */
function seconds(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const SERVICE = {
  runtime: "node",
  runtime_version: "v20.20.2",
  version: "unknown",
  name: "unknown",
};
const XRAY_SDK = {
  xray: {
    sdk: "X-Ray for Node.js",
    sdk_version: "3.12.0",
    package: "aws-xray-sdk-core",
    rule_name: "Default",
  },
};
const ROUTES = ["/checkout", "/cart", "/orders/42", "/user", "/search?q=lamp"] as const;
const DOWNSTREAMS = ["inventory-svc", "payments-svc", "pricing-svc"] as const;
const STREAMED = ["render-cart", "cache-lookup", "load-profile", "compute-totals"] as const;
const TABLES = ["orders", "carts", "users", "stock"] as const;

/** The outcomes a request can have, with the flags the Node SDK sets for each. */
function outcome(index: number): { status: number; flags: JsonObject } {
  if (index % 17 === 5) return { status: 500, flags: { fault: true } };
  if (index % 13 === 3) return { status: 404, flags: { error: true } };
  if (index % 29 === 7) return { status: 429, flags: { throttle: true, error: true } };
  return { status: 200, flags: {} };
}

function cause(shapes: Shapes, message: string): JsonObject {
  return {
    working_directory: "/srv/app",
    exceptions: [
      {
        message,
        type: "Error",
        stack: [
          { path: "/srv/app/src/handlers.js", line: shapes.int(10, 400), label: "handle" },
          { path: "/srv/app/node_modules/router/lib/layer.js", line: 169, label: "Layer.handle" },
          { path: "node", line: null, label: "process.processTicksAndRejections" },
        ],
        remote: false,
        id: shapes.hex(16),
      },
    ],
  };
}

/** Grows a document towards its byte budget with content of the kind such documents carry. */
interface Filler {
  add(shapes: Shapes, step: number): void;
  undo(): void;
}

function subsegmentFiller(doc: JsonObject, start: number): Filler {
  const list: Json[] = Array.isArray(doc.subsegments) ? doc.subsegments : [];
  doc.subsegments = list;
  return {
    add(shapes, step) {
      const table = shapes.pick(TABLES);
      const begin = seconds(start + 0.001 * step);
      const child: JsonObject = {
        id: shapes.hex(16),
        name: step % 3 === 0 ? `${table}@db.internal` : `step-${step}`,
        start_time: begin,
        end_time: seconds(begin + 0.001 * shapes.int(1, 9)),
      };
      if (step % 3 === 0) {
        child.namespace = "remote";
        child.sql = {
          url: `postgres://db.internal:5432/${table}`,
          sanitized_query: `SELECT * FROM ${table} WHERE id = $1`,
          database_type: "PostgreSQL",
          database_version: "16.2",
        };
      } else {
        child.metadata = { default: { rows: shapes.int(0, 50) } };
      }
      list.push(child);
    },
    undo() {
      list.pop();
    },
  };
}

function metadataFiller(doc: JsonObject): Filler {
  const items: Json[] = [];
  const metadata = (doc.metadata ?? {}) as Record<string, Json>;
  metadata.cart = { items };
  doc.metadata = metadata;
  return {
    add(shapes) {
      items.push({
        sku: `SKU-${shapes.int(10_000, 99_999)}`,
        qty: shapes.int(1, 5),
        price: shapes.int(100, 9_999) / 100,
        warehouse: shapes.pick(["eu-west-1a", "eu-west-1b", "us-east-1c"]),
      });
    },
    undo() {
      items.pop();
    },
  };
}

function byteLength(doc: JsonObject): number {
  return Buffer.byteLength(DATAGRAM_HEADER) + Buffer.byteLength(JSON.stringify(doc));
}

/**
 * Adds filler content while it fits the budget, then a note string that brings the document
 * to the budget. A document already over budget is left as it is.
 */
function padTo(doc: JsonObject, budget: number, filler: Filler, shapes: Shapes): void {
  for (let step = 0; byteLength(doc) < budget; step++) {
    filler.add(shapes, step);
    if (byteLength(doc) > budget) {
      filler.undo();
      break;
    }
  }
  const metadata = (doc.metadata ?? {}) as Record<string, JsonObject>;
  const note = { ...(metadata.default ?? {}), note: "" };
  const withEmptyNote = { ...doc, metadata: { ...metadata, default: note } };
  const room = budget - byteLength(withEmptyNote);
  if (room > 0) {
    note.note = "x".repeat(room);
    doc.metadata = withEmptyNote.metadata;
  }
}

export interface TraceShape {
  readonly traceId: string;
  /** The size every document aims for, header included; each varies by up to ±10 %. */
  readonly targetBytes: number;
  /** Epoch seconds the documents' times are based on. */
  readonly nowSeconds: number;
}

/**
 * The documents of trace number `index` in send order: 2 to 6 of them (by `index`), streamed
 * subsegments first, then the downstream services' segments, the root segment last.
 */
export function buildTraceDocuments(
  shapes: Shapes,
  index: number,
  { traceId, targetBytes, nowSeconds }: TraceShape,
): JsonObject[] {
  const budget = () => Math.round(targetBytes * (0.9 + 0.2 * shapes.random()));
  const documentCount = 2 + (index % 5);
  const downstreamCount = Math.min(DOWNSTREAMS.length, Math.ceil((documentCount - 1) / 2));
  const streamedCount = documentCount - 1 - downstreamCount;

  const rootId = shapes.hex(16);
  const start = seconds(nowSeconds - 5 + shapes.random());
  const route = shapes.pick(ROUTES);
  const result = outcome(index);

  const remoteCalls: JsonObject[] = [];
  const downstreams: JsonObject[] = [];
  for (let d = 0; d < downstreamCount; d++) {
    const service = DOWNSTREAMS[d] ?? "inventory-svc";
    const callId = shapes.hex(16);
    const callStart = seconds(start + 0.002 + 0.01 * d);
    const callEnd = seconds(callStart + 0.004 + 0.001 * shapes.int(0, 20));
    remoteCalls.push({
      id: callId,
      name: service,
      start_time: callStart,
      namespace: "remote",
      http: {
        request: { url: `http://${service}.internal:8080/v1/items`, method: "POST" },
        response: { status: 200 },
      },
      traced: true,
      end_time: callEnd,
    });
    const downstream: JsonObject = {
      trace_id: traceId,
      id: shapes.hex(16),
      start_time: seconds(callStart + 0.001),
      name: service,
      parent_id: callId,
      service: SERVICE,
      aws: XRAY_SDK,
      http: {
        request: {
          method: "POST",
          user_agent: "node",
          client_ip: "10.0.3.17",
          url: `http://${service}.internal:8080/v1/items`,
        },
        response: { status: 200 },
      },
      annotations: { caller: "checkout-api", region: "eu-west-1" },
      end_time: seconds(callEnd - 0.001),
    };
    padTo(downstream, budget(), subsegmentFiller(downstream, callStart), shapes);
    downstreams.push(downstream);
  }

  const streamed: JsonObject[] = [];
  for (let s = 0; s < streamedCount; s++) {
    const begin = seconds(start + 0.001 * (s + 1));
    const subsegment: JsonObject = {
      id: shapes.hex(16),
      name: STREAMED[s % STREAMED.length] ?? "render-cart",
      start_time: begin,
      end_time: seconds(begin + 0.001 * shapes.int(1, 30)),
      type: "subsegment",
      parent_id: rootId,
      trace_id: traceId,
      annotations: { step: s, cached: s % 2 === 0 },
      metadata: { default: { attempt: 1 } },
    };
    padTo(subsegment, budget(), metadataFiller(subsegment), shapes);
    streamed.push(subsegment);
  }

  const root: JsonObject = {
    trace_id: traceId,
    id: rootId,
    start_time: start,
    name: "checkout-api",
    service: SERVICE,
    aws: XRAY_SDK,
    http: {
      request: {
        method: "GET",
        user_agent: "",
        client_ip: "127.0.0.1",
        url: `http://127.0.0.1:3900${route}`,
      },
      response: { status: result.status },
    },
    ...result.flags,
    annotations: { route, tenant: `t-${shapes.int(1, 40)}`, items: shapes.int(1, 9) },
    subsegments: remoteCalls,
    end_time: seconds(start + 0.05),
  };
  if (result.status === 500) root.cause = cause(shapes, `boom from ${route}`);
  padTo(root, budget(), subsegmentFiller(root, start), shapes);

  return [...streamed, ...downstreams, root];
}
