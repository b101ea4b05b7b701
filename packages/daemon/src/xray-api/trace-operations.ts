import { buildServiceGraph, isTraceId, type TraceStore } from "@xray-sandbox/segments";
import { RequestFields } from "./request-fields.ts";
import { defineOperation } from "./xray-operation.ts";

/** Each document is stored exactly as one arriving over UDP would be, or reported back. */
export const putTraceSegments = defineOperation({
  name: "PutTraceSegments",
  path: "/TraceSegments",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({ documents: fields.requiredStringList("TraceSegmentDocuments") });
  },
  run({ documents }, { putDocument }) {
    const unprocessed = [];
    for (const document of documents) {
      const outcome = putDocument(document);
      if (outcome.status !== "rejected") continue;
      const id = readableId(document);
      unprocessed.push({
        ...(id === undefined ? {} : { Id: id }),
        ErrorCode: outcome.reason,
        Message: outcome.message,
      });
    }
    return { UnprocessedTraceSegments: unprocessed };
  },
});

/** Every stored document of each trace, as the JSON text it arrived as. */
export const batchGetTraces = defineOperation({
  name: "BatchGetTraces",
  path: "/Traces",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({ traceIds: fields.requiredStringList("TraceIds") });
  },
  run({ traceIds }, { store }) {
    const traces = [];
    const unprocessed = [];
    for (const id of new Set(traceIds)) {
      const trace = isTraceId(id) ? store.getTrace(id) : undefined;
      if (trace === undefined) {
        unprocessed.push(id);
        continue;
      }
      const duration = store.getSummary(trace.id)?.duration;
      traces.push({
        Id: trace.id,
        ...(duration === undefined ? {} : { Duration: duration }),
        LimitExceeded: false,
        Segments: trace.documents.map((stored) => ({
          Id: stored.index.id,
          Document: stored.raw,
        })),
      });
    }
    return { Traces: traces, UnprocessedTraceIds: unprocessed };
  },
});

/** The service graph of the given traces alone. */
export const getTraceGraph = defineOperation({
  name: "GetTraceGraph",
  path: "/TraceGraph",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({ traceIds: fields.requiredStringList("TraceIds") });
  },
  run({ traceIds }, { store }) {
    return { Services: buildServiceGraph(tracesOf(store, traceIds)).Services };
  },
});

function* tracesOf(store: TraceStore, ids: readonly string[]) {
  for (const id of new Set(ids)) {
    const trace = isTraceId(id) ? store.getTrace(id) : undefined;
    if (trace !== undefined) yield trace;
  }
}

function readableId(document: string): string | undefined {
  try {
    const value: unknown = JSON.parse(document);
    if (typeof value === "object" && value !== null && "id" in value) {
      const { id } = value;
      if (typeof id === "string") return id;
    }
  } catch {
    // Not JSON: the rejection says so, there is no id to report.
  }
  return undefined;
}
