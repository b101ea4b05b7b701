/** Builds trace bodies for tests from documents, the way the daemon answers `GET /api/traces/:id`. */

import {
  assembleTrace,
  type DocumentOrigin,
  documentIndex,
  epochMillis,
  epochSeconds,
  type IndependentSubsegmentDocument,
  type SegmentDocument,
  type SegmentId,
  type SubsegmentDocument,
  summarizeTrace,
  type TopLevelDocument,
  type TraceDetailBody,
  type TraceId,
  type TraceNode,
  XRAY_UDP_ORIGIN,
} from "@xray-sandbox/segments";

export const TEST_TRACE_ID = "1-6b080246-96730d51abf3c08e1122f59e" as TraceId;
export const T0 = 1_795_686_982;

export const sid = (hex: string): SegmentId => hex.padStart(16, "0") as SegmentId;

export function segment(
  id: string,
  start: number,
  end: number | undefined,
  extra: Partial<SegmentDocument> = {},
): SegmentDocument {
  return {
    trace_id: TEST_TRACE_ID,
    id: sid(id),
    name: `svc-${id}`,
    start_time: epochSeconds(T0 + start),
    ...(end === undefined ? { in_progress: true } : { end_time: epochSeconds(T0 + end) }),
    ...extra,
  };
}

export function sub(
  id: string,
  start: number,
  end: number | undefined,
  extra: Partial<SubsegmentDocument> = {},
): SubsegmentDocument {
  return {
    id: sid(id),
    name: `sub-${id}`,
    start_time: epochSeconds(T0 + start),
    ...(end === undefined ? { in_progress: true } : { end_time: epochSeconds(T0 + end) }),
    ...extra,
  };
}

export function streamed(
  id: string,
  parent: string,
  start: number,
  end: number | undefined,
  extra: Partial<SubsegmentDocument> = {},
): IndependentSubsegmentDocument {
  return {
    ...sub(id, start, end, extra),
    type: "subsegment",
    trace_id: TEST_TRACE_ID,
    parent_id: sid(parent),
  };
}

/**
 * `receivedFrom`: when the first document arrived (epoch ms); each next one 1 ms later.
 * `origins`: how each document arrived, by position; X-Ray SDK over UDP where none is given.
 */
export function traceBody(
  documents: readonly TopLevelDocument[],
  receivedFrom = 1_000,
  origins: readonly DocumentOrigin[] = [],
): TraceDetailBody {
  const stored = documents.map((document, index) => {
    const raw = JSON.stringify(document);
    return {
      document,
      index: documentIndex(document),
      raw,
      bytes: raw.length,
      receivedAt: epochMillis(receivedFrom + index),
      origin: origins[index] ?? XRAY_UDP_ORIGIN,
    };
  });
  const trace = assembleTrace(TEST_TRACE_ID, stored);
  return {
    id: TEST_TRACE_ID,
    summary: summarizeTrace(trace),
    segments: trace.segments.map(withoutEmbedded),
    orphans: trace.orphans.map(withoutEmbedded),
    documents: stored.map(({ raw, bytes, receivedAt, origin }) => ({
      raw,
      bytes,
      receivedAt,
      origin,
    })),
  };
}

function withoutEmbedded(node: TraceNode): TraceNode {
  const { subsegments: _embedded, ...document } = node.document;
  return { ...node, document, children: node.children.map(withoutEmbedded) };
}

let counter = 0;

/** A tree node with a fresh id and no document beyond times and name; "root" is a segment. */
export function node(
  name: string,
  start: number,
  end: number,
  children: TraceNode[] = [],
): TraceNode {
  counter++;
  const id = counter.toString(16).padStart(16, "0") as SegmentId;
  return {
    kind: name === "root" ? "segment" : "subsegment",
    document: {
      id,
      name,
      trace_id: TEST_TRACE_ID,
      start_time: epochSeconds(T0 + start),
      end_time: epochSeconds(T0 + end),
    },
    segmentId: id,
    parentId: undefined,
    independent: false,
    children,
  };
}

/** `count` nodes under one parent (`fan`), or each the only child of the one before (`chain`). */
export function chainOrFan(count: number, shape: "chain" | "fan"): TraceNode[] {
  if (shape === "fan") {
    return Array.from({ length: count }, (_, i) => node(`n${i}`, i / count, (i + 1) / count));
  }
  let current: TraceNode[] = [];
  for (let i = count - 1; i >= 0; i--) current = [node(`n${i}`, i / count, 1, current)];
  return current;
}
