import { performance } from "node:perf_hooks";
import type { FilterScanStats } from "@xray-sandbox/segments";

/**
 * Work a scan does before it lets the event loop run: UDP batches from the ingest worker,
 * `/api/health` and every other request are served between slices.
 */
export const FILTER_SLICE_MS = 10;

/** Lets the event loop run (I/O callbacks included) before going on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs a filter over many stored traces in slices of at most `sliceMs` of work (a few cheap
 * traces past it at most: `SliceClock.dueSoon`), yielding to the event loop between them, and counts what it did for
 * `/api/stats`. Every query, export and live snapshot that matches a filter against the
 * store goes through one.
 */
export class FilterScans {
  readonly sliceMs: number;
  #scans = 0;
  #running = 0;
  #items = 0;
  #slices = 0;
  #yields = 0;
  #longestSliceMs = 0;
  #refused = 0;

  constructor(sliceMs: number = FILTER_SLICE_MS) {
    if (!(sliceMs > 0)) throw new RangeError(`sliceMs must be above 0, got ${sliceMs}`);
    this.sliceMs = sliceMs;
  }

  /**
   * `select` applied to each item in order, kept where it gives something. Items are read
   * from a list taken before the scan starts; `select` sees the store as it is at its turn,
   * so a trace evicted meanwhile is skipped by it.
   */
  async collect<Item, Out>(
    items: readonly Item[],
    select: (item: Item) => Out | undefined,
  ): Promise<Out[]> {
    const run = this.collectEager(items, select);
    return "done" in run ? run.done : await run.pending;
  }

  /**
   * `visit` on each item in order, in slices as `collect`: for a scan that accumulates. Stops
   * where it is once `abandoned()` says so, as `collectEager`.
   */
  async forEach<Item>(
    items: readonly Item[],
    visit: (item: Item) => void,
    abandoned?: () => boolean,
  ): Promise<void> {
    const run = this.collectEager(
      items,
      (item) => {
        visit(item);
        return undefined;
      },
      abandoned,
    );
    if ("pending" in run) await run.pending;
  }

  /**
   * `collect`, but synchronous when every item fits in the first slice: `done` holds the
   * result then; else `pending` resolves with it, the event loop having run between slices.
   * Once `abandoned()` says so (asked before each item), the scan stops where it is and gives
   * what it has: for a caller whose result is no longer wanted.
   */
  collectEager<Item, Out>(
    items: readonly Item[],
    select: (item: Item) => Out | undefined,
    abandoned: () => boolean = () => false,
  ): { readonly done: Out[] } | { readonly pending: Promise<Out[]> } {
    const run = this.firstEager(items, select, Number.POSITIVE_INFINITY, abandoned);
    return "done" in run
      ? { done: run.done.found }
      : { pending: run.pending.then((first) => first.found) };
  }

  /**
   * The first `wanted` items `select` keeps, in order, scanned as `collectEager` and stopping
   * as soon as it has them: a caller that needs the newest page of matches reads only as far
   * as that page. `scanned` says how many items were read, so that the rest can be counted
   * afterwards (`count`).
   */
  firstEager<Item, Out>(
    items: readonly Item[],
    select: (item: Item) => Out | undefined,
    wanted: number,
    abandoned: () => boolean = () => false,
  ): { readonly done: FirstMatches<Out> } | { readonly pending: Promise<FirstMatches<Out>> } {
    this.#scans++;
    this.#running++;
    const found: Out[] = [];
    const slice = this.slice();
    let next = 0;
    const step = (): boolean => {
      while (next < items.length && found.length < wanted) {
        if (abandoned()) return true;
        if (slice.dueSoon()) return false;
        const selected = select(items[next++] as Item);
        this.#items++;
        if (selected !== undefined) found.push(selected);
      }
      return true;
    };
    const result = (): FirstMatches<Out> => ({ found, scanned: next });
    const finish = () => {
      slice.end();
      this.#running--;
    };
    let finished: boolean;
    try {
      finished = step();
    } catch (error) {
      finish();
      throw error;
    }
    if (finished) {
      finish();
      return { done: result() };
    }
    const rest = async (): Promise<FirstMatches<Out>> => {
      try {
        do await slice.pause();
        while (!step());
        return result();
      } finally {
        finish();
      }
    };
    return { pending: rest() };
  }

