import type { LiveServerMessage, TraceListBody, TraceSummary } from "@xray-sandbox/segments";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type LiveSocketHandlers, SUBSCRIBE_SNAPSHOT_LIMIT } from "./live-client.ts";
import { connectLive } from "./live-connection.ts";
import { createLiveStore, type LiveStore, tracesPath } from "./live-store.ts";
import {
  syntheticNewestFirst,
  syntheticStats,
  syntheticSummary,
  syntheticTraceId,
} from "./synthetic-summaries.ts";

function snapshot(summaries: TraceSummary[], total = summaries.length): LiveServerMessage {
  return {
    type: "snapshot",
    seq: 1,
    filter: null,
    summaries,
    total,
    limit: 2000,
    stats: syntheticStats({ traces: total }),
  };
}

function batch(upserts: TraceSummary[]): LiveServerMessage {
  return {
    type: "batch",
    seq: 1,
    upserts,
    removed: [],
    cleared: false,
    stats: syntheticStats(),
    rejections: [],
  };
}

function listed(store: LiveStore): string[] {
  const { ids } = store.getState();
  return Array.from({ length: ids.length }, (_, i) => ids.at(i) ?? "?");
}

function fakeRequest(pages: Record<string, TraceListBody>) {
  const calls: Array<{ path: string; method: string }> = [];
  const request = async <T>(path: string, init: { method?: string } = {}): Promise<T> => {
    calls.push({ path, method: init.method ?? "GET" });
    const body = pages[path];
    if (init.method === "DELETE") return { removed: 3 } as T;
    if (!body) throw new Error(`503 for ${path}`);
    return body as T;
  };
  return { request, calls };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("live store", () => {
  it("applies batches that arrive close together in one update, and a snapshot at once", () => {
    const store = createLiveStore({ coalesceMs: 16 });
    const updates = vi.fn();
    store.subscribe(updates);
    store.getState().receive(snapshot(syntheticNewestFirst(0, 2)));
    // The answer to what the user did: no waiting for the window.
    expect(updates).toHaveBeenCalledTimes(1);
    expect(listed(store)).toEqual([1, 0].map(syntheticTraceId));
    store.getState().receive(batch([syntheticSummary(2)]));
    store.getState().receive(batch([syntheticSummary(3)]));
    expect(updates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(16);
    expect(updates).toHaveBeenCalledTimes(2);
    expect(listed(store)).toEqual([3, 2, 1, 0].map(syntheticTraceId));
  });

  it("applies queued messages before a filter change, so they cannot leak into its list", () => {
    const store = createLiveStore();
    store.getState().receive(snapshot(syntheticNewestFirst(0, 2)));
    store.getState().receive(batch([syntheticSummary(5)]));
    store.getState().setFilter("fault");
    store.getState().subscribed();
    vi.runAllTimers();
    expect(listed(store)).toEqual([]);
    expect(store.getState().filter).toBe("fault");
  });

  it("loads older pages, skipping pages it already holds, until one adds traces", async () => {
    const first = tracesPath(null, undefined);
    const second = tracesPath(null, "c1");
    const { request, calls } = fakeRequest({
      [first]: { traces: syntheticNewestFirst(8, 10), nextCursor: "c1", total: 10 },
      [second]: { traces: syntheticNewestFirst(6, 8), nextCursor: "c2", total: 10 },
    });
    const store = createLiveStore({ request });
    store.getState().receive(snapshot(syntheticNewestFirst(8, 10), 10));
    await store.getState().loadOlder();
    expect(calls.map((call) => call.path)).toEqual([first, second]);
    expect(listed(store)).toEqual([9, 8, 7, 6].map(syntheticTraceId));
    expect(store.getState().older).toEqual({ status: "idle", cursor: "c2" });
  });

  it("says why older traces could not be loaded", async () => {
    const { request } = fakeRequest({});
    const store = createLiveStore({ request });
    store.getState().receive(snapshot(syntheticNewestFirst(8, 10), 10));
    await store.getState().loadOlder();
    expect(store.getState().older).toMatchObject({
      status: "failed",
      error: `503 for ${tracesPath(null, undefined)}`,
    });
  });

  it("asks for the filter's traces", () => {
    expect(tracesPath('http.url CONTAINS "a&b"', "c 1")).toBe(
      "/api/traces?filter=http.url+CONTAINS+%22a%26b%22&limit=1000&cursor=c+1",
    );
  });

  it("clears the daemon and empties the list without waiting for the stream", async () => {
    const { request, calls } = fakeRequest({});
    const store = createLiveStore({ request });
    store.getState().receive(snapshot(syntheticNewestFirst(0, 3)));
    await store.getState().clear();
    expect(calls).toEqual([{ path: "/api/traces", method: "DELETE" }]);
    expect(listed(store)).toEqual([]);
    expect(store.getState().total).toBe(0);
  });
});

describe("connectLive", () => {
  it("feeds the store and subscribes when its filter changes", () => {
    const sent: unknown[] = [];
    let handlers: LiveSocketHandlers | undefined;
    const store = createLiveStore();
    const disconnect = connectLive(store, {
      url: "ws://127.0.0.1:2000/api/live",
      openSocket: (_url, given) => {
        handlers = given;
        return { send: (text) => sent.push(JSON.parse(text)), close: () => {} };
      },
    });
    handlers?.open();
    handlers?.message(
      JSON.stringify({
        type: "hello",
        protocol: 2,
        version: "1.2.3",
        serverTime: 0,
        maxUnackedBytes: 2097152,
      }),
    );
    handlers?.message(JSON.stringify(snapshot(syntheticNewestFirst(0, 2))));
    store.getState().flush();
    expect(store.getState().connection.state).toBe("live");
    expect(store.getState().serverVersion).toBe("1.2.3");
    expect(listed(store)).toEqual([1, 0].map(syntheticTraceId));

    store.getState().setFilter("error");
    expect(sent).toEqual([
      { type: "ack", seq: 1 },
      { type: "subscribe", filter: "error", limit: SUBSCRIBE_SNAPSHOT_LIMIT },
    ]);
    expect(store.getState().awaitingSnapshots).toBe(1);
    disconnect();
  });
});
