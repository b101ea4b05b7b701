/**
 * One live subscription per sandbox handle, shared by every pending wait: the daemon's
 * `/api/live` WebSocket (it serves at most 64 clients), opened when a wait starts and closed
 * shortly after the last one ends. Its socket never keeps the process alive.
 */

import { connect, type NetConnectOpts, type Socket } from "node:net";
import {
  LIVE_PATH,
  LIVE_PROTOCOL_VERSION,
  type LiveClientMessage,
  type TraceId,
  type TraceSummary,
} from "@xray-sandbox/segments";
import WebSocket from "ws";
import { SandboxApiError, type SandboxError, SandboxUnreachableError } from "./errors.ts";
import { type FeedMessage, parseFeedMessage } from "./live-message.ts";

/** What a wait hears from the feed. */
export interface FeedListener {
  /** New traces and traces that changed, as the daemon summarises them now. */
  changed(summaries: readonly TraceSummary[]): void;
  /** Traces evicted from the store. */
  removed(ids: readonly TraceId[]): void;
  /** Every trace was deleted (`reset()`). */
  cleared(): void;
  /** Changes may have been missed (the daemon asked for a resync, or the connection dropped). */
  resync(): void;
  /** The feed is closed for good (the handle was closed). */
  failed(error: SandboxError): void;
}

export interface LiveFeedOptions {
  /** How long the socket stays open after the last wait ended; 1000 ms unless given. */
  readonly idleMs?: number;
  /** Sent with the upgrade request: the token of a shared sandbox. */
  readonly headers?: Readonly<Record<string, string>>;
}

const DEFAULT_IDLE_MS = 1000;
const HANDSHAKE_TIMEOUT_MS = 5000;
const FIRST_RETRY_MS = 25;
const MAX_RETRY_MS = 1000;

type Connection = {
  readonly socket: WebSocket;
  /** Settles once the daemon has sent `hello` and its snapshot. */
  readonly ready: Promise<void>;
  live: boolean;
};

export class LiveFeed {
  readonly url: string;
  readonly #idleMs: number;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #listeners = new Set<FeedListener>();
  #connection: Connection | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #retries = 0;
  #closed = false;
  /** Local clock minus the daemon's, in milliseconds, as of the last `hello`. */
  #clockOffset = 0;

  constructor(httpUrl: string, options: LiveFeedOptions = {}) {
    const url = new URL(LIVE_PATH, `${httpUrl.replace(/\/+$/, "")}/`);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    this.url = url.href;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#headers = options.headers ?? {};
  }

  /** Epoch milliseconds on this machine's clock of a daemon time (`receivedAt`). */
  localTime(daemonTime: number): number {
    return daemonTime + this.#clockOffset;
  }

