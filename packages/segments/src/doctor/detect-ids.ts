/** Ids X-Ray would refuse, ids used twice, and OpenTelemetry ids made without a time. */

import { isSegmentId, traceIdEpoch } from "../units.ts";
import type { DoctorTrace } from "./doctor-nodes.ts";
import { nodeLabel, type ProblemSink, problemOf, quoted } from "./problem-list.ts";

/** X-Ray rejects trace ids whose time is further than this from the segment's. */
export const TRACE_ID_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const ZERO_ID = /^0+$/;

/**
 * `trace-id-invalid` (an X-Ray SDK's id whose time is more than 30 days from its segment's
 * start) and, for spans, `otel-trace-id-random` (never flagged as invalid: the local
 * conversion accepts random W3C ids; what real X-Ray requires is explained instead).
 */
export function detectTraceId({ trace, nodes }: DoctorTrace, report: ProblemSink): void {
  const idTime = traceIdEpoch(trace.id);
  const first = nodes.find((entry) => entry.node.kind === "segment") ?? nodes[0];
  if (first === undefined) return;
  const start = first.document.start_time;
  if (typeof start !== "number" || !Number.isFinite(start)) return;
  const gap = Math.abs(start - idTime);
  if (gap <= TRACE_ID_MAX_AGE_SECONDS) return;
  const days = Math.round(gap / 86_400);
  if (nodes.some((entry) => entry.sdk === "otel")) {
    report(
      problemOf(
        "otel-trace-id-random",
        `The trace id ${quoted(trace.id)} came from OpenTelemetry: its first 8 hex digits are ${days} days from the spans' start, so they are random, not a time. The sandbox shows it; real X-Ray would reject these spans.`,
        first,
      ),
    );
    return;
  }
  const when = start > idTime ? "before" : "after";
  report(
    problemOf(
      "trace-id-invalid",
      `The trace id ${quoted(trace.id)} says the trace started ${days} days ${when} ${nodeLabel(first)} did (its first 8 hex digits are epoch seconds): X-Ray rejects trace ids older than 30 days.`,
      first,
    ),
  );
}

/** `segment-id-invalid`: an embedded id that is not 16 hex digits, or all zeros. */
export function detectNodeIds({ nodes }: DoctorTrace, report: ProblemSink): void {
  for (const entry of nodes) {
    const id: unknown = entry.document.id;
    if (isSegmentId(id) && !ZERO_ID.test(id)) continue;
    report(
      problemOf(
        "segment-id-invalid",
        `${nodeLabel(entry)} has id ${quoted(id)}: ids are 16 hex digits, not all zeros.`,
        entry,
      ),
    );
  }
}
