/** Live WebSocket and raw HTTP clients for tests: messages awaited in order, headers as given. */

import { request } from "node:http";
import type { Socket } from "node:net";
import { LIVE_PATH, type LiveClientMessage, type LiveServerMessage } from "@xray-sandbox/segments";
import { type ClientOptions, WebSocket } from "ws";

type Message<T extends LiveServerMessage["type"]> = Extract<LiveServerMessage, { type: T }>;

/** How long a test waits for a message before failing with what it got instead. */
const MESSAGE_TIMEOUT_MS = 15_000;

export interface LiveTestClient {
  readonly ws: WebSocket;
  /** The TCP socket under the WebSocket: pause it to stop reading. */
  readonly socket: Socket;
  /** Bytes of the largest message received so far. */
  readonly largestMessageBytes: number;
  /** The next message, in order. */
  next(): Promise<LiveServerMessage>;
  /** The next message, which must be of `type`. */
  expectNext<T extends LiveServerMessage["type"]>(type: T): Promise<Message<T>>;
  /** Reads messages until one satisfies `done` (each one is shown to it), and returns that one. */
  until(done: (message: LiveServerMessage) => boolean): Promise<LiveServerMessage>;
  send(message: LiveClientMessage): void;
  /** Resolves with the close code and reason once the connection is closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/**
 * Opens the daemon's live stream; resolves once the handshake is done. Every snapshot and
 * batch is acknowledged as it arrives.
 */
export async function openLive(
  baseUrl: string,
  options: ClientOptions = {},
): Promise<LiveTestClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${LIVE_PATH}`, options);
  const queue: LiveServerMessage[] = [];
  const waiters: Array<(message: LiveServerMessage) => void> = [];
  let largestMessageBytes = 0;
  ws.on("message", (data, isBinary) => {
    const text = !isBinary && Buffer.isBuffer(data) ? data.toString("utf8") : "";
    largestMessageBytes = Math.max(largestMessageBytes, Buffer.byteLength(text));
    const message = JSON.parse(text) as LiveServerMessage;
    // Taken, as the viewer acknowledges it: a paused socket reads nothing and acks nothing.
    if (message.type === "snapshot" || message.type === "batch") {
      ws.send(JSON.stringify({ type: "ack", seq: message.seq } satisfies LiveClientMessage));
    }
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString("utf8") }));
  });
  const socket = await new Promise<Socket>((resolve, reject) => {
    let upgraded: Socket | undefined;
    ws.once("upgrade", (response) => {
      upgraded = response.socket;
    });
    ws.once("open", () => (upgraded ? resolve(upgraded) : reject(new Error("no upgrade seen"))));
    ws.once("error", reject);
  });

  const next = (): Promise<LiveServerMessage> => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index !== -1) waiters.splice(index, 1);
        reject(new Error(`no live message within ${MESSAGE_TIMEOUT_MS} ms`));
      }, MESSAGE_TIMEOUT_MS);
      const waiter = (message: LiveServerMessage) => {
        clearTimeout(timer);
        resolve(message);
      };
      waiters.push(waiter);
    });
  };

  return {
    ws,
    socket,
    get largestMessageBytes() {
      return largestMessageBytes;
    },
    next,
    async expectNext(type) {
      const message = await next();
      if (message.type !== type) {
        throw new Error(`expected a ${type} message, got ${JSON.stringify(message).slice(0, 300)}`);
      }
      return message as Message<typeof type>;
    },
    async until(done) {
      for (;;) {
        const message = await next();
        if (done(message)) return message;
      }
    },
    send(message) {
      ws.send(JSON.stringify(message));
    },
    closed,
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await closed;
    },
  };
}

/** Tries to open the live stream and resolves with the HTTP answer that refused it. */
export function refusedUpgrade(
  baseUrl: string,
  options: ClientOptions = {},
  path: string = LIVE_PATH,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${path}`, options);
  return new Promise((resolve, reject) => {
    ws.once("open", () => {
      ws.terminate();
      reject(new Error("the upgrade was accepted"));
    });
    ws.once("unexpected-response", (_request, response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        ws.terminate();
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
        });
      });
    });
    ws.once("error", (error) => {
      if (ws.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** An HTTP request with exactly the headers given (`Host` included), as curl would send it. */
export function rawRequest(
  baseUrl: string,
  path: string,
  {
    method = "GET",
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path, method, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
