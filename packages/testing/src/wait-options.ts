/** The options every wait takes, their defaults, and their checks. */

export interface WaitOptions {
  /** Milliseconds to wait before failing; 5000 unless given. */
  readonly timeout?: number;
}

export interface SettleOptions {
  /**
   * Resolve only with a settled trace: no document still `in_progress`, no streamed
   * subsegment waiting for its parent, and no new document for `quiet` ms. True unless
   * given; false resolves as soon as a matching trace arrives, whatever its state.
   */
  readonly settle?: boolean;
  /**
   * Milliseconds without a new document for a trace before it counts as settled; the
   * handle's `quiet` (150 unless given) unless given.
   */
  readonly quiet?: number;
}

export interface WaitForTraceOptions extends WaitOptions, SettleOptions {}

export interface WaitForTracesOptions extends WaitForTraceOptions {
  /** How many distinct matching traces to wait for. */
  readonly count: number;
}

export interface WaitForSegmentsOptions extends WaitOptions {
  /** An X-Ray filter expression: count only the nodes of the traces it matches. */
  readonly filter?: string;
}

export interface ExpectNoTraceOptions {
  /** Milliseconds during which no matching trace may arrive; 1000 unless given. */
  readonly within?: number;
}

export const DEFAULT_TIMEOUT = 5000;
export const DEFAULT_QUIET = 150;
export const DEFAULT_WITHIN = 1000;

/** Throws a RangeError naming the option when it is not a number of milliseconds ≥ 0. */
export function checkMilliseconds(name: string, value: number): number {
  if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${name} must be a number of milliseconds ≥ 0, got ${String(value)}`);
  }
  return value;
}

export function checkCount(name: string, value: number, minimum: number): number {
  if (!(Number.isInteger(value) && value >= minimum)) {
    throw new RangeError(`${name} must be a whole number ≥ ${minimum}, got ${String(value)}`);
  }
  return value;
}
