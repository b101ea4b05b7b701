/**
 * Whether a trace is active within a service graph's window, decided the same way from the
 * assembled trace (what `ServiceGraphBuilder` does) and from the index fields of its stored
 * documents (what a caller does to skip a trace without parsing or assembling it).
 */

import type { StoredDocument } from "../trace.ts";
import type { ServiceGraphOptions } from "./service-graph-types.ts";
import { TimeSpan } from "./time-span.ts";

/**
 * Earliest `start_time` to latest end of a trace's segments (a segment with no `end_time`
 * ends at its start); `start` above `end` when the trace has no timed segment.
 */
export interface TraceTimeSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Active in `[start, end]` (either bound may be absent): the span is not empty, ends at or
 * after `start` and starts at or before `end`.
 */
export function activeInWindow(span: TraceTimeSpan, { start, end }: ServiceGraphOptions): boolean {
  if (span.start > span.end) return false;
  return (start === undefined || span.end >= start) && (end === undefined || span.start <= end);
}

/**
 * The span of the trace's segments from its stored documents' index fields, nothing parsed:
 * the same span as from the assembled trace, since each stored document that is not an
 * independent subsegment is one of its segments, with the same times.
 */
export function storedTraceSpan(documents: Iterable<StoredDocument>): TraceTimeSpan {
  const span = new TimeSpan();
  for (const { index } of documents) {
    if (index.type !== "subsegment") span.include(index);
  }
  return { start: span.start, end: span.end };
}
