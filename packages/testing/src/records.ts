/** What the sandbox hands a test: traces and segments as the daemon's HTTP API returns them. */

import type {
  DocumentBody,
  SegmentEntry,
  TraceDetailBody,
  TraceNode,
} from "@xray-sandbox/segments";

/** A document as the sandbox received it: the contract's `DocumentBody`. */
export type ReceivedDocument = DocumentBody;

/** One trace, assembled from every document the sandbox received for it (`GET /api/traces/:id`). */
export type TraceRecord = TraceDetailBody;

/** One segment or subsegment, flattened out of its trace (an entry of `GET /api/segments`). */
export type SegmentRecord = SegmentEntry;

/** Anything with a tree: a `TraceRecord`, or an `AssembledTrace` from `@xray-sandbox/segments`. */
export interface TraceTree {
  readonly id: string;
  readonly segments: readonly TraceNode[];
  readonly orphans: readonly TraceNode[];
}
