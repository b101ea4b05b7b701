import {
  type GroupResolver,
  LIVE_BATCH_INTERVAL_MS,
  type LiveBounds,
  type LiveStats,
  type RejectionSample,
  type SandboxStats,
  type TraceStore,
  type TraceStoreEvent,
} from "@xray-sandbox/segments";
import { FilterScans } from "../filter-scans.ts";
import type { Logger } from "../logger.ts";
import type { RejectionLog } from "../rejection-log.ts";
import { BatchWindows } from "./batch-windows.ts";
import { ChangeLog } from "./change-log.ts";
import { DEFAULT_LIVE_BOUNDS } from "./live-bounds.ts";
import { type FlushRound, LiveClient } from "./live-client.ts";
import {
  CLOSE_GOING_AWAY,
  CLOSE_POLICY_VIOLATION,
  type LiveConnection,
  type LiveSocket,
} from "./live-socket.ts";
import type { LiveStore } from "./live-store.ts";
import { ProblemFollowUps } from "./problem-follow-ups.ts";

export interface LiveHubDeps {
  /** Read for snapshots and batches; its events (whoever changed it) mark traces changed. */
  readonly store: LiveStore & Pick<TraceStore, "subscribe">;
  readonly rejections: Pick<RejectionLog, "total" | "entries">;
  /** The daemon's stats (which include this hub's). */
  readonly stats: () => SandboxStats;
  readonly version: string;
  readonly logger: Logger;
  /** Resolves `group.name = "x"` in subscription filters. */
  readonly groups?: GroupResolver;
  /** Counts subscription filters refused for their size, with the other filter scans. */
  readonly filterScans?: FilterScans;
  readonly bounds?: Partial<LiveBounds>;
  readonly now?: () => number;
  /**
   * Run the flush and heartbeat timers while clients are connected (default). Off, the owner
   * calls `tick()` and `heartbeat()` itself.
   */
  readonly timers?: boolean;
}

/** How long a stalled client closed with a reason has to take the close frame. */
const CLOSE_GRACE_MS = 5000;

/**
 * Fans store changes out to live WebSocket clients. Ingest only appends the trace to one
 * change log shared by every client (O(1)); every LIVE_BATCH_INTERVAL_MS each client with
 * room in its queue takes its next batch from its own cursor, and the log forgets what every
 * client has taken. A batch's changes are read, summarized and serialized once a round for
 * all clients at the same cursor with the same subscription, and shared as the same bytes;
 * a round reads at most `maxRoundUpserts` changes (a client that needs more waits a round,
 * clients taking turns to go first). A round costs each client O(what it can send): a
 * client that does not read costs a look at its queue. It never slows ingest or the other clients: it pins at
 * most `maxPendingTraces` changes (past that it is told to resync), and it is closed, and
 * everything kept for it released, once it stays stalled for `stallTimeoutMs`.
 */
export class LiveHub {
  readonly bounds: LiveBounds;
  readonly #deps: LiveHubDeps;
  readonly #now: () => number;
  readonly #filterScans: FilterScans;
  readonly #clients = new Set<LiveClient>();
  /** Changes not yet taken by every client. */
  readonly #changes: ChangeLog;
  /** Traces sent without the doctor's counts, diagnosed once quiet. */
  readonly #followUps: ProblemFollowUps;
  /** Sockets closed with a reason, given CLOSE_GRACE_MS to take it before they are cut. */
  readonly #closing = new Set<LiveSocket>();
  #activity = 0;
  #resyncsSent = 0;
  #droppedClients = 0;
  #deferredBatches = 0;
  /** Rounds so far: the client a round starts with moves on by one each round. */
  #rounds = 0;
  #flushTimer: NodeJS.Timeout | undefined;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #unsubscribe: () => void;

