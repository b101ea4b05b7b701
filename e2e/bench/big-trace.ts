/**
 * The large synthetic traces the trace-view benchmarks open (`pnpm bench:trace-view`).
 */

import { type Document, newSegmentId, newTraceId } from "../support/segments.ts";

/** Subsegments per document, to keep each datagram well under UDP's 64 KiB. */
const FAN = 100;

/**
 * One trace of about `nodes` nodes, as the X-Ray SDK for Node.js would send it from many
 * services: a root segment calling `services` downstream segments, each with up to `FAN`
 * subsegments (every tenth a SQL query, every seventh with metadata). `slow` makes every
 * query take twice as long, for a comparison.
 */
export function bigTrace(nodes: number, slow = false): { traceId: string; documents: Document[] } {
  const traceId = newTraceId();
  const start = Math.round(Date.now()) / 1000;
  const services = Math.max(1, Math.ceil(nodes / (FAN + 2)));
  const perService = Math.max(1, Math.floor((nodes - 1 - services) / services));
  const at = (offset: number) => Math.round((start + offset) * 1000) / 1000;
  const span = 2;
  const calls: Document[] = [];
  const documents: Document[] = [];
  for (let service = 0; service < services; service++) {
    const callId = newSegmentId();
    const from = (span * service) / services;
    const to = (span * (service + 1)) / services;
    calls.push({ id: callId, name: `call-${service}`, start_time: at(from), end_time: at(to) });
    const subsegments: Document[] = [];
    for (let index = 0; index < perService; index++) {
      const begin = from + ((to - from) * index) / perService;
      const length = ((to - from) / perService) * (index % 10 === 0 && slow ? 0.9 : 0.45);
      subsegments.push({
        id: newSegmentId(),
        name: index % 10 === 0 ? "SELECT orders" : `step-${index % 25}`,
        start_time: at(begin),
        end_time: at(begin + length),
        ...(index % 10 === 0
          ? { namespace: "remote", sql: { sanitized_query: `SELECT * FROM orders_${index}` } }
          : {}),
        ...(index % 7 === 0 ? { metadata: { default: { shard: index, tag: `t-${index}` } } } : {}),
      });
    }
    documents.push({
      trace_id: traceId,
      id: newSegmentId(),
      parent_id: callId,
      name: `service-${service % 12}`,
      start_time: at(from + 0.0005),
      end_time: at(to - 0.0005),
      subsegments,
    });
  }
  documents.unshift({
    trace_id: traceId,
    id: newSegmentId(),
    name: "front",
    start_time: at(0),
    end_time: at(span),
    http: { request: { method: "GET", url: "http://127.0.0.1/big" }, response: { status: 200 } },
    subsegments: calls,
  });
  return { traceId, documents };
}
