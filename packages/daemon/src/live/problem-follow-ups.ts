import type { TraceId, TraceStore } from "@xray-sandbox/segments";

/** A trace sent without its doctor's counts is diagnosed once it has not changed for this long. */
export const DIAGNOSIS_QUIET_MS = 250;
/** Work a flush round may spend diagnosing (wall-clock time, checked after each trace). */
export const DIAGNOSIS_SLICE_MS = 10;

export interface ProblemFollowUpsDeps {
  readonly store: Pick<TraceStore, "getSummary">;
  /** Marks a trace changed, so that every client gets its summary again. */
  readonly changed: (id: TraceId) => void;
  /** A clock for slices; `performance.now` unless given. */
  readonly clock?: () => number;
}

/**
 * Traces the live stream sent before the trace doctor looked at them (a batch reads each
 * changed trace's summary without diagnosing it: a diagnosis costs more than the summary,
 * and a trace still arriving would be diagnosed at every change). Once such a trace has been
 * quiet for `DIAGNOSIS_QUIET_MS`, it is diagnosed (at most `DIAGNOSIS_SLICE_MS` of work a
 * round, oldest first) and, when the doctor found something, marked changed again so every
 * client gets its counts. A trace with no problems is not sent again: a summary without
 * counts shows no problem either way.
 *
 * Holds at most one entry per trace the clients were sent; emptied when the last client goes.
 */
export class ProblemFollowUps {
  readonly #deps: ProblemFollowUpsDeps;
  readonly #clock: () => number;
  /** When each trace was last sent undiagnosed; insertion order is that time's order. */
  readonly #sentAt = new Map<TraceId, number>();
  #diagnosed = 0;
  #reported = 0;

  constructor(deps: ProblemFollowUpsDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? (() => performance.now());
  }

  /** Traces waiting for a diagnosis. */
  get pending(): number {
    return this.#sentAt.size;
  }

  /** Traces diagnosed here so far. */
  get diagnosed(): number {
    return this.#diagnosed;
  }

  /** Traces sent again because the doctor found problems in them. */
  get reported(): number {
    return this.#reported;
  }

  /** A batch sent `id`'s summary without the doctor's counts at `now` (epoch ms). */
  sentUndiagnosed(id: TraceId, now: number): void {
    this.#sentAt.delete(id);
    this.#sentAt.set(id, now);
  }

  /** Diagnoses the traces quiet since `now - DIAGNOSIS_QUIET_MS`, oldest first, within a slice. */
  run(now: number): void {
    if (this.#sentAt.size === 0) return;
    const started = this.#clock();
    for (const [id, sentAt] of this.#sentAt) {
      if (now - sentAt < DIAGNOSIS_QUIET_MS) return;
      this.#sentAt.delete(id);
      // Undefined once evicted: nothing to send then.
      const counts = this.#deps.store.getSummary(id)?.problems;
      this.#diagnosed++;
      if (counts !== undefined && counts.total > 0) {
        this.#reported++;
        this.#deps.changed(id);
      }
      if (this.#clock() - started >= DIAGNOSIS_SLICE_MS) return;
    }
  }

  clear(): void {
    this.#sentAt.clear();
  }
}
