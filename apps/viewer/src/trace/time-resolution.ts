import type { TraceNode } from "@xray-sandbox/segments";
import { MICROSECOND, MILLISECOND } from "../format/duration.ts";

/**
 * The step of the clock that wrote these epoch-second times, between a microsecond and a
 * millisecond: the X-Ray SDK for Node.js writes whole milliseconds (`1795686982.123`), the
 * Java and .NET SDKs and OpenTelemetry microseconds or finer. A time counts as a multiple
 * of a step when it is one within the rounding of a double; times that are not finite
 * numbers are skipped; with none, microseconds.
 */
export function clockResolution(times: Iterable<unknown>): number {
  let finest = 3;
  let seen = false;
  for (const time of times) {
    if (typeof time !== "number" || !Number.isFinite(time) || time <= 0) continue;
    seen = true;
    let digits = 6;
    for (let candidate = 3; candidate < 6; candidate++) {
      const scaled = time * 10 ** candidate;
      const tolerance = Math.abs(scaled) * Number.EPSILON * 4;
      if (Math.abs(scaled - Math.round(scaled)) <= tolerance) {
        digits = candidate;
        break;
      }
    }
    finest = Math.max(finest, digits);
    if (finest === 6) break;
  }
  if (!seen) return MICROSECOND;
  return finest === 3 ? MILLISECOND : 10 ** -finest;
}

/** The clock resolution of every node's times in a trace (its tree and its orphans). */
export function traceResolution(trace: {
  readonly segments: readonly TraceNode[];
  readonly orphans: readonly TraceNode[];
}): number {
  return clockResolution(nodeTimes([...trace.segments, ...trace.orphans]));
}

function* nodeTimes(roots: readonly TraceNode[]): Iterable<unknown> {
  const stack = [...roots];
  const seen = new Set<TraceNode>();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    yield node.document.start_time;
    yield node.document.end_time;
    stack.push(...node.children);
  }
}
