/**
 * Follows the traces of a sandbox for one wait: what is there when it starts (read over
 * HTTP), then every change the live feed reports, and calls `found` once for each trace the
 * matcher accepts. With `settle`, only once the trace has settled: no document in progress,
 * no streamed subsegment waiting for its parent, and no new document for `quiet` ms.
 */

import type { TraceId, TraceSummary } from "@xray-sandbox/segments";
import { type SandboxError, SandboxUnreachableError } from "./errors.ts";
import type { FeedListener, LiveFeed } from "./live-feed.ts";
import type { TraceRecord } from "./records.ts";
import type { TraceMatcher } from "./trace-matcher.ts";

export interface TraceWatchOptions {
  readonly feed: LiveFeed;
  readonly matcher: TraceMatcher;
  readonly settle: boolean;
  /** Milliseconds without a new document before a trace counts as settled. */
  readonly quiet: number;
  /** A matching trace (settled, with `settle`); called once per trace. */
  readonly found: (record: TraceRecord) => void;
  /** The sandbox could not be read; the watch has stopped. */
  readonly failed: (error: unknown) => void;
}

interface Tracked {
  readonly id: TraceId;
  /** The newest summary seen. */
  summary: TraceSummary;
  /** The last read: at which version, and the record when it matched. */
  known: { readonly summary: TraceSummary; readonly record: TraceRecord | undefined } | undefined;
  timer: NodeJS.Timeout | undefined;
  reading: boolean;
  /** A newer summary came in while it was being read. */
  stale: boolean;
}

export class TraceWatch implements FeedListener {
  readonly #options: TraceWatchOptions;
  readonly #tracked = new Map<TraceId, Tracked>();
  readonly #accepted = new Set<TraceId>();
  #unwatch: (() => void) | undefined;
  #stopped = false;
  /** The HTTP read in flight, and whether another is owed once it is done. */
  #reading: Promise<void> | undefined;
  #readAgain = false;
  /** The first read is done: from then on a sandbox out of reach is waited out (see `#lostRead`). */
  #started = false;

  constructor(options: TraceWatchOptions) {
    this.#options = options;
  }