  /**
   * How many of `items` from index `from` on `matches` holds for, in slices as `collect`;
   * undefined when `abandoned()` stopped it before the end.
   */
  async count<Item>(
    items: readonly Item[],
    from: number,
    matches: (item: Item) => boolean,
    abandoned: () => boolean = () => false,
  ): Promise<number | undefined> {
    let stopped = false;
    const run = this.firstEager(
      from === 0 ? items : items.slice(from),
      (item) => (matches(item) ? true : undefined),
      Number.POSITIVE_INFINITY,
      () => {
        stopped = abandoned();
        return stopped;
      },
    );
    const { found } = "done" in run ? run.done : await run.pending;
    return stopped ? undefined : found.length;
  }

  /** A slice clock for a scan that runs its own loop (e.g. a stream's `pull`). */
  slice(): SliceClock {
    return new SliceClock(this.sliceMs, (ms, yielded) => {
      this.#slices++;
      if (yielded) this.#yields++;
      if (ms > this.#longestSliceMs) this.#longestSliceMs = ms;
    });
  }

  /** A filter refused at the door for its size (characters, terms, terms with groups). */
  refused(): void {
    this.#refused++;
  }

  stats(): FilterScanStats {
    return {
      scans: this.#scans,
      running: this.#running,
      tracesScanned: this.#items,
      slices: this.#slices,
      yields: this.#yields,
      longestSliceMs: Math.round(this.#longestSliceMs * 1000) / 1000,
      sliceMs: this.sliceMs,
      refusedForSize: this.#refused,
    };
  }
}

/** What `firstEager` found: at most the number wanted, and how many items it read for them. */
export interface FirstMatches<Out> {
  readonly found: Out[];
  readonly scanned: number;
}

/** Most items `dueSoon` lets pass between two readings of the clock. */
const MAX_STRIDE = 64;

/** Times one slice of a scan; `pause()` ends it, yields, and starts the next. */
export class SliceClock {
  readonly #budget: number;
  readonly #report: (ms: number, yielded: boolean) => void;
  #start = performance.now();
  /** `dueSoon`: calls until the next reading of the clock, and calls between two readings. */
  #countdown = 1;
  #stride = 1;
  #lastRead = this.#start;

  constructor(budgetMs: number, report: (ms: number, yielded: boolean) => void) {
    this.#budget = budgetMs;
    this.#report = report;
  }

  /** The slice has used its budget: time to `pause()`. */
  due(): boolean {
    return performance.now() - this.#start >= this.#budget;
  }

  /**
   * `due()` for a loop over many items, reading the clock only every few calls while items
   * are cheap (a reading can cost as much as matching a trace against a summary): up to
   * MAX_STRIDE calls apart while they take under a fiftieth of the budget, fewer as soon as
   * they take more than a twentieth. A slice runs past its budget by one stride at most.
   */
  dueSoon(): boolean {
    if (--this.#countdown > 0) return false;
    const now = performance.now();
    const since = now - this.#lastRead;
    this.#lastRead = now;
    if (since < this.#budget / 50) this.#stride = Math.min(MAX_STRIDE, this.#stride * 2);
    else if (since > this.#budget / 20) this.#stride = Math.max(1, this.#stride >> 1);
    this.#countdown = this.#stride;
    return now - this.#start >= this.#budget;
  }

  async pause(): Promise<void> {
    this.#report(performance.now() - this.#start, true);
    await yieldToEventLoop();
    this.#start = performance.now();
    this.#lastRead = this.#start;
  }

  /** The last slice of a scan. */
  end(): void {
    this.#report(performance.now() - this.#start, false);
  }
}
