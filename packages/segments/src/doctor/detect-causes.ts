/** `error` and `fault` flags with nothing recorded to say why. */

import type { DoctorNode, DoctorTrace } from "./doctor-nodes.ts";
import { nodeLabel, type ProblemSink, problemOf } from "./problem-list.ts";

/**
 * `fault-without-cause` and `error-without-cause`: a flagged node with no `cause`, none in the
 * subsegments under it, and (for errors) no 4xx status that explains it. A 4xx is an error
 * X-Ray expects without an exception (a 404 is not a bug); the flag alone is.
 */
export function detectFlagsWithoutCause({ nodes }: DoctorTrace, report: ProblemSink): void {
  const withCause = nodesWithCauseBelow(nodes);
  for (const entry of nodes) {
    const { fault, error } = entry.document;
    if (fault !== true && error !== true) continue;
    if (withCause.has(entry)) continue;
    const status = entry.document.http?.response?.status;
    if (fault === true) {
      const hasStatus = typeof status === "number";
      report(
        problemOf(
          "fault-without-cause",
          hasStatus
            ? `${nodeLabel(entry)} answered ${status} (fault) and records no exception: the console shows the fault with no cause.`
            : `${nodeLabel(entry)} is flagged fault with no exception recorded and no HTTP status: nothing says what failed.`,
          entry,
          hasStatus ? "info" : "warning",
        ),
      );
    } else if (!(typeof status === "number" && status >= 400 && status < 500)) {
      report(
        problemOf(
          "error-without-cause",
          `${nodeLabel(entry)} is flagged error with no exception recorded${typeof status === "number" ? ` (status ${status})` : ""}: nothing says what went wrong.`,
          entry,
        ),
      );
    }
  }
}

/**
 * A call to another service that answered with an error status: the cause is in the callee
 * (the SDK records the status, not an exception).
 */
function isFailedRemoteCall(entry: DoctorNode): boolean {
  return (
    entry.document.namespace === "remote" &&
    typeof entry.document.http?.response?.status === "number"
  );
}

/**
 * Nodes that have a `cause` (or are a remote call that got an error status), or a subsegment
 * under them (same service) that has one.
 */
function nodesWithCauseBelow(nodes: readonly DoctorNode[]): Set<DoctorNode> {
  const marked = new Set<DoctorNode>();
  for (let i = nodes.length - 1; i >= 0; i--) {
    const entry = nodes[i];
    if (entry === undefined) continue;
    const cause = entry.document.cause;
    if ((cause === undefined || cause === null) && !isFailedRemoteCall(entry)) {
      if (!marked.has(entry)) continue;
    } else {
      marked.add(entry);
    }
    // Propagate up within one service: a segment's caller is another service.
    if (entry.node.kind === "subsegment" && entry.parent !== undefined) marked.add(entry.parent);
  }
  return marked;
}
