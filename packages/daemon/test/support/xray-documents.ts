/** Segment documents as PutTraceSegments takes them: JSON text, one segment each. */

let counter = 0;

export function hexId(width: number): string {
  counter++;
  const random = Math.floor(Math.random() * 0xffffff);
  return `${counter.toString(16)}${random.toString(16)}`.padStart(width, "0").slice(-width);
}

/** A trace id whose time part is `epochSeconds`. */
export function newTraceId(epochSeconds: number): string {
  return `1-${Math.floor(epochSeconds).toString(16).padStart(8, "0")}-${hexId(24)}`;
}

export interface SegmentSpec {
  readonly traceId: string;
  readonly name: string;
  readonly start: number;
  readonly id?: string;
  readonly end?: number;
  readonly parentId?: string;
  readonly [field: string]: unknown;
}

export function segmentDocument({
  traceId,
  name,
  start,
  id = hexId(16),
  end = start + 0.05,
  parentId,
  ...fields
}: SegmentSpec): string {
  return JSON.stringify({
    name,
    id,
    trace_id: traceId,
    start_time: start,
    end_time: end,
    ...(parentId === undefined ? {} : { parent_id: parentId }),
    ...fields,
  });
}
