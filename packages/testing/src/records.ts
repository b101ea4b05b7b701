/** What the sandbox hands a test: traces and segments as the daemon's HTTP API returns them. */

import type {
  DocumentOrigin,
  EpochMillis,
  SegmentDocument,
  SegmentId,
  SubsegmentDocument,
  TraceId,
  TraceNode,
  TraceSummary,
} from "@xray-sandbox/segments";

export interface ReceivedDocument {
  /** The document's JSON text exactly as the SDK sent it. */
  readonly raw: string;
  readonly receivedAt: EpochMillis;
  readonly bytes: number;
  /**
   * How it arrived: `{ kind: "xray-udp" }` for an X-Ray SDK, `{ kind: "otlp", transport, span }`
   * for OpenTelemetry (with the span it was translated from), PutTraceSegments, import.
   */
  readonly origin?: DocumentOrigin | undefined;
}

/** One trace, assembled from every document the sandbox received for it. */
export interface TraceRecord {
  readonly id: TraceId;
  readonly summary: TraceSummary;
  /**
   * Top-level segments, earliest first, each with its subsegments as `children` (embedded or
   * streamed alike). A node's `document` holds its own fields; its `subsegments` are not
   * repeated there.
   */
  readonly segments: readonly TraceNode[];
  /** Subtrees whose parent has not arrived (yet). */
  readonly orphans: readonly TraceNode[];
  readonly documents: readonly ReceivedDocument[];
}

/** One segment or subsegment, flattened out of its trace. */
export interface SegmentRecord {
  readonly traceId: TraceId;
  readonly id: SegmentId;
  readonly name: string;
  readonly kind: "segment" | "subsegment";
  /**
   * Names from the top of the tree down to this node, e.g. `["api", "UserData", "format"]`;
   * past 32 levels the top, `… N levels …`, then the nearest 30.
   */
  readonly path: readonly string[];
  /** Levels below the top of the tree: 0 for a segment or an orphan. */
  readonly depth: number;
  /** The segment (service) this node belongs to. */
  readonly segmentId: SegmentId;
  readonly parentId?: SegmentId | undefined;
  /** Arrived as its own document (a streamed subsegment). */
  readonly independent: boolean;
  /** In a subtree whose parent has not arrived. */
  readonly orphan: boolean;
  readonly document: SegmentDocument | SubsegmentDocument;
}

/** Anything with a tree: a `TraceRecord`, or an `AssembledTrace` from `@xray-sandbox/segments`. */
export interface TraceTree {
  readonly id: string;
  readonly segments: readonly TraceNode[];
  readonly orphans: readonly TraceNode[];
}
