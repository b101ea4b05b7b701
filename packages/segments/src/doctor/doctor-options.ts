/** What a diagnosis is relative to: the time now, and the thresholds of the timing checks. */

export interface DoctorOptions {
  /**
   * Epoch milliseconds now. Without it, checks that depend on time passing (`never-completed`)
   * are skipped: what a trace summary counts is what its documents show alone.
   */
  readonly now?: number;
  /** An `in_progress` document not replaced after this long is `never-completed`. */
  readonly neverCompletedAfterMs?: number;
  /** How far one service's times may stray from its caller's before it is `clock-skew`. */
  readonly clockSkewToleranceSeconds?: number;
}

export interface ResolvedDoctorOptions {
  readonly now: number | undefined;
  readonly neverCompletedAfterMs: number;
  readonly clockSkewToleranceSeconds: number;
}

export const DEFAULT_NEVER_COMPLETED_AFTER_MS = 30_000;
export const DEFAULT_CLOCK_SKEW_TOLERANCE_SECONDS = 0.005;
/** Times within one service are rounded to the millisecond by some SDKs. */
export const ROUNDING_TOLERANCE_SECONDS = 0.0015;

export function resolveDoctorOptions(options: DoctorOptions = {}): ResolvedDoctorOptions {
  return {
    now: options.now,
    neverCompletedAfterMs: options.neverCompletedAfterMs ?? DEFAULT_NEVER_COMPLETED_AFTER_MS,
    clockSkewToleranceSeconds:
      options.clockSkewToleranceSeconds ?? DEFAULT_CLOCK_SKEW_TOLERANCE_SECONDS,
  };
}
