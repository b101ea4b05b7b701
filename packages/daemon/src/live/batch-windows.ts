import type { CompiledFilter, GroupResolver, TraceId, TraceSummary } from "@xray-sandbox/segments";
import { matchingSummary } from "../trace-filter.ts";
import type { ChangeLog } from "./change-log.ts";
import type { LiveStore } from "./live-store.ts";

/**
 * One stretch of the shared change log as a batch shows it: read, summarized (without the
 * trace doctor's counts unless known already) and serialized once a round, and shared by every client at the same cursor with the same subscription.
 */
export interface BatchWindow {
  /** Where a client that took this window reads next. */
  readonly cursor: number;
  /** Changed traces that match, newest first. */
  readonly upserts: readonly TraceSummary[];
  /** Changed traces with no matching summary (evicted, or not matching), in log order. */
  readonly unmatched: readonly TraceId[];
  /**
   * `{"type":"batch","upserts":[…]`: the opening of the batch message, the very same bytes
   * for every client that takes this window (each adds its own small tail).
   */
  readonly opening: Buffer;
}

export interface BatchWindowsDeps {
  readonly store: LiveStore;
  readonly changes: ChangeLog;
  readonly groups: GroupResolver | undefined;
  /** Changes read into one window. */
  readonly maxBatchUpserts: number;
  /** Changes read into new windows in one round; past it, clients needing one wait a round. */
  readonly maxRoundUpserts: number;
  /** Told of each summary a window holds without the trace doctor's counts. */
  readonly undiagnosed?: (id: TraceId) => void;
}

/**
 * The windows of one flush round, by cursor and subscription. A round's first window is
 * always read; after that, reading stops once `maxRoundUpserts` changes were read this
 * round: `take` then answers only from windows already read (or with an empty one at the
 * log's end), and the client asking for a new one waits for the next round (its changes
 * keep coalescing in the log).
 */
export class BatchWindows {
  readonly #deps: BatchWindowsDeps;
  readonly #windows = new Map<string, BatchWindow>();
  #read = 0;

  constructor(deps: BatchWindowsDeps) {
    this.#deps = deps;
  }

  /** Changes read into windows so far this round. */
  get read(): number {
    return this.#read;
  }

  /** Windows read so far this round. */
  get size(): number {
    return this.#windows.size;
  }

  /** The window at `cursor` for `filter`; undefined when the round's reading budget is spent. */
  take(cursor: number, filter: CompiledFilter | undefined): BatchWindow | undefined {
    const key = filter === undefined ? `${cursor}|all` : `${cursor}|filter|${filter.source}`;
    const cached = this.#windows.get(key);
    if (cached !== undefined) return cached;
    const spent = this.#windows.size > 0 && this.#read >= this.#deps.maxRoundUpserts;
    // A client that has taken everything reads nothing: it never waits for the budget.
    if (spent && cursor < this.#deps.changes.end) return undefined;
    const window = this.#readWindow(cursor, filter);
    this.#windows.set(key, window);
    return window;
  }

  #readWindow(from: number, filter: CompiledFilter | undefined): BatchWindow {
    const { store, changes, groups, maxBatchUpserts, undiagnosed } = this.#deps;
    const { ids, cursor } = changes.read(from, maxBatchUpserts);
    this.#read += ids.length;
    const upserts: TraceSummary[] = [];
    const unmatched: TraceId[] = [];
    for (const id of ids) {
      // Summaries without diagnosing: the doctor looks at a trace once it is quiet.
      const summary = matchingSummary(store, id, filter, groups, true);
      if (summary) {
        upserts.push(summary);
        if (summary.problems === undefined) undiagnosed?.(id);
      } else unmatched.push(id);
    }
    upserts.sort(newestFirst);
    const opening = Buffer.from(`{"type":"batch","upserts":${JSON.stringify(upserts)}`, "utf8");
    return { cursor, upserts, unmatched, opening };
  }
}

function newestFirst(a: TraceSummary, b: TraceSummary): number {
  return b.firstReceivedAt - a.firstReceivedAt;
}
