import {
  type GroupResolver,
  LIVE_BATCH_INTERVAL_MS,
  type LiveBounds,
  type LiveStats,
  type RejectionSample,
  type SandboxStats,
  type TraceId,
  type TraceStore,
  type TraceStoreEvent,
} from "@xray-sandbox/segments";
import type { Logger } from "../logger.ts";
import type { RejectionLog } from "../rejection-log.ts";
import { DEFAULT_LIVE_BOUNDS } from "./live-bounds.ts";
import { type FlushRound, LiveClient, type LiveStore } from "./live-client.ts";
import {
  CLOSE_GOING_AWAY,
  CLOSE_POLICY_VIOLATION,
  type LiveConnection,
  type LiveSocket,
} from "./live-socket.ts";

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
 * Fans store changes out to live WebSocket clients. Ingest only marks a trace as changed
 * (a set insertion); every LIVE_BATCH_INTERVAL_MS the changes go to each client's pending
 * set and each client with room in its queue gets one batch. A client that does not read
 * never slows ingest or the other clients: its changes coalesce, are dropped past a bound
 * (it is told to resync), and it is closed when it stays stalled.
 */
export class LiveHub {
  readonly bounds: LiveBounds;
  readonly #deps: LiveHubDeps;
  readonly #now: () => number;
  readonly #clients = new Set<LiveClient>();
  /** Traces changed since the last flush round. */
  readonly #changed = new Set<TraceId>();
  /** Sockets closed with a reason, given CLOSE_GRACE_MS to take it before they are cut. */
  readonly #closing = new Set<LiveSocket>();
  #activity = 0;
  #resyncsSent = 0;
  #droppedClients = 0;
  #flushTimer: NodeJS.Timeout | undefined;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #unsubscribe: () => void;

  constructor(deps: LiveHubDeps) {
    this.#deps = deps;
    this.bounds = { ...DEFAULT_LIVE_BOUNDS, ...deps.bounds };
    this.#now = deps.now ?? Date.now;
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
      this.#changed.clear();
      for (const client of this.#clients) client.cleared();
      return;
    }
    if (this.#clients.size === 0) return;
    this.#activity++;
    this.#changed.add(event.traceId);
    if (this.#changed.size > this.bounds.maxPendingTraces) this.#distribute();
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
      bounds: this.bounds,
      groups: this.#deps.groups,
      version: this.#deps.version,
      round: () => this.#round(),
      onResync: () => {
        this.#resyncsSent++;
        this.#activity++;
      },
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

  /** One flush round: hands out the changes and sends each client what it is owed. */
  tick(): void {
    this.#distribute();
    const round = this.#round();
    for (const client of this.#clients) {
      if (client.flush(round) === "stalled") {
        this.#drop(
          client,
          `stalled: over ${this.bounds.maxBufferedBytes} bytes queued for ${this.bounds.stallTimeoutMs / 1000} s`,
        );
      }
    }
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
    let pendingTraces = this.#changed.size;
    for (const client of this.#clients) {
      queuedBytes += client.socket.bufferedAmount;
      pendingTraces += client.pendingCount;
    }
    return {
      clients: this.#clients.size,
      resyncsSent: this.#resyncsSent,
      droppedClients: this.#droppedClients,
      queuedBytes,
      pendingTraces,
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
    this.#changed.clear();
  }

  #distribute(): void {
    if (this.#changed.size === 0) return;
    for (const client of this.#clients) client.markChanged(this.#changed);
    this.#changed.clear();
  }

  #round(): FlushRound {
    const rejections = this.#deps.rejections;
    let stats: SandboxStats | undefined;
    let newest: readonly RejectionSample[] | undefined;
    return {
      now: this.#now(),
      activity: this.#activity,
      rejectionsTotal: rejections.total,
      stats: () => {
        stats ??= this.#deps.stats();
        return stats;
      },
      newestRejections: (count) => {
        newest ??= rejections.entries();
        return newest.slice(0, count);
      },
    };
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
      this.#changed.clear();
    }
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