  /**
   * Adds a listener; resolves once the subscription is live, so that anything changing from
   * then on reaches it. Rejects (and drops the listener) when the daemon refuses the stream.
   */
  async watch(listener: FeedListener): Promise<() => void> {
    if (this.#closed) throw closedError(this.url);
    this.#listeners.add(listener);
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const unwatch = () => this.#unwatch(listener);
    try {
      for (;;) {
        const connection = this.#connection ?? this.#open();
        await connection.ready;
        if (this.#connection === connection && connection.live) return unwatch;
      }
    } catch (error) {
      unwatch();
      throw error;
    }
  }

  /** Closes the socket; pending waits fail, later ones are refused. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#retryTimer);
    this.#drop();
    const error = closedError(this.url);
    for (const listener of [...this.#listeners]) listener.failed(error);
    this.#listeners.clear();
  }

  #unwatch(listener: FeedListener): void {
    if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#idleTimer = setTimeout(() => this.#drop(), this.#idleMs).unref();
  }

  #open(): Connection {
    const socket = new WebSocket(this.url, {
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      headers: { ...this.#headers },
      // ws calls it with options only; the type lists every overload of net.connect.
      createConnection: unrefConnection as typeof connect,
    });
    let settle!: { resolve: () => void; reject: (error: SandboxError) => void };
    const ready = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // A failure before any wait listens to it is reported through `watch`.
    ready.catch(() => {});
    const connection: Connection = { socket, ready, live: false };
    this.#connection = connection;
    let helloSeen = false;

    socket.on("unexpected-response", (_request, response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (body.length < 4096) body += chunk;
      });
      response.on("end", () => {
        settle.reject(refusal(this.url, response.statusCode ?? 0, body));
        this.#lost(connection, false);
      });
      response.on("error", () => this.#lost(connection, false));
    });
    socket.on("error", (error) => {
      settle.reject(
        new SandboxUnreachableError(
          `cannot open the live stream at ${this.url}: ${error.message}`,
          { cause: error },
        ),
      );
      this.#lost(connection, true);
    });
    socket.on("close", () => {
      settle.reject(
        new SandboxUnreachableError(`the live stream at ${this.url} closed before it was ready`),
      );
      this.#lost(connection, true);
    });
    socket.on("message", (data, isBinary) => {
      if (isBinary || this.#connection !== connection) return;
      const message = parseFeedMessage(data.toString());
      if (!message) return;
      // Taken: the daemon sends only so far ahead of these acknowledgements.
      if ((message.type === "snapshot" || message.type === "batch") && message.seq !== undefined) {
        const ack: LiveClientMessage = { type: "ack", seq: message.seq };
        socket.send(JSON.stringify(ack));
      }
      if (message.type === "hello") {
        if (message.protocol !== LIVE_PROTOCOL_VERSION) {
          settle.reject(
            new SandboxApiError(
              `the live stream at ${this.url} speaks protocol ${message.protocol}; this version of @xray-sandbox/testing speaks ${LIVE_PROTOCOL_VERSION}: use the same version of the sandbox and the library`,
              101,
              undefined,
            ),
          );
          this.#lost(connection, false);
          return;
        }
        helloSeen = true;
        this.#clockOffset = Date.now() - message.serverTime;
        return;
      }
      if (message.type === "snapshot" && helloSeen && !connection.live) {
        connection.live = true;
        const reconnected = this.#retries > 0;
        this.#retries = 0;
        settle.resolve();
        // Whatever changed while no socket was open: the waits read it again over HTTP.
        if (reconnected) for (const listener of [...this.#listeners]) listener.resync();
        return;
      }
      if (connection.live) this.#dispatch(message);
    });
    return connection;
  }

  #dispatch(message: FeedMessage): void {
    const listeners = [...this.#listeners];
    switch (message.type) {
      case "batch":
        if (message.cleared) for (const listener of listeners) listener.cleared();
        if (message.removed.length > 0) {
          for (const listener of listeners) listener.removed(message.removed);
        }
        if (message.upserts.length > 0) {
          for (const listener of listeners) listener.changed(message.upserts);
        }
        return;
      case "resync":
        for (const listener of listeners) listener.resync();
        return;
      default:
        return;
    }
  }

  /**
   * The connection ended. While waits listen, a new one is opened (again and again, the
   * daemon may be restarting); once it is live, they re-read what they may have missed.
   */
  #lost(connection: Connection, retry: boolean): void {
    if (this.#connection !== connection) return;
    this.#connection = undefined;
    connection.socket.removeAllListeners("message");
    connection.socket.terminate();
    if (!connection.live || this.#closed || this.#listeners.size === 0) return;
    if (retry) this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.#retries);
    this.#retries += 1;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#closed || this.#listeners.size === 0 || this.#connection) return;
      const connection = this.#open();
      connection.ready.catch(() => {
        if (!this.#connection && this.#listeners.size > 0 && !this.#closed) this.#scheduleRetry();
      });
    }, delay).unref();
  }

  #drop(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    this.#idleTimer = undefined;
    if (!connection) return;
    connection.socket.removeAllListeners("message");
    connection.socket.close(1000, "no wait is pending");
    // A daemon that does not answer the close is not waited for.
    setTimeout(() => connection.socket.terminate(), 1000).unref();
  }
}

/** Like `ws`'s own, but the socket does not keep the process alive. */
function unrefConnection(options: NetConnectOpts): Socket {
  const socketPath = (options as { socketPath?: string }).socketPath;
  const socket = connect(
    socketPath === undefined ? options : ({ ...options, path: socketPath } as NetConnectOpts),
  );
  socket.unref();
  return socket;
}

function refusal(url: string, status: number, body: string): SandboxError {
  let message: string | undefined;
  let code: string | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    const error =
      typeof parsed === "object" && parsed !== null && "error" in parsed
        ? (parsed.error as { code?: unknown; message?: unknown })
        : undefined;
    if (typeof error?.message === "string") message = error.message;
    if (typeof error?.code === "string") code = error.code;
  } catch {
    // not the daemon's JSON: the status says enough
  }
  return new SandboxApiError(
    `the live stream at ${url} refused the connection with ${status}${message ? `: ${message}` : ""}`,
    status,
    code,
  );
}

function closedError(url: string): SandboxUnreachableError {
  return new SandboxUnreachableError(
    `the sandbox handle was closed: its live stream (${url}) no longer serves waits`,
  );
}
