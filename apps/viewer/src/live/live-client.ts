import { LIVE_PATH, type LiveClientMessage, type LiveServerMessage } from "@xray-sandbox/segments";
import type { SocketState } from "./live-state.ts";

/** The transport the client drives: a browser WebSocket, or a fake in tests. */
export interface LiveSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export interface LiveSocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(code: number, reason: string): void;
}

export type OpenSocket = (url: string, handlers: LiveSocketHandlers) => LiveSocket;

export interface LiveClientOptions {
  readonly url: string;
  readonly filter: string | null;
  readonly onMessage: (message: LiveServerMessage) => void;
  readonly onSocket: (state: SocketState) => void;
  /** The socket opened: a snapshot of every trace is on its way. */
  readonly onOpen?: () => void;
  /** A `subscribe` was sent: one more snapshot is on its way. */
  readonly onSubscribe?: () => void;
  readonly openSocket?: OpenSocket;
  /** Milliseconds to wait before reconnection attempt `attempt` (1-based). */
  readonly backoff?: (attempt: number) => number;
}

interface Connection {
  socket: LiveSocket | undefined;
}

/** A quiet connection is probed this often... */
export const PING_INTERVAL_MS = 15_000;
/** ...and given up on (then reconnected) when nothing answers within this. */
export const PONG_TIMEOUT_MS = 10_000;

/**
 * The longest wait between attempts: with ±20 %, a daemon that comes back is found within
 * 1.2 s. A refused connection to a local daemon costs next to nothing, so the cap is low.
 */
export const MAX_BACKOFF_MS = 1000;
const FIRST_BACKOFF_MS = 250;

/** 250 ms, 500 ms, then 1 s, each ±20 % so that many tabs do not retry in step. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** `ws://host/api/live` for a page served over http, `wss://` over https. */
export function liveUrl(location: { readonly protocol: string; readonly host: string }): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${LIVE_PATH}`;
}

export const openBrowserSocket: OpenSocket = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.open();
  socket.onmessage = (event) => handlers.message(event.data);
  socket.onclose = (event) => handlers.close(event.code, event.reason);
  return socket;
};

/**
 * Summaries the viewer asks for in the snapshot of a subscription: many screens of rows, and
 * few enough that a filter's snapshot is read and sent quickly from a large store (the daemon
 * stops reading once it has them). Scrolling past them reads older pages over HTTP.
 */
export const SUBSCRIBE_SNAPSHOT_LIMIT = 200;

/**
 * The viewer's end of `/api/live`: connects, subscribes with the current filter, acknowledges
 * each snapshot and batch once applied, answers `resync` by subscribing again, notices a dead connection with pings, and reconnects with
 * backoff until stopped.
 */
export class LiveClient {
  readonly #options: LiveClientOptions;
  readonly #openSocket: OpenSocket;
  readonly #backoff: (attempt: number) => number;
  #filter: string | null;
  /** The connection whose events count; events of earlier ones are ignored. */
  #connection: Connection | undefined;
  #open = false;
  #stopped = true;
  #attempt = 0;
  #lastError: string | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;
  #pongTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveClientOptions) {
    this.#options = options;
    this.#openSocket = options.openSocket ?? openBrowserSocket;
    this.#backoff = options.backoff ?? reconnectDelay;
    this.#filter = options.filter;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    this.#clearTimers();
    const socket = this.#connection?.socket;
    this.#connection = undefined;
    this.#open = false;
    socket?.close(1000, "viewer closed");
  }

  /** Replaces the subscription now if connected, else on the next connection. */
  subscribe(filter: string | null): void {
    if (filter === this.#filter) return;
    this.#filter = filter;
    if (this.#open) this.#sendSubscribe();
  }

  #connect(): void {
    this.#options.onSocket({
      status: this.#attempt === 0 ? "connecting" : "reconnecting",
      attempt: this.#attempt,
      lastError: this.#lastError,
    });
    const connection: Connection = { socket: undefined };
    this.#connection = connection;
    const current = () => this.#connection === connection;
    try {
      connection.socket = this.#openSocket(this.#options.url, {
        open: () => {
          if (!current()) return;
          this.#open = true;
          this.#options.onOpen?.();
          if (this.#filter !== null) this.#sendSubscribe();
          this.#schedulePing();
        },
        message: (data) => {
          if (current()) this.#received(data);
        },
        close: (code, reason) => {
          if (current()) this.#lost(closeMessage(code, reason));
        },
      });
    } catch (error) {
      if (current()) this.#lost(error instanceof Error ? error.message : String(error));
    }
  }

  #received(data: unknown): void {
    this.#schedulePing();
    const message = parseServerMessage(data);
    if (!message) return;
    if (message.type === "hello") {
      this.#attempt = 0;
      this.#lastError = undefined;
      this.#options.onSocket({ status: "live", attempt: 0, lastError: undefined });
    }
    this.#options.onMessage(message);
    // Taken: the daemon sends the next batches only as far ahead of these as it allows.
    if (message.type === "snapshot" || message.type === "batch") {
      this.#send({ type: "ack", seq: message.seq });
    }
    if (message.type === "resync") this.#sendSubscribe();
  }

  #lost(why: string): void {
    this.#clearTimers();
    const socket = this.#connection?.socket;
    this.#connection = undefined;
    this.#open = false;
    socket?.close();
    if (this.#stopped) return;
    this.#attempt++;
    this.#lastError = why;
    this.#options.onSocket({ status: "reconnecting", attempt: this.#attempt, lastError: why });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#connect();
    }, this.#backoff(this.#attempt));
  }

  #sendSubscribe(): void {
    this.#send({ type: "subscribe", filter: this.#filter, limit: SUBSCRIBE_SNAPSHOT_LIMIT });
    this.#options.onSubscribe?.();
  }

  #send(message: LiveClientMessage): void {
    if (this.#open) this.#connection?.socket?.send(JSON.stringify(message));
  }

  /** Any message proves the connection alive; after a quiet spell, ask for a pong. */
  #schedulePing(): void {
    clearTimeout(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    this.#pongTimer = undefined;
    this.#pingTimer = setTimeout(() => {
      this.#send({ type: "ping" });
      this.#pongTimer = setTimeout(
        () => this.#lost("the daemon stopped answering"),
        PONG_TIMEOUT_MS,
      );
    }, PING_INTERVAL_MS);
  }

  #clearTimers(): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    this.#retryTimer = undefined;
    this.#pingTimer = undefined;
    this.#pongTimer = undefined;
  }
}

const SERVER_TYPES: ReadonlySet<string> = new Set([
  "hello",
  "snapshot",
  "batch",
  "count",
  "resync",
  "pong",
  "error",
]);

/** The daemon speaks the contract; anything else (a proxy's page, a newer type) is skipped. */
function parseServerMessage(data: unknown): LiveServerMessage | undefined {
  if (typeof data !== "string") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || !("type" in parsed)) return undefined;
  if (typeof parsed.type !== "string" || !SERVER_TYPES.has(parsed.type)) return undefined;
  return parsed as LiveServerMessage;
}

function closeMessage(code: number, reason: string): string {
  if (reason) return reason;
  if (code === 1006) return "the connection to the daemon was lost";
  return `the daemon closed the connection (code ${code})`;
}
