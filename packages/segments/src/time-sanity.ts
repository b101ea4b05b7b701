/**
 * Times no clock gives. X-Ray times are epoch seconds; a document that ends before it starts,
 * or whose times fall before 2000 or after 2100 (0, a duration, or milliseconds sent as
 * seconds), is still stored (a user needs to see what the SDK sent) but flagged, and the viewer
 * shows the value as sent with a warning instead of a negative duration or a 1970 date.
 */

import { describeValue } from "./describe-value.ts";

/** 2000-01-01T00:00:00Z in epoch seconds. */
export const EARLIEST_PLAUSIBLE_SECONDS = 946_684_800;
/** 2100-01-01T00:00:00Z in epoch seconds. */
const LATEST_PLAUSIBLE_SECONDS = 4_102_444_800;

/** An epoch-seconds time a real clock can have given: from 2000 to 2100. */
export function isPlausibleEpochSeconds(value: unknown): value is number {
  return (
    typeof value === "number" &&
    value >= EARLIEST_PLAUSIBLE_SECONDS &&
    value < LATEST_PLAUSIBLE_SECONDS
  );
}

/**
 * What is impossible about one document's `start_time` and `end_time`, in words; empty when
 * nothing is. Missing or non-numeric times are not judged here (the schema checks say so).
 */
export function timeProblems(document: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const { start_time: start, end_time: end } = document;
  const startIsTime = typeof start === "number" && Number.isFinite(start);
  const endIsTime = typeof end === "number" && Number.isFinite(end);
  if (startIsTime && !isPlausibleEpochSeconds(start))
    problems.push(implausible("start_time", start));
  if (endIsTime && !isPlausibleEpochSeconds(end)) problems.push(implausible("end_time", end));
  if (startIsTime && endIsTime && end < start) {
    problems.push(
      `"end_time" ${describeValue(end)} is before "start_time" ${describeValue(start)}: it ends ${formatSeconds(start - end)} before it starts`,
    );
  }
  return problems;
}

function implausible(field: string, value: number): string {
  const asMillis = isPlausibleEpochSeconds(value / 1000)
    ? "; it looks like milliseconds, and X-Ray times are epoch seconds"
    : "; X-Ray times are epoch seconds";
  return `"${field}" ${describeValue(value)} is not a time a clock gives (before 2000 or after 2100)${asMillis}`;
}

function formatSeconds(seconds: number): string {
  return seconds < 1
    ? `${Number((seconds * 1000).toPrecision(3))} ms`
    : `${Number(seconds.toPrecision(3))} s`;
}
