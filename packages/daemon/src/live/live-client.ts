import {
  type CompiledFilter,
  epochMillis,
  type GroupResolver,
  LIVE_PROTOCOL_VERSION,
  type LiveBounds,
  type LiveServerMessage,
  type RejectionSample,
  type SandboxStats,
  type TraceId,
  type TraceSummary,
} from "@xray-sandbox/segments";
import type { FilterScans, FirstMatches } from "../filter-scans.ts";
import { compileQueryFilter, matchingSummary } from "../trace-filter.ts";
import type { BatchWindow } from "./batch-windows.ts";
import type { ChangeLog } from "./change-log.ts";
import { parseClientMessage } from "./client-message.ts";
import { STATS_ONLY_INTERVAL_MS } from "./live-bounds.ts";
import { type LiveSocket, sendTextParts } from "./live-socket.ts";
import type { LiveStore } from "./live-store.ts";

/** What every client reads from during one flush round; computed at most once a round. */
export interface FlushRound {
  readonly now: number;
  /** Grows whenever something shown in stats may have changed. */
  readonly activity: number;
  readonly rejectionsTotal: number;
  stats(): SandboxStats;
  /** `stats()` as JSON, serialized once a round. */
  statsJson(): string;
  /** The newest `count` kept rejections, newest first. */
  newestRejections(count: number): readonly RejectionSample[];
  /**
   * The changes from `cursor` on for `filter`, read and serialized once a round for every
   * client at that cursor; undefined when the round's reading budget is spent.
   */
  window(cursor: number, filter: CompiledFilter | undefined): BatchWindow | undefined;
}

export interface LiveClientDeps {
  readonly socket: LiveSocket;
  readonly store: LiveStore;
  /** The changes shared by every client; this client reads it from its own cursor. */
  readonly changes: ChangeLog;
  readonly bounds: LiveBounds;
  readonly groups: GroupResolver | undefined;
  /** Subscription filters are taken as every query takes them, and counted there. */
  readonly filterScans: FilterScans;
  readonly version: string;
  /** A fresh round for messages sent outside the flush (hello, snapshot on subscribe). */
  readonly round: () => FlushRound;
  readonly onResync: () => void;
  /** Told of each summary a snapshot sent without the trace doctor's counts. */
  readonly undiagnosed?: (id: TraceId) => void;
}

/**
 * `held`: over its queue bound; `stalled`: over it for `stallTimeoutMs`, to be closed;
 * `deferred`: its changes wait for the next round (the round's reading budget was spent).
 */
export type FlushOutcome = "sent" | "idle" | "held" | "stalled" | "deferred";

/**
 * One live client: its subscription, the traces it has been sent, its cursor in the shared
 * change log, and what it is owed (`cleared`, `resync`, a snapshot). A client that reads
 * slowly gets fewer, larger batches (a trace changed many times is sent once); one whose
 * changes were cut off the log (past `maxPendingTraces`) is told to resync. Held back, it
 * costs nothing a round but a look at its queue. Its batches are built from the round's
 * shared windows: a client at the same cursor as another costs no reading or serializing.
 */
export class LiveClient {
  readonly socket: LiveSocket;
  readonly #deps: LiveClientDeps;
  #filter: CompiledFilter | undefined;
  /** The subscription's own bound on a snapshot's summaries (`subscribe`'s `limit`). */
  #limit: number | undefined;
  /** The next change in the shared log this client has not been sent. */
  #cursor: number;
  /**
   * With a filter, the traces the client holds (sent in a snapshot or upsert, not removed
   * since), so that one that stops matching is removed. Without one it stays empty: every
   * change is sent, and a trace without a summary was evicted.
   */
  readonly #known = new Set<TraceId>();
  #seq = 0;
  /** Bytes sent to the socket since the client connected. */
  #sentBytes = 0;
  /** Bytes sent up to the last `snapshot` or `batch` the client acknowledged. */
  #ackedBytes = 0;
  /** Each `snapshot` and `batch` not yet acknowledged: its seq and `#sentBytes` after it. */
  readonly #unacked: { readonly seq: number; readonly bytes: number }[] = [];
  #cleared = false;
  #resyncReason: string | undefined;
  #snapshotOwed = false;
  /** Counts snapshots begun: a filtered one still scanning is dropped once a newer begins. */
  #snapshots = 0;
  /** A filtered snapshot is scanning the store in slices: nothing else is sent meanwhile. */
  #scanning = false;
  #rejectionsSeen = 0;
  #statsActivity = -1;
  #lastBatchAt = Number.NEGATIVE_INFINITY;
  #stalledSince: number | undefined;
  /** Answered the last ping, or sent something since. */
  alive = true;
  /** The hub is closing it: nothing more is sent. */
  closing = false;