  constructor(deps: LiveHubDeps) {
    this.#deps = deps;
    this.bounds = { ...DEFAULT_LIVE_BOUNDS, ...deps.bounds };
    this.#now = deps.now ?? Date.now;
    this.#filterScans = deps.filterScans ?? new FilterScans();
    this.#changes = new ChangeLog(this.bounds.maxPendingTraces);
    this.#followUps = new ProblemFollowUps({
      store: deps.store,
      changed: (id) => {
        this.#activity++;
        this.#changes.append(id);
      },
    });
    this.#unsubscribe = deps.store.subscribe((event) => this.#storeChanged(event));
  }

  get full(): boolean {
    return this.#clients.size >= this.bounds.maxClients;
  }

  /**
   * On the ingest path for every stored document and evicted trace: O(1). When every trace
   * was deleted, each client's next batch says `cleared`.
   */
  #storeChanged(event: TraceStoreEvent): void {
    if (event.type === "cleared") {
      this.#activity++;
      this.#changes.clear();
      this.#followUps.clear();
      for (const client of this.#clients) client.cleared();
      return;
    }
    if (this.#clients.size === 0) return;
    this.#activity++;
    this.#changes.append(event.traceId);
  }

  /** Takes over an open socket: sends `hello` and a snapshot at once. */
  connect(socket: LiveSocket): LiveConnection {
    if (this.#closed) {
      socket.close(CLOSE_GOING_AWAY, "the daemon is shutting down");
      return { received() {}, alive() {}, closed() {} };
    }
    const client = new LiveClient({
      socket,
      store: this.#deps.store,
      changes: this.#changes,
      bounds: this.bounds,
      groups: this.#deps.groups,
      filterScans: this.#filterScans,
      version: this.#deps.version,
      round: () => this.#round(),
      onResync: () => {
        this.#resyncsSent++;
        this.#activity++;
      },
      undiagnosed: (id) => this.#followUps.sentUndiagnosed(id, this.#now()),
    });
    this.#clients.add(client);
    this.#activity++;
    this.#startTimers();
    client.start();
    return {
      received: (text) => client.received(text),
      alive: () => {
        client.alive = true;
      },
      closed: () => {
        this.#closing.delete(socket);
        this.#remove(client);
      },
    };
  }

  /** One flush round: sends each client what it is owed, then forgets what all have taken. */
  tick(): void {
    const round = this.#round();
    this.#followUps.run(round.now);
    const clients = [...this.#clients];
    const first = clients.length === 0 ? 0 : this.#rounds % clients.length;
    this.#rounds++;
    for (let turn = 0; turn < clients.length; turn++) {
      const client = clients[(first + turn) % clients.length] as LiveClient;
      const outcome = client.flush(round);
      if (outcome === "deferred") this.#deferredBatches++;
      else if (outcome === "stalled") {
        this.#drop(client, client.stallReason);
      }
    }
    this.#release();
  }

  /** Pings every client; one that did not answer the previous ping is dropped. */
  heartbeat(): void {
    for (const client of this.#clients) {
      if (client.closing) continue;
      if (!client.alive) {
        this.#droppedClients++;
        this.#activity++;
        this.#deps.logger.info("live client did not answer a ping; closing it");
        client.closing = true;
        client.socket.terminate();
        this.#remove(client);
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }

  stats(): LiveStats {
    let queuedBytes = 0;
    let unackedBytes = 0;
    for (const client of this.#clients) {
      queuedBytes += client.socket.bufferedAmount;
      unackedBytes += client.unackedBytes;
    }
    return {
      clients: this.#clients.size,
      resyncsSent: this.#resyncsSent,
      droppedClients: this.#droppedClients,
      queuedBytes,
      unackedBytes,
      pendingTraces: this.#changes.size,
      deferredBatches: this.#deferredBatches,
      pendingDiagnoses: this.#followUps.pending,
      diagnosedTraces: this.#followUps.diagnosed,
      bounds: this.bounds,
    };
  }

  /** Closes every client (1001) and stops the timers; later connections are refused. */
  close(): void {
    this.#closed = true;
    this.#unsubscribe();
    this.#stopTimers();
    for (const client of this.#clients) {
      client.closing = true;
      client.socket.close(CLOSE_GOING_AWAY, "the daemon is shutting down");
      client.socket.terminate();
    }
    for (const socket of this.#closing) socket.terminate();
    this.#clients.clear();
    this.#closing.clear();
    this.#changes.clear();
    this.#followUps.clear();
  }

  /** Forgets the changes every client has taken (all of them once no client is left). */
  #release(): void {
    let oldest = this.#changes.end;
    for (const client of this.#clients) oldest = Math.min(oldest, client.cursor);
    this.#changes.release(oldest);
  }

  #round(): FlushRound {
    const rejections = this.#deps.rejections;
    let stats: SandboxStats | undefined;
    let statsJson: string | undefined;
    let newest: readonly RejectionSample[] | undefined;
    let windows: BatchWindows | undefined;
    const round: FlushRound = {
      now: this.#now(),
      activity: this.#activity,
      rejectionsTotal: rejections.total,
      stats: () => {
        stats ??= this.#deps.stats();
        return stats;
      },
      statsJson: () => {
        statsJson ??= JSON.stringify(round.stats());
        return statsJson;
      },
      newestRejections: (count) => {
        newest ??= rejections.entries();
        return newest.slice(0, count);
      },
      window: (cursor, filter) => {
        windows ??= new BatchWindows({
          store: this.#deps.store,
          changes: this.#changes,
          groups: this.#deps.groups,
          maxBatchUpserts: this.bounds.maxBatchUpserts,
          maxRoundUpserts: this.bounds.maxRoundUpserts,
          undiagnosed: (id) => this.#followUps.sentUndiagnosed(id, round.now),
        });
        return windows.take(cursor, filter);
      },
    };
    return round;
  }

  #drop(client: LiveClient, reason: string): void {
    this.#droppedClients++;
    this.#activity++;
    this.#deps.logger.warn({ reason }, `closing a live client: ${reason}`);
    client.closing = true;
    const socket = client.socket;
    socket.close(CLOSE_POLICY_VIOLATION, reason);
    this.#closing.add(socket);
    setTimeout(() => {
      if (this.#closing.delete(socket)) socket.terminate();
    }, CLOSE_GRACE_MS).unref();
    this.#remove(client);
  }

  #remove(client: LiveClient): void {
    if (!this.#clients.delete(client)) return;
    this.#activity++;
    if (this.#clients.size === 0) {
      this.#stopTimers();
      this.#followUps.clear();
    }
    this.#release();
  }

  #startTimers(): void {
    if (this.#deps.timers === false || this.#flushTimer) return;
    this.#flushTimer = setInterval(() => this.tick(), LIVE_BATCH_INTERVAL_MS).unref();
    this.#heartbeatTimer = setInterval(
      () => this.heartbeat(),
      this.bounds.heartbeatIntervalMs,
    ).unref();
  }

  #stopTimers(): void {
    clearInterval(this.#flushTimer);
    clearInterval(this.#heartbeatTimer);
    this.#flushTimer = undefined;
    this.#heartbeatTimer = undefined;
  }
}
