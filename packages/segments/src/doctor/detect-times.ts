/** Times no clock gives, children outside their parent, and services whose clocks disagree. */

import { isPlausibleEpochSeconds } from "../time-sanity.ts";
import type { DoctorNode, DoctorTrace } from "./doctor-nodes.ts";
import { type ResolvedDoctorOptions, ROUNDING_TOLERANCE_SECONDS } from "./doctor-options.ts";
import { nodeLabel, type ProblemSink, problemOf } from "./problem-list.ts";

/** `ends-before-start` and `time-not-epoch-seconds`. */
export function detectImpossibleTimes({ nodes }: DoctorTrace, report: ProblemSink): void {
  for (const entry of nodes) {
    const start = finite(entry.document.start_time);
    const end = finite(entry.document.end_time);
    for (const [field, value] of [
      ["start_time", start],
      ["end_time", end],
    ] as const) {
      if (value === undefined || isPlausibleEpochSeconds(value)) continue;
      const millis = isPlausibleEpochSeconds(value / 1000) ? " It looks like milliseconds." : "";
      report(
        problemOf(
          "time-not-epoch-seconds",
          `${nodeLabel(entry)} has ${field} ${value}, which is not a time in epoch seconds between 2000 and 2100.${millis}`,
          entry,
        ),
      );
    }
    if (start !== undefined && end !== undefined && end < start) {
      report(
        problemOf(
          "ends-before-start",
          `${nodeLabel(entry)} ends ${seconds(start - end)} before it starts (end_time ${end} < start_time ${start}).`,
          entry,
        ),
      );
    }
  }
}

/** `child-outlives-parent`: a subsegment outside its parent's time, within one service. */
export function detectChildOutsideParent({ nodes }: DoctorTrace, report: ProblemSink): void {
  for (const entry of nodes) {
    const parent = entry.parent;
    if (parent === undefined || entry.node.kind !== "subsegment") continue;
    const times = timesOf(entry);
    const parentTimes = timesOf(parent);
    if (times === undefined || parentTimes === undefined) continue;
    const late = times.end - parentTimes.end;
    const early = parentTimes.start - times.start;
    if (late > ROUNDING_TOLERANCE_SECONDS) {
      report(
        problemOf(
          "child-outlives-parent",
          `${nodeLabel(entry)} ends ${seconds(late)} after its parent ${nodeLabel(parent)} ended: the parent was closed while it still ran.`,
          entry,
        ),
      );
    } else if (early > ROUNDING_TOLERANCE_SECONDS) {
      report(
        problemOf(
          "child-outlives-parent",
          `${nodeLabel(entry)} starts ${seconds(early)} before its parent ${nodeLabel(parent)} started.`,
          entry,
        ),
      );
    }
  }
}

/**
 * `clock-skew`: a downstream segment that starts before the call that caused it, or after that
 * call returned. Its end is not judged: a server closes its segment after writing the response,
 * so on one clock it may end a few milliseconds after its caller's subsegment.
 */
export function detectClockSkew(
  { nodes }: DoctorTrace,
  options: ResolvedDoctorOptions,
  report: ProblemSink,
): void {
  const tolerance = options.clockSkewToleranceSeconds;
  for (const entry of nodes) {
    const caller = entry.caller;
    if (caller === undefined) continue;
    const times = timesOf(entry);
    const callerTimes = timesOf(caller);
    if (times === undefined || callerTimes === undefined) continue;
    const early = callerTimes.start - times.start;
    const afterReturn = times.start - callerTimes.end;
    const skew = early > tolerance ? early : afterReturn > tolerance ? afterReturn : undefined;
    if (skew === undefined) continue;
    const what =
      early > tolerance
        ? `starts ${seconds(early)} before the call that caused it`
        : `starts ${seconds(afterReturn)} after the call that caused it had returned`;
    report(
      problemOf(
        "clock-skew",
        `${nodeLabel(entry)} ${what} (${nodeLabel(caller)} of ${nodeLabel(caller.segment)}): the two services' clocks differ by at least ${seconds(skew)}.`,
        entry,
      ),
    );
  }
}

function timesOf(entry: DoctorNode): { start: number; end: number } | undefined {
  const start = finite(entry.document.start_time);
  const end = finite(entry.document.end_time);
  if (start === undefined || end === undefined || end < start) return undefined;
  if (!isPlausibleEpochSeconds(start) || !isPlausibleEpochSeconds(end)) return undefined;
  return { start, end };
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `12 ms` or `3.5 s`. */
export function seconds(value: number): string {
  return value < 1
    ? `${Number((value * 1000).toPrecision(3))} ms`
    : `${Number(value.toPrecision(3))} s`;
}
