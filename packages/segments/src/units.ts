/**
 * Units and identifiers, branded so that a raw number or string cannot be passed where a
 * checked one is expected. X-Ray times are epoch seconds as floats; the sandbox keeps
 * receive times in epoch milliseconds. Conversions live here and nowhere else.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Seconds since the Unix epoch, fractional (the unit of `start_time` / `end_time`). */
export type EpochSeconds = Brand<number, "EpochSeconds">;
/** Milliseconds since the Unix epoch (receive times, `Date.now()`). */
export type EpochMillis = Brand<number, "EpochMillis">;
/** A duration in seconds, fractional. */
export type Seconds = Brand<number, "Seconds">;

/** 16 lower- or upper-case hex digits: a segment, subsegment or exception id. */
export type SegmentId = Brand<string, "SegmentId">;
/** `1-<8 hex epoch seconds>-<24 hex>`. */
export type TraceId = Brand<string, "TraceId">;

const SEGMENT_ID = /^[0-9a-fA-F]{16}$/;
const TRACE_ID = /^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/;

export function isSegmentId(value: unknown): value is SegmentId {
  return typeof value === "string" && SEGMENT_ID.test(value);
}

export function isTraceId(value: unknown): value is TraceId {
  return typeof value === "string" && TRACE_ID.test(value);
}

export function isEpochSeconds(value: unknown): value is EpochSeconds {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

export function epochSeconds(value: number): EpochSeconds {
  return value as EpochSeconds;
}

export function epochMillis(value: number): EpochMillis {
  return value as EpochMillis;
}

export function secondsToMillis(value: EpochSeconds): EpochMillis {
  return (value * 1000) as EpochMillis;
}

export function millisToSeconds(value: EpochMillis): EpochSeconds {
  return (value / 1000) as EpochSeconds;
}

/** `end - start`, in seconds. */
export function secondsBetween(start: EpochSeconds, end: EpochSeconds): Seconds {
  return (end - start) as Seconds;
}

/** The epoch second a trace id says its trace started at (its 8 hex digits). */
export function traceIdEpoch(traceId: TraceId): EpochSeconds {
  return Number.parseInt(traceId.slice(2, 10), 16) as EpochSeconds;
}