  /** Subscribes, then reads what is already there; resolves once that read is done. */
  async start(): Promise<void> {
    this.#unwatch = await this.#options.feed.watch(this);
    if (this.#stopped) {
      this.#unwatch();
      return;
    }
    await this.#reread();
    this.#started = true;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#unwatch?.();
    for (const tracked of this.#tracked.values()) clearTimeout(tracked.timer);
    this.#tracked.clear();
  }

  /**
   * Traces that may match and have not been found: in progress, waiting for a parent, or
   * not quiet yet. Newest first.
   */
  pending(): TraceSummary[] {
    return [...this.#tracked.values()]
      .filter(({ id, summary, known }) => {
        if (this.#accepted.has(id) || !this.#options.matcher.mayMatch(summary)) return false;
        const knownMiss = known && !known.record && sameVersion(known.summary, summary);
        return !knownMiss;
      })
      .map(({ summary }) => summary)
      .sort((a, b) => b.firstReceivedAt - a.firstReceivedAt);
  }

  changed(summaries: readonly TraceSummary[]): void {
    for (const summary of summaries) this.#offer(summary, undefined);
  }

  removed(ids: readonly TraceId[]): void {
    for (const id of ids) this.#forget(id);
  }

  cleared(): void {
    for (const id of [...this.#tracked.keys()]) this.#forget(id);
  }

  resync(): void {
    void this.#reread();
  }

  failed(error: SandboxError): void {
    this.#fail(error);
  }

  /** Reads over HTTP every trace the matcher looks at; one read at a time, none skipped. */
  #reread(): Promise<void> {
    if (this.#reading) {
      this.#readAgain = true;
      return this.#reading;
    }
    const { matcher } = this.#options;
    this.#reading = (async () => {
      do {
        this.#readAgain = false;
        let records: TraceRecord[];
        try {
          records = await matcher.query();
        } catch (error) {
          this.#lostRead(error);
          return;
        }
        for (const record of records) {
          if (this.#stopped) return;
          this.#offer(record.summary, { record: matcher.accepts(record) ? record : undefined });
        }
      } while (this.#readAgain && !this.#stopped);
    })().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  /**
   * A summary of a trace; `read` when the trace was read at that version (its record when it
   * matched). Older versions and repeats are ignored.
   */
  #offer(summary: TraceSummary, read: { record: TraceRecord | undefined } | undefined): void {
    if (this.#stopped || this.#accepted.has(summary.id)) return;
    let tracked = this.#tracked.get(summary.id);
    if (!tracked) {
      tracked = {
        id: summary.id,
        summary,
        known: undefined,
        timer: undefined,
        reading: false,
        stale: false,
      };
      this.#tracked.set(summary.id, tracked);
    } else if (isNewer(summary, tracked.summary)) {
      tracked.summary = summary;
    } else {
      // The same version again (a batch and a read crossing): news only if it was read.
      const known = tracked.known;
      const alreadyRead = known !== undefined && sameVersion(known.summary, summary);
      if (!read || !sameVersion(summary, tracked.summary) || alreadyRead) return;
    }
    if (read && sameVersion(summary, tracked.summary)) {
      tracked.known = { summary, record: read.record };
    }
    this.#consider(tracked);
  }

  /** Decides now, or once the trace has been quiet long enough. */
  #consider(tracked: Tracked): void {
    const { feed, matcher, settle, quiet } = this.#options;
    clearTimeout(tracked.timer);
    tracked.timer = undefined;
    const { summary } = tracked;
    if (!matcher.mayMatch(summary)) return;
    if (settle && !looksSettled(summary)) return;
    const due = settle ? feed.localTime(summary.lastReceivedAt) + quiet - Date.now() : 0;
    if (due > 0) tracked.timer = setTimeout(() => this.#decide(tracked), due);
    else this.#decide(tracked);
  }

  #decide(tracked: Tracked): void {
    tracked.timer = undefined;
    if (this.#stopped) return;
    const { known } = tracked;
    if (known && sameVersion(known.summary, tracked.summary)) {
      this.#conclude(tracked, known.record);
      return;
    }
    if (tracked.reading) {
      tracked.stale = true;
      return;
    }
    tracked.reading = true;
    const asked = tracked.summary;
    this.#options.matcher.read(tracked.id).then(
      (record) => {
        tracked.reading = false;
        if (this.#stopped || this.#tracked.get(tracked.id) !== tracked) return;
        const current = record?.summary;
        if (current && isNewer(current, tracked.summary)) tracked.summary = current;
        tracked.known = { summary: current ?? asked, record };
        const changed = current !== undefined && !sameVersion(current, asked);
        if (tracked.stale || changed) {
          tracked.stale = false;
          // A document came in meanwhile: it restarts the quiet period.
          this.#consider(tracked);
          return;
        }
        this.#conclude(tracked, record);
      },
      (error: unknown) => {
        tracked.reading = false;
        this.#lostRead(error);
      },
    );
  }

  /**
   * A read failed. Once the watch has started, a sandbox out of reach is taken as a restart
   * under way: the feed reconnects and calls `resync`, which reads everything again, and the
   * wait's own timeout bounds how long that may take. Any other failure ends the watch.
   */
  #lostRead(error: unknown): void {
    if (this.#started && error instanceof SandboxUnreachableError) return;
    this.#fail(error);
  }

  #conclude(tracked: Tracked, record: TraceRecord | undefined): void {
    if (!record || this.#accepted.has(tracked.id)) return;
    if (this.#options.settle && (record.summary.inProgress || record.orphans.length > 0)) return;
    this.#accepted.add(tracked.id);
    clearTimeout(tracked.timer);
    this.#options.found(record);
  }

  #forget(id: TraceId): void {
    const tracked = this.#tracked.get(id);
    if (tracked) clearTimeout(tracked.timer);
    this.#tracked.delete(id);
  }

  #fail(error: unknown): void {
    if (this.#stopped) return;
    this.stop();
    this.#options.failed(error);
  }
}

/** Nothing in progress and nothing waiting for its parent, as far as the summary tells. */
function looksSettled(summary: TraceSummary): boolean {
  return !summary.inProgress && !(summary.orphanCount > 0);
}

function sameVersion(a: TraceSummary, b: TraceSummary): boolean {
  return (
    a.lastReceivedAt === b.lastReceivedAt &&
    a.documentCount === b.documentCount &&
    a.bytes === b.bytes
  );
}

/**
 * Whether `a` describes the trace after `b` did. Documents only add up, and the last receive
 * time only grows; a replaced in-progress document changes the bytes.
 */
function isNewer(a: TraceSummary, b: TraceSummary): boolean {
  if (a.lastReceivedAt !== b.lastReceivedAt) return a.lastReceivedAt > b.lastReceivedAt;
  if (a.documentCount !== b.documentCount) return a.documentCount > b.documentCount;
  return a.bytes !== b.bytes;
}
