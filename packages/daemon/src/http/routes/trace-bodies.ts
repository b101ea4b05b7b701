/** The JSON shapes the trace query routes answer with, built from the store's assembled traces. */

import type {
  AssembledTrace,
  SegmentDocument,
  SegmentId,
  SubsegmentDocument,
  TraceDetailBody,
  TraceId,
  TraceNode,
  TraceSummary,
} from "@xray-sandbox/segments";

/** One node of a trace, flattened: what `GET /api/segments` lists. */
export interface SegmentEntry {
  readonly traceId: TraceId;
  readonly id: SegmentId;
  readonly name: string;
  readonly kind: "segment" | "subsegment";
  /** Names from the top of the tree (a segment, or an orphan) down to this node. */
  readonly path: readonly string[];
  readonly segmentId: SegmentId;
  readonly parentId: SegmentId | undefined;
  /** Arrived as its own document (a streamed subsegment). */
  readonly independent: boolean;
  /** In a subtree whose parent has not arrived. */
  readonly orphan: boolean;
  readonly document: SegmentDocument | SubsegmentDocument;
}

export function traceDetail(trace: AssembledTrace, summary: TraceSummary): TraceDetailBody {
  return {
    id: trace.id,
    summary,
    segments: withoutEmbedded(trace.segments),
    orphans: withoutEmbedded(trace.orphans),
    documents: trace.documents.map(({ raw, receivedAt, bytes }) => ({ raw, receivedAt, bytes })),
  };
}

/** Every node of the trace, depth-first in tree order: segments first, then orphans. */
export function segmentEntries(trace: AssembledTrace): SegmentEntry[] {
  const entries: SegmentEntry[] = [];
  const walk = (roots: readonly TraceNode[], orphan: boolean): void => {
    const stack: Array<{ node: TraceNode; parentPath: readonly string[] }> = [];
    for (let i = roots.length - 1; i >= 0; i--) {
      const root = roots[i];
      if (root) stack.push({ node: root, parentPath: [] });
    }
    for (let item = stack.pop(); item; item = stack.pop()) {
      const { node } = item;
      const path = [...item.parentPath, node.document.name];
      entries.push({
        traceId: trace.id,
        id: node.document.id,
        name: node.document.name,
        kind: node.kind,
        path,
        segmentId: node.segmentId,
        parentId: node.parentId,
        independent: node.independent,
        orphan,
        document: withoutSubsegments(node.document),
      });
      for (let i = node.children.length - 1; i >= 0; i--) {
        const child = node.children[i];
        if (child) stack.push({ node: child, parentPath: path });
      }
    }
  };
  walk(trace.segments, false);
  walk(trace.orphans, true);
  return entries;
}

interface NodeCopy extends TraceNode {
  readonly children: TraceNode[];
}

/** Copies the tree without the embedded `subsegments` arrays, which would repeat `children`. */
function withoutEmbedded(roots: readonly TraceNode[]): TraceNode[] {
  const copies: TraceNode[] = [];
  const stack: Array<{ node: TraceNode; into: TraceNode[] }> = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    const root = roots[i];
    if (root) stack.push({ node: root, into: copies });
  }
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node } = item;
    const copy: NodeCopy = {
      kind: node.kind,
      document: withoutSubsegments(node.document),
      segmentId: node.segmentId,
      parentId: node.parentId,
      independent: node.independent,
      children: [],
    };
    item.into.push(copy);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child) stack.push({ node: child, into: copy.children });
    }
  }
  return copies;
}

function withoutSubsegments<T extends SegmentDocument | SubsegmentDocument>(document: T): T {
  if (!("subsegments" in document)) return document;
  const copy = { ...document };
  delete copy.subsegments;
  return copy;
}
