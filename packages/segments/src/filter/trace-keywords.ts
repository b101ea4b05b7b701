/** What the keywords mean outside service() and edge(): the trace as its user saw it. */

import { diagnoseTrace } from "../doctor/diagnose-trace.ts";
import type { ProblemCounts } from "../doctor/problem.ts";
import { UNTYPED_SERVICE } from "../service-graph/trace-service-map.ts";
import type { KeywordReaders } from "./keyword-readers.ts";
import type { TraceState } from "./trace-state.ts";

export const TRACE_READERS: KeywordReaders<TraceState> = {
  boolean: {
    ok: ({ context: { summary } }) => {
      const root = summary.root;
      return root !== undefined && !root.error && !root.fault && !root.throttle;
    },
    error: ({ context: { summary } }) => summary.root?.error === true,
    throttle: ({ context: { summary } }) => summary.root?.throttle === true,
    fault: ({ context: { summary } }) => summary.root?.fault === true,
    partial: ({ context: { summary } }) => summary.partial || summary.inProgress,
    inferred: (state) => state.serviceMap.nodes.some((node) => node.inferred),
    remote: (state) => state.facts.remote,
  },
  number: {
    responsetime: (state) => state.context.summary.responseTime,
    duration: (state) => state.context.summary.duration,
    "http.status": (state) => state.context.summary.http?.status,
    problems: (state) => problemCounts(state).total,
  },
  string: {
    "http.url": (state) => state.context.summary.http?.url,
    "http.method": (state) => state.context.summary.http?.method,
    "http.useragent": (state) => state.context.summary.http?.userAgent,
    "http.clientip": (state) => state.context.summary.http?.clientIp,
    user: (state) => state.context.summary.users,
    name: (state) => state.context.summary.services.map((service) => service.name),
    type: (state) =>
      state.context.summary.services.map((service) => service.type ?? UNTYPED_SERVICE),
    message: (state) => state.facts.messages,
    availabilityzone: (state) => state.facts.availabilityZones,
    "instance.id": (state) => state.facts.instanceIds,
    "resource.arn": (state) => state.facts.resourceArns,
    problem: (state) => problemCounts(state).codes,
  },
};

/** The summary's doctor counts; when it was read without them, the trace is diagnosed. */
function problemCounts(state: TraceState): ProblemCounts {
  const { context } = state;
  return context.summary.problems ?? context.problems?.() ?? diagnoseTrace(context.trace).counts;
}
