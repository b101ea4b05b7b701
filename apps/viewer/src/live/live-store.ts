import type {
  LiveServerMessage,
  RejectionSample,
  SandboxStats,
  TraceId,
  TraceListBody,
  TraceSummary,
} from "@xray-sandbox/segments";
import { useStore } from "zustand";
import { createStore, type StoreApi } from "zustand/vanilla";
import { requestJson } from "../api/http.ts";
import {
  type ConnectionInfo,
  clearedLocally,
  connected,
  filterChanged,
  initialLiveState,
  type LiveState,
  olderPageFailed,
  olderPageLoaded,
  olderPageRequested,
  paused,
  receiveMessage,
  resumed,
  type SocketState,
  socketChanged,
  subscribed,
} from "./live-state.ts";
import type { TraceIdList } from "./trace-order.ts";

export interface LiveActions {
  /** Queues a message from `/api/live`; queued messages are applied together. */
  receive(message: LiveServerMessage): void;
  /** Applies the queued messages now. Every other action does this first, to keep order. */
  flush(): void;
  socketChanged(socket: SocketState): void;
  connected(): void;
  subscribed(): void;
  /** The live connection follows this with a `subscribe`. */
  setFilter(filter: string | null): void;
  pause(): void;
  resume(): void;
  /** Deletes every trace in the daemon (`DELETE /api/traces`). */
  clear(): Promise<void>;
  /** Loads the next page of older traces (`GET /api/traces?cursor=`), if any; retries a failed one. */
  loadOlder(): Promise<void>;
}

export type LiveStoreState = LiveState & LiveActions;
export type LiveStore = StoreApi<LiveStoreState>;

type Request = <T>(path: string, init?: { method?: string }) => Promise<T>;

export interface LiveStoreOptions {
  readonly request?: Request;
  /** Messages arriving within this window are applied in one store update. */
  readonly coalesceMs?: number;
}

/** The daemon's largest page. */
export const OLDER_PAGE_SIZE = 1000;

export function createLiveStore({
  request = requestJson,
  coalesceMs = 16,
}: LiveStoreOptions = {}): LiveStore {
  let queue: LiveServerMessage[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  return createStore<LiveStoreState>()((set, get) => {
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      if (queue.length === 0) return;
      const messages = queue;
      queue = [];
      set((state) => messages.reduce<LiveState>(receiveMessage, state));
    };
    const update = (reducer: (state: LiveState) => LiveState) => {
      flush();
      set(reducer);
    };

    return {
      ...initialLiveState(),
      receive: (message) => {
        queue.push(message);
        // A snapshot answers what the user just did (opened the page, typed a filter): shown
        // at once. Batches, which come on their own, are coalesced.
        if (message.type === "snapshot") flush();
        else timer ??= setTimeout(flush, coalesceMs);
      },
      flush,
      socketChanged: (socket) => update((state) => socketChanged(state, socket)),
      connected: () => update(connected),
      subscribed: () => update(subscribed),
      setFilter: (filter) => update((state) => filterChanged(state, filter)),
      pause: () => update(paused),
      resume: () => update(resumed),
      clear: async () => {
        await request("/api/traces", { method: "DELETE" });
        update(clearedLocally);
      },
      loadOlder: async () => {
        flush();
        const start = get();
        if (start.awaitingSnapshots > 0) return;
        if (start.older.status === "loading" || start.older.status === "done") return;
        const { generation, filter } = start;
        let cursor = start.older.cursor;
        update(olderPageRequested);
        try {
          for (;;) {
            const body = await request<TraceListBody>(tracesPath(filter, cursor));
            const known = get().summaries;
            const adds = body.traces.some((summary) => !known.has(summary.id));
            update((state) => olderPageLoaded(state, generation, body));
            if (get().generation !== generation || adds || body.nextCursor === undefined) return;
            cursor = body.nextCursor;
          }
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          update((state) => olderPageFailed(state, generation, message));
        }
      },
    };
  });
}

/** `GET /api/traces` for a page of `filter`'s traces after `cursor`. */
export function tracesPath(filter: string | null, cursor: string | undefined): string {
  const query = new URLSearchParams();
  if (filter !== null) query.set("filter", filter);
  query.set("limit", String(OLDER_PAGE_SIZE));
  if (cursor !== undefined) query.set("cursor", cursor);
  return `/api/traces?${query}`;
}

/** The viewer's one live store; the live connection feeds it, views read it. */
export const liveStore: LiveStore = createLiveStore();

export function useLive<T>(selector: (state: LiveStoreState) => T): T {
  return useStore(liveStore, selector);
}

/** The list's trace ids, newest first. A new object whenever the list changed. */
export function useTraceIds(): TraceIdList {
  return useLive((state) => state.ids);
}

/** One trace's summary; re-renders only when that summary changes. */
export function useSummary(id: TraceId): TraceSummary | undefined {
  return useLive((state) => state.summaries.get(id));
}

export function useStats(): SandboxStats | undefined {
  return useLive((state) => state.stats);
}

/** Recent rejections, newest first. */
export function useRejections(): readonly RejectionSample[] {
  return useLive((state) => state.rejections);
}

export function useConnection(): ConnectionInfo {
  return useLive((state) => state.connection);
}
