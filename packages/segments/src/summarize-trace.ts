/**
 * The summary of an assembled trace that list views, filter expressions and the X-Ray API
 * read: timing, root, flags, annotations, users and services. The trace doctor's counts
 * (`problems`) are not part of it: `TraceStore.getSummary` adds them, so that the paths
 * which summarize every change (the live stream) need not diagnose every change.
 */

import type { AnnotationValue } from "./document.ts";
import { isUnsampledOrigin, originChannels } from "./document-origin.ts";
import { documentTextBytes } from "./document-size.ts";
import { timeProblems } from "./time-sanity.ts";
import type { AssembledTrace, ServiceRef, TraceNode, TraceSummary } from "./trace.ts";
import {
  type EpochMillis,
  type EpochSeconds,
  epochMillis,
  epochSeconds,
  secondsBetween,
  traceIdEpoch,
} from "./units.ts";

/** Warnings a summary lists before it only counts the rest. */
const MAX_SUMMARY_WARNINGS = 5;

export function summarizeTrace(trace: AssembledTrace): TraceSummary {
  const nodes = allNodes(trace);
  const ids = new Set<unknown>();
  for (const node of nodes) ids.add(node.document.id);

  let hasFault = false;
  let hasError = false;
  let hasThrottle = false;
  let inProgress = false;
  let subsegmentCount = 0;
  const annotations = new Map<string, Set<AnnotationValue>>();
  const warnings: string[] = [];
  let unlisted = 0;
  for (const { document, kind } of nodes) {
    for (const problem of timeProblems(document)) {
      if (warnings.length < MAX_SUMMARY_WARNINGS) warnings.push(`${document.name}: ${problem}`);
      else unlisted++;
    }
    if (document.fault === true) hasFault = true;
    if (document.error === true) hasError = true;
    if (document.throttle === true) hasThrottle = true;
    if (document.in_progress === true) inProgress = true;
    if (kind === "subsegment") subsegmentCount++;
    collectAnnotations(document.annotations, annotations);
  }

  const segments = trace.segments;
  const timed = segments.length > 0 ? segments : nodes;
  const startTime =
    earliest(timed.map((node) => node.document.start_time)) ?? traceIdEpoch(trace.id);
  const endTime = latest(timed.map((node) => node.document.end_time));
  const root = findRoot(segments, ids)?.document;
  const rootStart = finiteOrUndefined(root?.start_time);
  const rootEnd = finiteOrUndefined(root?.end_time);

  let bytes = 0;
  let firstReceivedAt = Number.POSITIVE_INFINITY;
  let lastReceivedAt = Number.NEGATIVE_INFINITY;
  for (const stored of trace.documents) {
    bytes += documentTextBytes(stored);
    firstReceivedAt = Math.min(firstReceivedAt, stored.receivedAt);
    lastReceivedAt = Math.max(lastReceivedAt, stored.receivedAt);
  }

  return {
    id: trace.id,
    startTime,
    endTime,
    duration: endTime === undefined ? undefined : secondsBetween(startTime, endTime),
    responseTime:
      rootStart !== undefined && rootEnd !== undefined
        ? secondsBetween(epochSeconds(rootStart), epochSeconds(rootEnd))
        : undefined,
    root: root
      ? {
          id: root.id,
          name: root.name,
          origin: stringOrUndefined(root.origin),
          error: root.error === true,
          fault: root.fault === true,
          throttle: root.throttle === true,
        }
      : undefined,
    http: root ? httpOf(root) : undefined,
    hasFault,
    hasError,
    hasThrottle,
    inProgress,
    partial: trace.orphans.length > 0 || segments.some((node) => namesMissing(node, ids)),
    orphanCount: trace.orphans.length,
    annotations: annotationRecord(annotations),
    warnings: unlisted > 0 ? [...warnings, `${unlisted} more like these`] : warnings,
    users: distinctUsers(segments),
    services: distinctServices(segments),
    segmentCount: segments.length,
    subsegmentCount,
    documentCount: trace.documents.length,
    origins: originChannels(trace.documents.map((stored) => stored.origin)),
    unsampled:
      trace.documents.length > 0 &&
      trace.documents.every((stored) => isUnsampledOrigin(stored.origin)),
    // A field from the start, so that the store can fill it in without changing the
    // object's shape (a copy with one more field is a slower, larger object).
    problems: undefined,
    bytes,
    firstReceivedAt: receivedOrZero(firstReceivedAt),
    lastReceivedAt: receivedOrZero(lastReceivedAt),
  };
}

