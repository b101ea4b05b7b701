/**
 * The top-level fields a document is filed, replaced and counted by. The store keeps these
 * beside the document's text instead of the parsed document; the hot receive path gets them
 * from `scanDatagram` without building the document at all.
 */

import {
  type EpochSeconds,
  epochSeconds,
  isSegmentId,
  isTraceId,
  type SegmentId,
  type TraceId,
} from "./units.ts";

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
 * A copy of just the index fields, normalised as documented on `DocumentIndex`: what the
 * store keeps, whether it was handed a scan's index or a whole parsed document.
 */
export function documentIndex(document: DocumentIndex): DocumentIndex {
  return {
    id: document.id,
    trace_id: document.trace_id,
    name: document.name,
    start_time: document.start_time,
    end_time: finiteSeconds(document.end_time),
    parent_id: document.parent_id,
    type: subsegmentType(document.type),
    in_progress: booleanOrUndefined(document.in_progress),
  };
}

/**
 * The index of top-level fields as a scan found them, or undefined when the fields every
 * document needs are not there (`requiredFieldProblems` says which and why).
 */
export function indexOfFields(
  fields: Readonly<Record<string, unknown>>,
): DocumentIndex | undefined {
  const { id, trace_id, name, start_time, parent_id } = fields;
  const start = finiteSeconds(start_time);
  if (!isSegmentId(id) || !isTraceId(trace_id) || typeof name !== "string") return undefined;
  if (start === undefined || (parent_id !== undefined && !isSegmentId(parent_id))) {
    return undefined;
  }
  return {
    id,
    trace_id,
    name,
    start_time: start,
    end_time: finiteSeconds(fields.end_time),
    parent_id,
    type: subsegmentType(fields.type),
    in_progress: booleanOrUndefined(fields.in_progress),
  };
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
