import { getTraceSummaries } from "./get-trace-summaries.ts";
import { createGroup, deleteGroup, getGroup, getGroups, updateGroup } from "./group-operations.ts";
import { INSIGHT_OPERATIONS } from "./insight-operations.ts";
import {
  deleteResourcePolicy,
  listResourcePolicies,
  putResourcePolicy,
} from "./resource-policy-operations.ts";
import {
  cancelTraceRetrieval,
  getRetrievedTracesGraph,
  listRetrievedTraces,
  startTraceRetrieval,
} from "./retrieval-operations.ts";
import {
  createSamplingRule,
  deleteSamplingRule,
  getSamplingRules,
  getSamplingStatisticSummaries,
  getSamplingTargets,
  updateSamplingRule,
} from "./sampling-operations.ts";
import { getServiceGraph } from "./service-graph-operation.ts";
import {
  getEncryptionConfig,
  getIndexingRules,
  getTraceSegmentDestination,
  putEncryptionConfig,
  updateIndexingRule,
  updateTraceSegmentDestination,
} from "./settings-operations.ts";
import { listTagsForResource, tagResource, untagResource } from "./tag-operations.ts";
import { putTelemetryRecords } from "./telemetry-operations.ts";
import { getTimeSeriesServiceStatistics } from "./time-series-operation.ts";
import { batchGetTraces, getTraceGraph, putTraceSegments } from "./trace-operations.ts";
import type { XRayOperation } from "./xray-operation.ts";

/**
 * Every X-Ray API operation the daemon answers: each operation of `@aws-sdk/client-xray`
 * (`xray-client-coverage.test.ts` holds the two lists together). The Insights operations
 * answer that the sandbox does not offer them.
 */
export const XRAY_OPERATIONS: readonly XRayOperation[] = [
  putTraceSegments,
  batchGetTraces,
  getTraceSummaries,
  getTraceGraph,
  getServiceGraph,
  getGroups,
  getGroup,
  createGroup,
  updateGroup,
  deleteGroup,
  getSamplingRules,
  getSamplingStatisticSummaries,
  getSamplingTargets,
  createSamplingRule,
  updateSamplingRule,
  deleteSamplingRule,
  getSamplingStatisticSummaries,
  putTelemetryRecords,
  getTimeSeriesServiceStatistics,
  tagResource,
  untagResource,
  listTagsForResource,
  getEncryptionConfig,
  putEncryptionConfig,
  getIndexingRules,
  updateIndexingRule,
  getTraceSegmentDestination,
  updateTraceSegmentDestination,
  putResourcePolicy,
  listResourcePolicies,
  deleteResourcePolicy,
  startTraceRetrieval,
  listRetrievedTraces,
  getRetrievedTracesGraph,
  cancelTraceRetrieval,
  ...INSIGHT_OPERATIONS,
];
