/**
 * X-Ray Insights (anomaly detection over a group's fault rate) need AWS's models and hours
 * of history; the sandbox does not offer them. Each operation answers a clear error naming
 * itself, so code that calls them learns why instead of meeting a 404.
 */

import { RequestFields } from "./request-fields.ts";
import { XRayApiError } from "./xray-api-error.ts";
import { defineOperation, type XRayOperation } from "./xray-operation.ts";

function notOffered(name: string, path: string): XRayOperation {
  return defineOperation({
    name,
    path,
    read: (body) => new RequestFields(body).result(null),
    run() {
      throw new XRayApiError(
        "UnsupportedOperationException",
        `${name} is not offered by xray-sandbox: it does not detect insights (anomalies in a group's faults); GetServiceGraph and GetTimeSeriesServiceStatistics show the same faults as they happen`,
      );
    },
  });
}

export const INSIGHT_OPERATIONS: readonly XRayOperation[] = [
  notOffered("GetInsight", "/Insight"),
  notOffered("GetInsightEvents", "/InsightEvents"),
  notOffered("GetInsightImpactGraph", "/InsightImpactGraph"),
  notOffered("GetInsightSummaries", "/InsightSummaries"),
];
