/**
 * What Valgrind's cachegrind counted in one process (its output file's `summary:` line), and
 * the cost that `pnpm bench:otlp-counted` reports from it: the same on any machine and under
 * any load, since the instructions and the cache are simulated, not timed.
 */

/** The events cachegrind counts with `--cache-sim=yes`, in its own names. */
export interface CacheCounts {
  /** Instructions executed. */
  readonly Ir: number;
  /** Instruction fetches that missed the first-level cache, and the last-level one. */
  readonly I1mr: number;
  readonly ILmr: number;
  /** Data reads, their first-level and last-level misses. */
  readonly Dr: number;
  readonly D1mr: number;
  readonly DLmr: number;
  /** Data writes, their first-level and last-level misses. */
  readonly Dw: number;
  readonly D1mw: number;
  readonly DLmw: number;
}

const EVENTS = ["Ir", "I1mr", "ILmr", "Dr", "D1mr", "DLmr", "Dw", "D1mw", "DLmw"] as const;

/**
 * The totals of a cachegrind output file. Throws, naming what is missing, when the file has no
 * `events:` or `summary:` line, or lacks an event (a run without `--cache-sim=yes`).
 */
export function parseCachegrindOutput(text: string): CacheCounts {
  const lines = text.split("\n");
  const events = lines.find((line) => line.startsWith("events:"));
  const summary = lines.find((line) => line.startsWith("summary:"));
  if (events === undefined || summary === undefined) {
    throw new Error("not a cachegrind output file: it has no events: and summary: lines");
  }
  const names = events.slice("events:".length).trim().split(/\s+/);
  const values = summary.slice("summary:".length).trim().split(/\s+/).map(Number);
  const counts: Partial<Record<(typeof EVENTS)[number], number>> = {};
  for (const event of EVENTS) {
    const index = names.indexOf(event);
    const value = values[index];
    if (index === -1 || value === undefined || !Number.isFinite(value)) {
      throw new Error(
        `cachegrind did not count ${event} (was it run with --cache-sim=yes?): events ${names.join(" ")}`,
      );
    }
    counts[event] = value;
  }
  return counts as CacheCounts;
}

/** `later` less `earlier`, event by event: what the rounds between the two runs cost. */
export function countsBetween(earlier: CacheCounts, later: CacheCounts): CacheCounts {
  const out: Partial<Record<(typeof EVENTS)[number], number>> = {};
  for (const event of EVENTS) out[event] = later[event] - earlier[event];
  return out as CacheCounts;
}

/** Every count divided by `by` (the spans a difference of runs ingested). */
export function countsPer(counts: CacheCounts, by: number): CacheCounts {
  const out: Partial<Record<(typeof EVENTS)[number], number>> = {};
  for (const event of EVENTS) out[event] = counts[event] / by;
  return out as CacheCounts;
}

/** First-level misses, instructions and data together. */
export function firstLevelMisses(counts: CacheCounts): number {
  return counts.I1mr + counts.D1mr + counts.D1mw;
}

/** Last-level misses (accesses that went to memory), instructions and data together. */
export function lastLevelMisses(counts: CacheCounts): number {
  return counts.ILmr + counts.DLmr + counts.DLmw;
}

/**
 * Estimated cycles, by the weights instruction-counting benchmark tools use (iai, CodSpeed):
 * an access that hits the first-level cache costs 1, one served by the last-level cache 5, one
 * that goes to memory 35. Instructions are accesses too (their fetch).
 */
export function estimatedCycles(counts: CacheCounts): number {
  const accesses = counts.Ir + counts.Dr + counts.Dw;
  const l1Misses = firstLevelMisses(counts);
  const llMisses = lastLevelMisses(counts);
  return accesses - l1Misses + 5 * (l1Misses - llMisses) + 35 * llMisses;
}