  constructor(deps: LiveClientDeps) {
    this.socket = deps.socket;
    this.#deps = deps;
    this.#cursor = deps.changes.end;
  }

  /** Bytes sent that the client has not acknowledged. */
  get unackedBytes(): number {
    return this.#sentBytes - this.#ackedBytes;
  }

  /** Why the hub closes it once `flush` says `stalled`. */
  get stallReason(): string {
    const { maxBufferedBytes, maxUnackedBytes, stallTimeoutMs } = this.#deps.bounds;
    const over =
      this.socket.bufferedAmount > maxBufferedBytes
        ? `over ${maxBufferedBytes} bytes queued`
        : `over ${maxUnackedBytes} bytes sent and not acknowledged`;
    return `stalled: ${over} for ${stallTimeoutMs / 1000} s`;
  }

  /** The oldest change this client still needs: the hub releases what is before every one. */
  get cursor(): number {
    return this.#cursor;
  }

  start(): void {
    const round = this.#deps.round();
    this.#send({
      type: "hello",
      protocol: LIVE_PROTOCOL_VERSION,
      version: this.#deps.version,
      serverTime: epochMillis(round.now),
      maxUnackedBytes: this.#deps.bounds.maxUnackedBytes,
    });
    this.#sendSnapshot(round);
  }

  received(text: string | undefined): void {
    this.alive = true;
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.#sendSmall({ type: "error", code: "INVALID_MESSAGE", message: parsed.message });
      return;
    }
    const message = parsed.message;
    if (message.type === "ping") {
      this.#sendSmall({ type: "pong" });
      return;
    }
    if (message.type === "ack") {
      this.#acknowledged(message.seq);
      return;
    }
    if (message.filter === null) {
      this.#filter = undefined;
    } else {
      const compiled = compileQueryFilter(
        message.filter,
        this.#deps.groups,
        this.#deps.filterScans,
      );
      if (!compiled.ok) {
        this.#sendSmall({
          type: "error",
          code: "INVALID_FILTER",
          message: `invalid filter: ${compiled.error.message}`,
          filterError: compiled.error,
        });
        return;
      }
      this.#filter = compiled.filter;
    }
    this.#limit = message.limit;
    // A snapshot still scanning for the previous subscription is not wanted any more.
    this.#snapshots++;
    this.#scanning = false;
    if (this.#overBound()) this.#snapshotOwed = true;
    else this.#sendSnapshot(this.#deps.round());
  }

  /** Every trace was deleted and the change log emptied: the next batch says `cleared`. */
  cleared(): void {
    this.#cursor = this.#deps.changes.end;
    this.#known.clear();
    this.#cleared = true;
  }

  /** Sends what is owed, if the client's queue has room; `stalled` once over it too long. */
  flush(round: FlushRound): FlushOutcome {
    if (this.closing || this.#scanning) return "idle";
    if (this.#overBound()) {
      this.#stalledSince ??= round.now;
      return round.now - this.#stalledSince >= this.#deps.bounds.stallTimeoutMs
        ? "stalled"
        : "held";
    }
    this.#stalledSince = undefined;
    if (this.#snapshotOwed) {
      this.#sendSnapshot(round);
      return "sent";
    }
    if (this.#deps.changes.missed(this.#cursor)) this.#skipMissed();
    if (this.#resyncReason !== undefined) {
      this.#send({ type: "resync", reason: this.#resyncReason });
      this.#resyncReason = undefined;
      this.#deps.onResync();
    }
    return this.#sendBatch(round);
  }

  #sendBatch(round: FlushRound): FlushOutcome {
    const window = round.window(this.#cursor, this.#filter);
    if (window === undefined) return "deferred";
    this.#cursor = window.cursor;
    const { upserts } = window;
    const removed = this.#removedIn(window);
    const unseen = round.rejectionsTotal - this.#rejectionsSeen;
    const rejections = unseen > 0 ? round.newestRejections(unseen) : [];
    const changed =
      upserts.length > 0 || removed.length > 0 || this.#cleared || rejections.length > 0;
    const statsDue =
      round.activity !== this.#statsActivity &&
      round.now - this.#lastBatchAt >= STATS_ONLY_INTERVAL_MS;
    this.#rejectionsSeen = round.rejectionsTotal;
    if (!changed && !statsDue) return "idle";
    // The shared opening (`{"type":"batch","upserts":[…]`), then this client's own fields.
    const tail =
      `,"seq":${++this.#seq},"removed":${JSON.stringify(removed)},"cleared":${this.#cleared}` +
      `,"stats":${round.statsJson()},"rejections":${JSON.stringify(rejections)}}`;
    sendTextParts(this.socket, [window.opening, tail]);
    this.#sent(window.opening.length + Buffer.byteLength(tail), this.#seq);
    this.#cleared = false;
    this.#statsActivity = round.activity;
    this.#lastBatchAt = round.now;
    return "sent";
  }

  /**
   * The window's removals for this client: an evicted trace is removed even if this client
   * never got it over the socket (it may hold it from an older page read over HTTP); with a
   * filter, so is a trace it holds that no longer matches.
   */
  #removedIn(window: BatchWindow): TraceId[] {
    if (this.#filter === undefined) return [...window.unmatched];
    const { store } = this.#deps;
    for (const summary of window.upserts) this.#known.add(summary.id);
    return window.unmatched.filter((id) => this.#known.delete(id) || !store.has(id));
  }

  /**
   * All traces, or those matching the subscription, newest first. A filter runs over the
   * trace ids of this moment in slices (at once when they fit in one): changes from here on
   * wait in the log for the batches after the snapshot, which go out once it is sent.
   */
  #sendSnapshot(round: FlushRound): void {
    const { store, bounds } = this.#deps;
    const limit = Math.min(bounds.snapshotLimit, this.#limit ?? bounds.snapshotLimit);
    const ids = store.traceIds();
    const snapshot = ++this.#snapshots;
    this.#cursor = this.#deps.changes.end;
    this.#known.clear();
    this.#cleared = false;
    this.#resyncReason = undefined;
    this.#snapshotOwed = false;
    this.#scanning = false;
    const filter = this.#filter;
    if (!filter) {
      const summaries = ids.slice(0, limit).flatMap((id) => store.peekSummary(id) ?? []);
      this.#snapshotReady(round, null, summaries, ids.length, limit);
      return;
    }
    // Newest first, and only as far as the snapshot's `limit` of matches: the rest is counted
    // after the snapshot went out, and the count follows in a message of its own.
    const stale = () => snapshot !== this.#snapshots || this.closing;
    const run = this.#deps.filterScans.firstEager(
      ids,
      (id) => matchingSummary(store, id, filter, this.#deps.groups, true),
      limit,
      stale,
    );
    const ready = (at: FlushRound, { found, scanned }: FirstMatches<TraceSummary>): void => {
      const counting = scanned < ids.length;
      this.#snapshotReady(at, filter.source, found, found.length, limit, counting);
      if (counting) this.#countRest(ids, scanned, found.length, filter, stale);
    };
    if ("done" in run) {
      ready(round, run.done);
      return;
    }
    this.#scanning = true;
    run.pending.then(
      (first) => {
        if (stale()) return;
        this.#scanning = false;
        ready(this.#deps.round(), first);
      },
      (error: unknown) => {
        if (stale()) return;
        this.#scanning = false;
        const reason = error instanceof Error ? error.message : String(error);
        this.#send({ type: "resync", reason: `the snapshot could not be made: ${reason}` });
      },
    );
  }

  /**
   * Counts the matches among `ids` from `from` on, in slices while batches go out, and sends
   * the snapshot's whole count; nothing when a newer subscription made it stale.
   */
  #countRest(
    ids: readonly TraceId[],
    from: number,
    found: number,
    filter: CompiledFilter,
    stale: () => boolean,
  ): void {
    const { store, groups, filterScans } = this.#deps;
    filterScans
      .count(
        ids,
        from,
        (id) => matchingSummary(store, id, filter, groups, true) !== undefined,
        stale,
      )
      .then(
        (rest) => {
          if (rest === undefined || stale()) return;
          this.#send({ type: "count", filter: filter.source, total: found + rest });
        },
        (error: unknown) => {
          if (stale()) return;
          const reason = error instanceof Error ? error.message : String(error);
          this.#send({ type: "resync", reason: `the snapshot's count failed: ${reason}` });
        },
      );
  }

  #snapshotReady(
    round: FlushRound,
    filter: string | null,
    summaries: TraceSummary[],
    total: number,
    limit: number,
    counting = false,
  ): void {
    // Only a filtered client needs to know what it holds: to remove what stops matching.
    if (this.#filter) for (const summary of summaries) this.#known.add(summary.id);
    // Read without diagnosing (a resync's snapshot must not hold up the other clients):
    // the doctor's counts follow in a batch for the traces that have problems.
    const undiagnosed = this.#deps.undiagnosed;
    if (undiagnosed) {
      for (const summary of summaries) if (summary.problems === undefined) undiagnosed(summary.id);
    }
    this.#rejectionsSeen = round.rejectionsTotal;
    this.#statsActivity = round.activity;
    this.#send({
      type: "snapshot",
      seq: ++this.#seq,
      filter,
      summaries,
      total,
      limit,
      stats: round.stats(),
      ...(counting ? { counting } : {}),
    });
  }

  /** Changes this client had not taken were cut off the log: it goes on from the oldest kept. */
  #skipMissed(): void {
    const { changes, store, bounds } = this.#deps;
    this.#cursor = changes.start;
    for (const id of this.#known) if (!store.has(id)) this.#known.delete(id);
    this.#resyncReason = `more than ${bounds.maxPendingTraces} changed traces waited for this client; subscribe again for a fresh snapshot`;
  }

  #overBound(): boolean {
    const { maxBufferedBytes, maxUnackedBytes } = this.#deps.bounds;
    return this.socket.bufferedAmount > maxBufferedBytes || this.unackedBytes > maxUnackedBytes;
  }

  /** `bytes` went out; `seq` when they were a `snapshot` or `batch`, to be acknowledged. */
  #sent(bytes: number, seq?: number): void {
    this.#sentBytes += bytes;
    if (seq !== undefined) this.#unacked.push({ seq, bytes: this.#sentBytes });
  }

  /** Everything up to `seq` was taken; an ack of a seq not sent yet is answered with an error. */
  #acknowledged(seq: number): void {
    if (seq > this.#seq) {
      this.#sendSmall({
        type: "error",
        code: "INVALID_MESSAGE",
        message: `ack of seq ${seq}, but the last snapshot or batch sent was ${this.#seq}`,
      });
      return;
    }
    let taken = 0;
    while (taken < this.#unacked.length && (this.#unacked[taken]?.seq ?? 0) <= seq) taken++;
    if (taken === 0) return;
    this.#ackedBytes = this.#unacked[taken - 1]?.bytes ?? this.#ackedBytes;
    this.#unacked.splice(0, taken);
  }

  /** Replies that a client could provoke without reading are dropped while it is over its bound. */
  #sendSmall(message: LiveServerMessage): void {
    if (!this.#overBound()) this.#send(message);
  }

  #send(message: LiveServerMessage): void {
    const text = JSON.stringify(message);
    this.socket.send(text);
    this.#sent(
      Buffer.byteLength(text),
      message.type === "snapshot" || message.type === "batch" ? message.seq : undefined,
    );
  }
}
