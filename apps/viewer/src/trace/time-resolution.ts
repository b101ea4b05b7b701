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
  const finest = new Finest();
  for (const time of times) {
    if (finest.add(time)) break;
  }
  return finest.resolution();
}

/** The clock resolution of every node's times in a trace (its tree and its orphans). */
export function traceResolution(trace: {
  readonly segments: readonly TraceNode[];
  readonly orphans: readonly TraceNode[];
}): number {
  const finest = new Finest();
  const stack = [...trace.segments, ...trace.orphans];
  const seen = new Set<TraceNode>();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    if (finest.add(node.document.start_time) || finest.add(node.document.end_time)) break;
    for (const child of node.children) stack.push(child);
  }
  return finest.resolution();
}

/**
 * As `traceResolution`, over every node of a trace already listed once, in any order: no
 * second walk of the tree, which a large trace's first rows would wait for.
 */
export function nodesResolution(nodes: readonly TraceNode[]): number {
  const finest = new Finest();
  for (const node of nodes) {
    if (finest.add(node.document.start_time) || finest.add(node.document.end_time)) break;
  }
  return finest.resolution();
}

/** Powers of ten of the steps tried: a millisecond, 100 µs, 10 µs. */
const SCALES = [1e3, 1e4, 1e5] as const;

/** The finest step seen so far, as decimal digits (3 to 6). */
class Finest {
  #digits = 3;
  #seen = false;

  /** Takes one time; true once nothing finer than a microsecond can be found. */
  add(time: unknown): boolean {
    if (typeof time !== "number" || !Number.isFinite(time) || time <= 0) return false;
    this.#seen = true;
    let digits = 6;
    for (let at = 0; at < SCALES.length && 3 + at < digits; at++) {
      const scaled = time * (SCALES[at] ?? 1);
      const tolerance = Math.abs(scaled) * Number.EPSILON * 4;
      if (Math.abs(scaled - Math.round(scaled)) <= tolerance) {
        digits = 3 + at;
        break;
      }
    }
    if (digits > this.#digits) this.#digits = digits;
    return this.#digits === 6;
  }

  resolution(): number {
    if (!this.#seen) return MICROSECOND;
    return this.#digits === 3 ? MILLISECOND : 10 ** -this.#digits;
  }
}
