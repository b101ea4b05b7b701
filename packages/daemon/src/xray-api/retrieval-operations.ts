/**
 * Trace retrieval (`StartTraceRetrieval`, `ListRetrievedTraces`, `GetRetrievedTracesGraph`,
 * `CancelTraceRetrieval`): in X-Ray these read Transaction Search's log group; here they read
 * the store, so a retrieval is `COMPLETE` as soon as it is asked for. Traces come in X-Ray's
 * format; `TraceFormat: "OTEL"` is refused with an error that says so.
 */

import {
  type AssembledTrace,
  buildServiceGraph,
  isTraceId,
  type TraceStore,
} from "@xray-sandbox/segments";
import type { TraceRetrieval } from "./account-state.ts";
import { RequestFields } from "./request-fields.ts";
import { resourceNotFound, XRayApiError } from "./xray-api-error.ts";
import { defineOperation, type XRayApiDeps } from "./xray-operation.ts";

/** Trace ids in one retrieval: a bound of the sandbox's, documented in the README. */
export const MAX_RETRIEVAL_TRACE_IDS = 100;
const MAX_TOKEN_LENGTH = 1020;

export const startTraceRetrieval = defineOperation({
  name: "StartTraceRetrieval",
  path: "/StartTraceRetrieval",
  read(body) {
    const fields = new RequestFields(body);
    const traceIds = fields.requiredStringList("TraceIds");
    if (traceIds.length === 0) fields.problem("TraceIds must hold at least one trace id");
    if (traceIds.length > MAX_RETRIEVAL_TRACE_IDS) {
      fields.problem(`TraceIds must hold at most ${MAX_RETRIEVAL_TRACE_IDS} trace ids`);
    }
    const start = fields.requiredEpochSeconds("StartTime");
    const end = fields.requiredEpochSeconds("EndTime");
    if (end < start) fields.problem("EndTime must not be before StartTime");
    return fields.result({ traceIds, start, end });
  },
  run({ traceIds, start, end }, { account }) {
    return { RetrievalToken: account.addRetrieval([...new Set(traceIds)], start, end) };
  },
});

export const listRetrievedTraces = defineOperation({
  name: "ListRetrievedTraces",
  path: "/ListRetrievedTraces",
  read(body) {
    const fields = new RequestFields(body);
    const token = fields.requiredString("RetrievalToken", MAX_TOKEN_LENGTH);
    const format = fields.optionalEnum("TraceFormat", ["XRAY", "OTEL"] as const) ?? "XRAY";
    return fields.result({ token, format, nextToken: fields.optionalString("NextToken") });
  },
  run({ token, format }, deps) {
    const retrieval = retrievalOf(deps, token);
    if (retrieval.cancelled) return { RetrievalStatus: "CANCELLED", TraceFormat: format };
    if (format === "OTEL") {
      throw new XRayApiError(
        "UnsupportedOperationException",
        'ListRetrievedTraces with TraceFormat "OTEL" is not offered by xray-sandbox; ask for "XRAY"',
      );
    }
    return {
      RetrievalStatus: "COMPLETE",
      TraceFormat: format,
      Traces: [...retrievedTraces(deps.store, retrieval)].map((trace) => ({
        Id: trace.id,
        ...durationOf(deps.store, trace),
        Spans: trace.documents.map((stored) => ({ Id: stored.index.id, Document: stored.raw })),
      })),
    };
  },
});

export const getRetrievedTracesGraph = defineOperation({
  name: "GetRetrievedTracesGraph",
  path: "/GetRetrievedTracesGraph",
  read(body) {
    const fields = new RequestFields(body);
    const token = fields.requiredString("RetrievalToken", MAX_TOKEN_LENGTH);
    return fields.result({ token, nextToken: fields.optionalString("NextToken") });
  },
  run({ token }, deps) {
    const retrieval = retrievalOf(deps, token);
    if (retrieval.cancelled) return { RetrievalStatus: "CANCELLED" };
    const graph = buildServiceGraph(retrievedTraces(deps.store, retrieval));
    return {
      RetrievalStatus: "COMPLETE",
      Services: graph.Services.map((service) => ({ Service: service, Links: [] })),
    };
  },
});

export const cancelTraceRetrieval = defineOperation({
  name: "CancelTraceRetrieval",
  path: "/CancelTraceRetrieval",
  read(body) {
    const fields = new RequestFields(body);
    return fields.result({ token: fields.requiredString("RetrievalToken", MAX_TOKEN_LENGTH) });
  },
  run({ token }, deps) {
    retrievalOf(deps, token).cancelled = true;
    return {};
  },
});

function retrievalOf({ account }: XRayApiDeps, token: string): TraceRetrieval {
  const retrieval = account.retrievals.get(token);
  if (retrieval === undefined) {
    throw resourceNotFound(
      `no trace retrieval with the token ${JSON.stringify(token)}; StartTraceRetrieval gives one (the daemon remembers the last 100)`,
    );
  }
  return retrieval;
}

/** The asked-for traces the store holds whose time span touches the retrieval's range. */
function* retrievedTraces(store: TraceStore, retrieval: TraceRetrieval): Generator<AssembledTrace> {
  for (const id of retrieval.traceIds) {
    if (!isTraceId(id)) continue;
    const summary = store.getSummary(id);
    const trace = store.getTrace(id);
    if (summary === undefined || trace === undefined) continue;
    const end = summary.endTime ?? summary.startTime;
    if (end < retrieval.start || summary.startTime > retrieval.end) continue;
    yield trace;
  }
}

function durationOf(store: TraceStore, trace: AssembledTrace): { Duration?: number } {
  const duration = store.getSummary(trace.id)?.duration;
  return duration === undefined ? {} : { Duration: duration };
}
