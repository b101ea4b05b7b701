/**
 * The assembled view of a trace, built from every document the store holds for it, and
 * the summary the list views, filters and the X-Ray API read.
 */

import type { ProblemCounts } from "./doctor/problem.ts";
import type {
  AnnotationValue,
  SegmentDocument,
  SubsegmentDocument,
  TopLevelDocument,
} from "./document.ts";
import type { DocumentIndex } from "./document-index.ts";
import type { DocumentOrigin, OriginChannel } from "./document-origin.ts";
import type { EpochMillis, EpochSeconds, Seconds, SegmentId, TraceId } from "./units.ts";

/**
 * A document as the store keeps it: its text and the fields it is filed by. The store's
 * `document` is parsed from `raw` each time it is read; parsed documents are not kept.
 */
export interface StoredDocument {
  readonly document: TopLevelDocument;
  readonly index: DocumentIndex;
  /** The JSON text as received. */
  readonly raw: string;
  /** Size in bytes of the body as received (what bounds are measured in). */
  readonly bytes: number;
  /**
   * The text's size in UTF-8 bytes, when it is not `bytes`: a document filed before its
   * text was written (an OTLP protobuf span, counted by its span's size) gives it once the
   * text is read. What a trace's summary and the trace doctor show as a document's size.
   */
  readonly textBytes?: number | undefined;
  readonly receivedAt: EpochMillis;
  /** How the document arrived (and, for OTLP, the span it was made from); undefined when not known. */
  readonly origin: DocumentOrigin | undefined;
}

/** One node of the assembled tree: a segment or a subsegment wherever it came from. */
export interface TraceNode {
  readonly kind: "segment" | "subsegment";
  readonly document: SegmentDocument | SubsegmentDocument;
  /** The id of the segment (service) this node belongs to. */
  readonly segmentId: SegmentId;
  /** The parent node's id, if any (for a downstream segment: the calling subsegment). */
  readonly parentId: SegmentId | undefined;
  /** True when this node arrived as its own document (a streamed subsegment). */
  readonly independent: boolean;
  readonly children: readonly TraceNode[];
}

export interface AssembledTrace {
  readonly id: TraceId;
  /** Top-level segments, earliest `start_time` first. Downstream segments are here too. */
  readonly segments: readonly TraceNode[];
  /** Independent subsegments whose parent has not arrived (yet). */
  readonly orphans: readonly TraceNode[];
  readonly documents: readonly StoredDocument[];
}

export interface ServiceRef {
  readonly name: string;
  /** The segment's `origin` (e.g. `AWS::EC2::Instance`), when it gives one. */
  readonly type: string | undefined;
}

export interface TraceSummary {
  readonly id: TraceId;
  /** Earliest `start_time` of any segment. */
  readonly startTime: EpochSeconds;
  /** Latest `end_time` of any segment; undefined while everything is still in progress. */
  readonly endTime: EpochSeconds | undefined;
  /** `endTime - startTime` across the whole trace. */
  readonly duration: Seconds | undefined;
  /** The root segment's own `end_time - start_time`. */
  readonly responseTime: Seconds | undefined;
  /** The entry point: the segment with no parent (or the earliest when none qualifies). */
  readonly root:
    | {
        readonly id: SegmentId;
        readonly name: string;
        readonly origin: string | undefined;
        /** The root segment's own flags (the trace-level `error`/`fault`/`throttle` of X-Ray). */
        readonly error: boolean;
        readonly fault: boolean;
        readonly throttle: boolean;
      }
    | undefined;
  readonly http:
    | {
        readonly method: string | undefined;
        readonly url: string | undefined;
        readonly status: number | undefined;
        readonly userAgent: string | undefined;
        readonly clientIp: string | undefined;
      }
    | undefined;
  readonly hasFault: boolean;
  readonly hasError: boolean;
  readonly hasThrottle: boolean;
  /** Some document is still `in_progress`. */
  readonly inProgress: boolean;
  /** Pieces are missing: orphan subsegments, or a segment whose parent is not in the trace. */
  readonly partial: boolean;
  /**
   * Subsegments that arrived as their own documents and wait for their parent (the assembled
   * trace's `orphans`): an SDK streamed them and has not sent the rest yet.
   */
  readonly orphanCount: number;
  /** Every annotation key seen in the trace, with its distinct values. */
  readonly annotations: Readonly<Record<string, readonly AnnotationValue[]>>;
  readonly users: readonly string[];
  readonly services: readonly ServiceRef[];
  /**
   * What the trace's documents sent that no clock gives (an end before its start, a time before
   * 2000 or after 2100), each prefixed with the node's name; at most five, then how many
   * more. Empty for a sane trace. The times stay as sent.
   */
  readonly warnings: readonly string[];
  readonly segmentCount: number;
  readonly subsegmentCount: number;
  readonly documentCount: number;
  /**
   * How the trace's documents arrived (X-Ray SDK, OTLP/HTTP, …), each channel once, in
   * `ORIGIN_CHANNELS` order; documents whose origin is not known add none. Not the root
   * segment's `origin` field.
   */
  readonly origins: readonly OriginChannel[];
  /**
   * Every document came from an unsampled span (ADOT's `T1U` datagrams, kept with
   * `--keep-unsampled`): the service did not sample the request, so the trace is what
   * would never reach X-Ray. Such traces have their own bound in the store.
   */
  readonly unsampled: boolean;
  /**
   * What the trace doctor finds in the documents alone (`diagnoseTrace` without a time: a
   * `never-completed` problem needs time to pass and shows in `GET /api/traces/:id/problems`).
   * Always present in HTTP answers. The live stream sends a trace the doctor has not looked
   * at yet without them (in snapshots and batches), and again with its counts once the trace
   * has been quiet for a moment and the doctor found something.
   */
  readonly problems?: ProblemCounts;
  readonly bytes: number;
  readonly firstReceivedAt: EpochMillis;
  readonly lastReceivedAt: EpochMillis;
}
