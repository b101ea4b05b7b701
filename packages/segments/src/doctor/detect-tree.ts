/** Pieces of the tree that are missing or never finished: orphans, unknown callers, in-progress leftovers. */

import type { DoctorTrace } from "./doctor-nodes.ts";
import type { ResolvedDoctorOptions } from "./doctor-options.ts";
import { nodeLabel, type ProblemSink, problemOf, quoted } from "./problem-list.ts";

/** `orphan-subsegment`: a subsegment sent on its own whose parent is not in the trace. */
export function detectOrphans({ trace, nodes }: DoctorTrace, report: ProblemSink): void {
  const roots = new Set(trace.orphans);
  for (const entry of nodes) {
    if (!roots.has(entry.node)) continue;
    report(
      problemOf(
        "orphan-subsegment",
        `${nodeLabel(entry)} names its parent ${quoted(entry.node.parentId)}, which is not in the trace: X-Ray cannot place it.`,
        entry,
      ),
    );
  }
}

/** `parent-not-in-trace`: a segment called by something that sent nothing. */
export function detectUnknownCallers({ nodes }: DoctorTrace, report: ProblemSink): void {
  const ids = new Set<unknown>();
  for (const entry of nodes) ids.add(entry.document.id);
  for (const entry of nodes) {
    const parentId = entry.node.parentId;
    if (entry.node.kind !== "segment" || parentId === undefined || ids.has(parentId)) continue;
    report(
      problemOf(
        "parent-not-in-trace",
        `${nodeLabel(entry)} was called from ${quoted(parentId)}, which is not in the trace: an untraced caller, or one whose segment never arrived.`,
        entry,
      ),
    );
  }
}

/** `never-completed`: an `in_progress` document still not replaced after the configured time. */
export function detectNeverCompleted(
  { trace, nodes }: DoctorTrace,
  options: ResolvedDoctorOptions,
  report: ProblemSink,
): void {
  const now = options.now;
  if (now === undefined) return;
  let lastReceivedAt = Number.NEGATIVE_INFINITY;
  for (const stored of trace.documents)
    lastReceivedAt = Math.max(lastReceivedAt, stored.receivedAt);
  const quietMs = now - lastReceivedAt;
  if (!(quietMs >= options.neverCompletedAfterMs)) return;
  for (const entry of nodes) {
    if (entry.document.in_progress !== true) continue;
    report(
      problemOf(
        "never-completed",
        `${nodeLabel(entry)} is still in progress and nothing has arrived for this trace for ${Math.round(quietMs / 1000)} s: it was never closed, or its service stopped before closing it.`,
        entry,
      ),
    );
  }
}
