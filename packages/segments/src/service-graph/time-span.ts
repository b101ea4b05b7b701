/** The fields a span reads: a document's, or a stored document's index. */
export interface TimedFields {
  readonly start_time?: unknown;
  readonly end_time?: unknown;
}

/** The earliest start and latest end of the documents seen; an open document ends at its start. */
export class TimeSpan {
  start = Number.POSITIVE_INFINITY;
  end = Number.NEGATIVE_INFINITY;

  get empty(): boolean {
    return this.start > this.end;
  }

  include(document: TimedFields): void {
    const start: unknown = document.start_time;
    const end: unknown = document.end_time;
    if (typeof start !== "number" || !Number.isFinite(start)) return;
    this.start = Math.min(this.start, start);
    this.end = Math.max(this.end, typeof end === "number" && Number.isFinite(end) ? end : start);
  }

  includeSpan(span: TimeSpan): void {
    this.start = Math.min(this.start, span.start);
    this.end = Math.max(this.end, span.end);
  }
}