/** Every node: segments first (earliest first), then orphans, each depth-first in order. */
function allNodes(trace: AssembledTrace): TraceNode[] {
  const out: TraceNode[] = [];
  const roots = [...trace.segments, ...trace.orphans];
  const stack: TraceNode[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    const root = roots[i];
    if (root) stack.push(root);
  }
  for (let node = stack.pop(); node; node = stack.pop()) {
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child && child.kind === "subsegment") stack.push(child);
    }
  }
  return out;
}

/** The earliest segment with no parent in the trace; else the earliest segment. */
function findRoot(
  segments: readonly TraceNode[],
  ids: ReadonlySet<unknown>,
): TraceNode | undefined {
  return (
    segments.find((node) => node.parentId === undefined || !ids.has(node.parentId)) ?? segments[0]
  );
}

function namesMissing(segment: TraceNode, ids: ReadonlySet<unknown>): boolean {
  return segment.parentId !== undefined && !ids.has(segment.parentId);
}

function collectAnnotations(source: unknown, into: Map<string, Set<AnnotationValue>>): void {
  if (typeof source !== "object" || source === null) return;
  for (const [key, value] of Object.entries(source)) {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      continue;
    }
    let values = into.get(key);
    if (!values) {
      values = new Set();
      into.set(key, values);
    }
    values.add(value);
  }
}

/** A prototype-less record, so keys such as `__proto__` stay plain keys. */
function annotationRecord(
  annotations: ReadonlyMap<string, ReadonlySet<AnnotationValue>>,
): Record<string, AnnotationValue[]> {
  const record: Record<string, AnnotationValue[]> = Object.create(null);
  for (const [key, values] of annotations) record[key] = [...values];
  return record;
}

function distinctUsers(segments: readonly TraceNode[]): string[] {
  const users = new Set<string>();
  for (const { document } of segments) {
    const user: unknown = document.user;
    if (typeof user === "string" && user.length > 0) users.add(user);
  }
  return [...users];
}

function distinctServices(segments: readonly TraceNode[]): ServiceRef[] {
  const seen = new Map<string, Set<string | undefined>>();
  const services: ServiceRef[] = [];
  for (const { document } of segments) {
    const name = document.name;
    const type = stringOrUndefined(document.origin);
    let types = seen.get(name);
    if (!types) {
      types = new Set();
      seen.set(name, types);
    }
    if (types.has(type)) continue;
    types.add(type);
    services.push({ name, type });
  }
  return services;
}

function httpOf(root: TraceNode["document"]): TraceSummary["http"] {
  const http = root.http;
  if (typeof http !== "object" || http === null) return undefined;
  const { request, response } = http;
  return {
    method: stringOrUndefined(request?.method),
    url: stringOrUndefined(request?.url),
    status: finiteOrUndefined(response?.status),
    userAgent: stringOrUndefined(request?.user_agent),
    clientIp: stringOrUndefined(request?.client_ip),
  };
}

function earliest(times: readonly unknown[]): EpochSeconds | undefined {
  let best: number | undefined;
  for (const time of times) {
    const value = finiteOrUndefined(time);
    if (value !== undefined && (best === undefined || value < best)) best = value;
  }
  return best === undefined ? undefined : epochSeconds(best);
}

function latest(times: readonly unknown[]): EpochSeconds | undefined {
  let best: number | undefined;
  for (const time of times) {
    const value = finiteOrUndefined(time);
    if (value !== undefined && (best === undefined || value > best)) best = value;
  }
  return best === undefined ? undefined : epochSeconds(best);
}

function finiteOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function receivedOrZero(value: number): EpochMillis {
  return epochMillis(Number.isFinite(value) ? value : 0);
}
