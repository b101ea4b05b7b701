import type { LiveServerMessage } from "@xray-sandbox/segments";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  LiveClient,
  type LiveSocketHandlers,
  liveUrl,
  PING_INTERVAL_MS,
  PONG_TIMEOUT_MS,
  reconnectDelay,
  SUBSCRIBE_SNAPSHOT_LIMIT,
} from "./live-client.ts";
import type { SocketState } from "./live-state.ts";

class FakeSocket {
  readonly sent: unknown[] = [];
  closed = false;
  constructor(
    readonly url: string,
    readonly handlers: LiveSocketHandlers,
  ) {}
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.closed = true;
  }
  serverSends(message: LiveServerMessage) {
    this.handlers.message(JSON.stringify(message));
  }
}

const hello: LiveServerMessage = {
  type: "hello",
  protocol: 2,
  version: "0.1.0",
  serverTime: 0 as never,
  maxUnackedBytes: 2 * 1024 * 1024,
};

function setup(filter: string | null = null) {
  const sockets: FakeSocket[] = [];
  const states: SocketState[] = [];
  const messages: LiveServerMessage[] = [];
  const events: string[] = [];
  const client = new LiveClient({
    url: "ws://127.0.0.1:2000/api/live",
    filter,
    onMessage: (message) => messages.push(message),
    onSocket: (state) => states.push(state),
    onOpen: () => events.push("open"),
    onSubscribe: () => events.push("subscribe"),
    openSocket: (url, handlers) => {
      const socket = new FakeSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
    backoff: (attempt) => attempt * 100,
  });
  const socket = (index: number) => {
    const found = sockets[index];
    if (!found) throw new Error(`no socket #${index}`);
    return found;
  };
  return { client, sockets, socket, states, messages, events };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("LiveClient", () => {
  it("connects, goes live on hello, and passes messages on", () => {
    const { client, socket, states, messages } = setup();
    client.start();
    expect(socket(0).url).toBe("ws://127.0.0.1:2000/api/live");
    expect(states.at(-1)).toEqual({ status: "connecting", attempt: 0, lastError: undefined });
    socket(0).handlers.open();
    socket(0).serverSends(hello);
    expect(states.at(-1)?.status).toBe("live");
    expect(messages).toEqual([hello]);
    client.stop();
  });

  it("subscribes on open when a filter is set, and again when it changes", () => {
    const { client, socket, events } = setup("fault");
    client.start();
    client.subscribe("error");
    expect(socket(0).sent).toEqual([]);
    socket(0).handlers.open();
    expect(socket(0).sent).toEqual([
      { type: "subscribe", filter: "error", limit: SUBSCRIBE_SNAPSHOT_LIMIT },
    ]);
    client.subscribe(null);
    client.subscribe(null);
    expect(socket(0).sent).toEqual([
      { type: "subscribe", filter: "error", limit: SUBSCRIBE_SNAPSHOT_LIMIT },
      { type: "subscribe", filter: null, limit: SUBSCRIBE_SNAPSHOT_LIMIT },
    ]);
    expect(events).toEqual(["open", "subscribe", "subscribe"]);
    client.stop();
  });

  it("subscribes again when the daemon asks for a resync", () => {
    const { client, socket } = setup(null);
    client.start();
    socket(0).handlers.open();
    socket(0).serverSends({ type: "resync", reason: "queue full" });
    expect(socket(0).sent).toEqual([
      { type: "subscribe", filter: null, limit: SUBSCRIBE_SNAPSHOT_LIMIT },
    ]);
    client.stop();
  });

  it("reconnects with growing delays and resets them once live again", () => {
    const { client, sockets, socket, states } = setup();
    client.start();
    socket(0).handlers.close(1006, "");
    expect(states.at(-1)).toEqual({
      status: "reconnecting",
      attempt: 1,
      lastError: "the connection to the daemon was lost",
    });
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    socket(1).handlers.close(1006, "");
    expect(states.at(-1)?.attempt).toBe(2);
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(3);
    socket(2).handlers.open();
    socket(2).serverSends(hello);
    expect(states.at(-1)).toEqual({ status: "live", attempt: 0, lastError: undefined });
    client.stop();
  });

  it("ignores what a replaced socket still reports", () => {
    const { client, sockets, socket, messages } = setup();
    client.start();
    socket(0).handlers.close(1006, "");
    vi.advanceTimersByTime(100);
    socket(0).serverSends(hello);
    socket(0).handlers.close(1006, "");
    expect(messages).toEqual([]);
    expect(sockets).toHaveLength(2);
    client.stop();
  });

  it("pings a quiet connection and reconnects when nothing answers", () => {
    const { client, sockets, socket, states } = setup();
    client.start();
    socket(0).handlers.open();
    vi.advanceTimersByTime(PING_INTERVAL_MS);
    expect(socket(0).sent).toEqual([{ type: "ping" }]);
    vi.advanceTimersByTime(PONG_TIMEOUT_MS - 1);
    socket(0).serverSends({ type: "pong" });
    vi.advanceTimersByTime(PING_INTERVAL_MS);
    expect(socket(0).sent).toEqual([{ type: "ping" }, { type: "ping" }]);
    expect(socket(0).closed).toBe(false);
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(socket(0).closed).toBe(true);
    expect(states.at(-1)?.lastError).toBe("the daemon stopped answering");
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    expect(states.at(-1)).toMatchObject({ status: "reconnecting", attempt: 1 });
    client.stop();
  });

  it("skips what is not a message of the contract", () => {
    const { client, socket, messages } = setup();
    client.start();
    socket(0).handlers.open();
    socket(0).handlers.message("<html>");
    socket(0).handlers.message(JSON.stringify({ type: "surprise" }));
    socket(0).handlers.message(JSON.stringify([1, 2]));
    expect(messages).toEqual([]);
    client.stop();
  });

  it("stops for good: closes the socket and does not reconnect", () => {
    const { client, sockets, socket } = setup();
    client.start();
    client.stop();
    expect(socket(0).closed).toBe(true);
    socket(0).handlers.close(1000, "");
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});

describe("reconnectDelay", () => {
  it("doubles from 250 ms up to 1 s, so a daemon that comes back is found within 2 s", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 6, 7, 20].map((attempt) => reconnectDelay(attempt, middle))).toEqual([
      250, 500, 1000, 1000, 1000, 1000, 1000,
    ]);
    expect(reconnectDelay(50, () => 1)).toBe(1200);
  });

  it("spreads retries by up to 20 % either way", () => {
    expect(reconnectDelay(3, () => 0)).toBe(800);
    expect(reconnectDelay(3, () => 1)).toBe(1200);
  });
});

describe("liveUrl", () => {
  it("follows the page's host and scheme", () => {
    expect(liveUrl({ protocol: "http:", host: "127.0.0.1:2000" })).toBe(
      "ws://127.0.0.1:2000/api/live",
    );
    expect(liveUrl({ protocol: "https:", host: "xray.local" })).toBe("wss://xray.local/api/live");
  });
});
