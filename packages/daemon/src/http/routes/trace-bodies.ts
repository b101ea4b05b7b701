/** The JSON shapes the trace query routes answer with, built from the store's assembled traces. */

import {
  type AssembledTrace,
  boundedPath,
  documentTextBytes,
  type SegmentDocument,
  type SegmentEntry,
  type SubsegmentDocument,
  type TraceDetailBody,
  type TraceNode,
  type TraceSummary,
  walkTree,
} from "@xray-sandbox/segments";

export function traceDetail(trace: AssembledTrace, summary: TraceSummary): TraceDetailBody {
  return {
    id: trace.id,
    summary,
    segments: withoutEmbedded(trace.segments),
    orphans: withoutEmbedded(trace.orphans),
    documents: trace.documents.map((stored) => ({
      raw: stored.raw,
      receivedAt: stored.receivedAt,
      bytes: documentTextBytes(stored),
      origin: stored.origin,
    })),
  };
}

/** Every node of the trace, depth-first in tree order: segments first, then orphans. */
export function segmentEntries(trace: AssembledTrace): SegmentEntry[] {
  const entries: SegmentEntry[] = [];
  // The names from the top down to the node being visited, reused for every node.
  const names: string[] = [];
  const walk = (roots: readonly TraceNode[], orphan: boolean): void => {
    walkTree(roots, (node, depth) => {
      names.length = depth;
      names.push(node.document.name);
      entries.push({
        traceId: trace.id,
        id: node.document.id,
        name: node.document.name,
        kind: node.kind,
        path: boundedPath(names),
        depth,
        segmentId: node.segmentId,
        parentId: node.parentId,
        independent: node.independent,
        orphan,
        document: withoutSubsegments(node.document),
      });
    });
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
