import { buildServiceGraph, isTraceId, type TraceStore } from "@xray-sandbox/segments";
import {
  encodeListToken,
  listOffset,
  listPage,
  MAX_TRACE_IDS_PER_CALL,
  PAGE_SIZES,
} from "./list-page.ts";
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

/**
 * Every stored document of each trace, as the JSON text it arrived as: pages of whole traces
 * holding at most `PAGE_SIZES.batchGetTracesDocuments` documents (a larger trace comes alone
 * on its page). An id the store does not hold is reported in `UnprocessedTraceIds` on the
 * page where its turn comes.
 */
export const batchGetTraces = defineOperation({
  name: "BatchGetTraces",
  path: "/Traces",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({
      traceIds: readTraceIds(fields),
      nextToken: fields.optionalString("NextToken"),
    });
  },
  run({ traceIds, nextToken }, { store }) {
    const ids = [...new Set(traceIds)];
    const request = JSON.stringify(ids);
    const traces = [];
    const unprocessed = [];
    let documents = 0;
    let index = listOffset("BatchGetTraces", request, nextToken);
    for (; index < ids.length; index++) {
      const id = ids[index] ?? "";
      const trace = isTraceId(id) ? store.getTrace(id) : undefined;
      if (trace === undefined) {
        unprocessed.push(id);
        continue;
      }
      const count = trace.documents.length;
      if (traces.length > 0 && documents + count > PAGE_SIZES.batchGetTracesDocuments) break;
      documents += count;
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
    return {
      Traces: traces,
      UnprocessedTraceIds: unprocessed,
      ...(index < ids.length
        ? { NextToken: encodeListToken("BatchGetTraces", request, index) }
        : {}),
    };
  },
});

/** The service graph of the given traces alone, `PAGE_SIZES.graphServices` services a page. */
export const getTraceGraph = defineOperation({
  name: "GetTraceGraph",
  path: "/TraceGraph",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({
      traceIds: readTraceIds(fields),
      nextToken: fields.optionalString("NextToken"),
    });
  },
  run({ traceIds, nextToken }, { store }) {
    const ids = [...new Set(traceIds)];
    const { Services } = buildServiceGraph(tracesOf(store, ids));
    const page = listPage(
      "GetTraceGraph",
      JSON.stringify(ids),
      nextToken,
      Services,
      PAGE_SIZES.graphServices,
    );
    return {
      Services: page.items,
      ...(page.NextToken === undefined ? {} : { NextToken: page.NextToken }),
    };
  },
});

/** `TraceIds`: 1 to 5 of them, as X-Ray documents for both calls that take them. */
function readTraceIds(fields: RequestFields): string[] {
  const traceIds = fields.requiredStringList("TraceIds");
  if (traceIds.length === 0 || traceIds.length > MAX_TRACE_IDS_PER_CALL) {
    fields.problem(
      `TraceIds must hold 1 to ${MAX_TRACE_IDS_PER_CALL} trace ids (X-Ray's limit), not ${traceIds.length}`,
    );
  }
  return traceIds;
}

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
