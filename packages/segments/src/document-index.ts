/**
 * The top-level fields a document is filed, replaced and counted by. The store keeps these
 * beside the document's text instead of the parsed document; the hot receive path gets them
 * from `scanDatagram` without building the document at all.
 */

import { type EpochSeconds, epochSeconds, type SegmentId, type TraceId } from "./units.ts";

/**
 * A parsed `TopLevelDocument` is one too, so anything holding a parsed document can pass it
 * where an index is expected.
 */
export interface DocumentIndex {
  readonly id: SegmentId;
  readonly trace_id: TraceId;
  readonly name: string;
  readonly start_time: EpochSeconds;
  /** Absent unless it is a finite number (an `in_progress` document may carry anything). */
  readonly end_time?: EpochSeconds | undefined;
  readonly parent_id?: SegmentId | undefined;
  /** `"subsegment"` for an independent subsegment; absent for a segment, whatever it said. */
  readonly type?: "subsegment" | undefined;
  /** Absent unless the document gave a boolean. */
  readonly in_progress?: boolean | undefined;
}

/**
 * Just the index fields, normalised as documented on `DocumentIndex`: what the store keeps,
 * whether it was handed a scan's index or a whole parsed document. Normalising is done once:
 * an index this function made is returned as it is.
 */
export function documentIndex(document: DocumentIndex): DocumentIndex {
  if (document instanceof NormalizedIndex) return document;
  return new NormalizedIndex(
    document.id,
    document.trace_id,
    document.name,
    document.start_time,
    finiteSeconds(document.end_time),
    document.parent_id,
    subsegmentType(document.type),
    booleanOrUndefined(document.in_progress),
  );
}

/**
 * The index of a document known only by these fields (an OpenTelemetry span filed before its
 * text is written): what `documentIndex` makes of a document with them, built at once, so
 * that the store keeps it as it is instead of copying it. No `end` means in progress.
 */
export function filedIndex(
  traceId: TraceId,
  id: SegmentId,
  name: string,
  start: EpochSeconds,
  end: EpochSeconds | undefined,
  parentId: SegmentId | undefined,
  subsegment: boolean,
): DocumentIndex {
  return new NormalizedIndex(
    id,
    traceId,
    name,
    start,
    end,
    parentId,
    subsegment ? "subsegment" : undefined,
    end === undefined ? true : undefined,
  );
}

/**
 * `documentIndex(document)` holding `traceId`, a string equal to its `trace_id`, instead of
 * its own copy: the store passes its trace's id, so that the documents of a trace share one
 * string (a trace id is 35 characters; the store may hold millions of documents). An index
 * `documentIndex` made is given the shared string in place: the value does not change.
 */
export function indexSharingTraceId(document: DocumentIndex, traceId: TraceId): DocumentIndex {
  if (document.trace_id !== traceId) {
    throw new RangeError(`the trace id ${traceId} is not the document's (${document.trace_id})`);
  }
  const index = documentIndex(document);
  if (index instanceof NormalizedIndex) index.trace_id = traceId;
  return index;
}

/** One shape for every index the store holds. */
class NormalizedIndex implements DocumentIndex {
  constructor(
    readonly id: SegmentId,
    /** Not readonly: `indexSharingTraceId` swaps it for an equal, shared string. */
    public trace_id: TraceId,
    readonly name: string,
    readonly start_time: EpochSeconds,
    readonly end_time: EpochSeconds | undefined,
    readonly parent_id: SegmentId | undefined,
    readonly type: "subsegment" | undefined,
    readonly in_progress: boolean | undefined,
  ) {}
}

function finiteSeconds(value: unknown): EpochSeconds | undefined {
  return typeof value === "number" && Number.isFinite(value) ? epochSeconds(value) : undefined;
}

function subsegmentType(value: unknown): "subsegment" | undefined {
  return value === "subsegment" ? value : undefined;
}

function booleanOrUndefined(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}
