/** HTTP work recorded without the `http` block X-Ray's statistics read. */

import type { DoctorNode, DoctorTrace } from "./doctor-nodes.ts";
import { nodeLabel, type ProblemSink, problemOf } from "./problem-list.ts";

/**
 * `missing-http`: a segment called over HTTP (its caller's subsegment has `http.request`) that
 * has no `http.request` itself (made by hand instead of by the middleware); a completed node
 * with `http.request` and no `http.response.status`; a `remote` subsegment with no `http`,
 * `aws` or `sql` at all.
 */
export function detectMissingHttp({ nodes }: DoctorTrace, report: ProblemSink): void {
  for (const entry of nodes) {
    const http = entry.document.http;
    const hasRequest = typeof http?.request === "object" && http.request !== null;
    const status = http?.response?.status;
    if (entry.node.kind === "segment" && !hasRequest && calledOverHttp(entry.caller)) {
      report(
        problemOf(
          "missing-http",
          `${nodeLabel(entry)} was called over HTTP but records no http.request: the service map shows no URL or status for it.`,
          entry,
        ),
      );
      continue;
    }
    const failed = entry.document.fault === true || entry.document.error === true;
    if (hasRequest && typeof status !== "number" && isComplete(entry) && !failed) {
      report(
        problemOf(
          "missing-http",
          `${nodeLabel(entry)} records an HTTP request but no http.response.status: X-Ray cannot count it as ok, error or fault.`,
          entry,
          "info",
        ),
      );
      continue;
    }
    if (
      entry.node.kind === "subsegment" &&
      entry.document.namespace === "remote" &&
      http === undefined &&
      entry.document.aws === undefined &&
      entry.document.sql === undefined
    ) {
      report(
        problemOf(
          "missing-http",
          `${nodeLabel(entry)} is a call to another service (namespace "remote") with no http, aws or sql block: the service map cannot name what it called.`,
          entry,
          "info",
        ),
      );
    }
  }
}

function calledOverHttp(caller: DoctorNode | undefined): boolean {
  const request = caller?.document.http?.request;
  return caller?.node.kind === "subsegment" && typeof request === "object" && request !== null;
}

function isComplete(entry: DoctorNode): boolean {
  return entry.document.in_progress !== true && typeof entry.document.end_time === "number";
}
