import { getTraceSummaries } from "./get-trace-summaries.ts";
import { createGroup, deleteGroup, getGroup, getGroups, updateGroup } from "./group-operations.ts";
import {
  createSamplingRule,
  deleteSamplingRule,
  getSamplingRules,
  getSamplingTargets,
  updateSamplingRule,
} from "./sampling-operations.ts";
import { getServiceGraph } from "./service-graph-operation.ts";
import { putTelemetryRecords } from "./telemetry-operations.ts";
import { batchGetTraces, getTraceGraph, putTraceSegments } from "./trace-operations.ts";
import type { XRayOperation } from "./xray-operation.ts";

/** Every X-Ray API operation the daemon answers. */
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
  getSamplingTargets,
  createSamplingRule,
  updateSamplingRule,
  deleteSamplingRule,
  putTelemetryRecords,
];
