/**
 * What the viewer knows of the daemon's traces, and the reducers that apply the live
 * stream to it. The summaries map and the order are large and updated in place (a batch
 * costs O(batch), not O(traces)); every reducer returns a new state object whose `ids` view
 * is new whenever the list changed, so subscribers see the change.
 */

import type {
  LiveServerMessage,
  RejectionSample,
  SandboxStats,
  TraceId,
  TraceListBody,
  TraceSummary,
} from "@xray-sandbox/segments";
import { type OrderedEntry, type TraceIdList, TraceOrder } from "./trace-order.ts";

/** Rejections kept for the status bar and the list's hints; `/rejected` has the full log. */
export const MAX_KEPT_REJECTIONS = 200;

export type SocketStatus = "connecting" | "live" | "reconnecting";

export interface SocketState {
  readonly status: SocketStatus;
  /** Reconnection attempts since the connection was last live. */
  readonly attempt: number;
  /** Why the last connection ended, when it did. */
  readonly lastError: string | undefined;
}

/** What the status bar shows: `paused` wins over `live` when the user paused the list. */
export interface ConnectionInfo {
  readonly state: SocketStatus | "paused";
  readonly attempt: number;
  readonly lastError: string | undefined;
  readonly paused: boolean;
  /** Traces that arrived while paused and are not in the list yet. */
  readonly newWhilePaused: number;
}

/** List changes received while paused, coalesced so that a long pause stays bounded. */
export interface PendingChanges {
  /** The list is to be replaced (a snapshot or a clear arrived): forget what it holds. */
  replace: boolean;
  /** Set when `replace` came from a snapshot. */
  total: number | undefined;
  /** That snapshot's `total` was only what the daemon had found so far (`counting`). */
  counting: boolean;
  readonly removed: Set<TraceId>;
  /** Latest summary per trace, in arrival order. */
  readonly upserts: Map<TraceId, TraceSummary>;
  /** Upserts that are not in the list the user is looking at. */
  readonly fresh: Set<TraceId>;
}

export type OlderPages =
  | { readonly status: "idle"; readonly cursor: string | undefined }
  | { readonly status: "loading"; readonly cursor: string | undefined }
  | { readonly status: "failed"; readonly cursor: string | undefined; readonly error: string }
  /** Every matching trace is loaded. */
  | { readonly status: "done" };

export interface LiveState {
  /** Mutable, updated in place: read it through `useSummary(id)`. */
  readonly summaries: Map<TraceId, TraceSummary>;
  /** Mutable, updated in place: read it through `ids`. */
  readonly order: TraceOrder;
  /** The list newest first; a new object after every change to the list. */
  readonly ids: TraceIdList;
  /** Traces matching the filter on the daemon, loaded or not. */
  readonly total: number;
  /**
   * The daemon sent the snapshot before it had read every trace: `total` is at least what it
   * had found then (`found`), and its `count` message is still to come.
   */
  readonly counting: { readonly found: number } | undefined;
  readonly stats: SandboxStats | undefined;
  /** Newest first, at most `MAX_KEPT_REJECTIONS`. */
  readonly rejections: readonly RejectionSample[];
  /** The subscription's filter expression; null for every trace. */
  readonly filter: string | null;
  /**
   * Snapshots still to come before the list matches `filter`: the connection's first, and
   * one per `subscribe` sent. Until the last arrives, list changes belong to an old filter.
   */
  readonly awaitingSnapshots: number;
  /** The daemon refused `filter`. */
  readonly filterError: string | undefined;
  readonly socket: SocketState;
  readonly paused: boolean;
  readonly pending: PendingChanges | undefined;
  readonly connection: ConnectionInfo;
  readonly older: OlderPages;
  /** Bumped whenever the list is replaced, so that late older pages are dropped. */
  readonly generation: number;
  /** The daemon's version, from `hello`. */
  readonly serverVersion: string | undefined;
}

export interface ListChanges {
  readonly cleared: boolean;
  readonly removed: Iterable<TraceId>;
  /** Any order; new ids are placed by when their trace was first received. */
  readonly upserts: Iterable<TraceSummary>;
}

export function initialLiveState(filter: string | null = null): LiveState {
  const order = new TraceOrder();
  const socket: SocketState = { status: "connecting", attempt: 0, lastError: undefined };
  return {
    summaries: new Map(),
    order,
    ids: order.view(),
    total: 0,
    counting: undefined,
    stats: undefined,
    rejections: [],
    filter,
    awaitingSnapshots: 1,
    filterError: undefined,
    socket,
    paused: false,
    pending: undefined,
    connection: connectionInfo(socket, false, undefined),
    older: { status: "idle", cursor: undefined },
    generation: 0,
    serverVersion: undefined,
  };
}

/** Applies one message from `/api/live`. */
export function receiveMessage(state: LiveState, message: LiveServerMessage): LiveState {
  switch (message.type) {
    case "hello":
      return { ...state, serverVersion: message.version };
    case "snapshot":
      return receiveSnapshot(state, message);
    case "batch":
      return receiveBatch(state, message);
    case "count":
      return receiveCount(state, message);
    case "error": {
      if (message.code !== "INVALID_FILTER") return state;
      // No snapshot comes for a refused filter: the list kept for it meanwhile goes.
      state.order.clear();
      state.summaries.clear();
      return {
        ...state,
        ids: state.order.view(),
        total: 0,
        counting: undefined,
        awaitingSnapshots: Math.max(0, state.awaitingSnapshots - 1),
        filterError: message.message,
      };
    }
    case "resync":
    case "pong":
      return state;
  }
}

/** The socket opened: the daemon sends a snapshot of every trace first. */
export function connected(state: LiveState): LiveState {
  return { ...state, awaitingSnapshots: 1 };
}

/** A `subscribe` went out: one more snapshot to wait for. */
export function subscribed(state: LiveState): LiveState {
  return { ...state, awaitingSnapshots: state.awaitingSnapshots + 1, filterError: undefined };
}

export function socketChanged(state: LiveState, socket: SocketState): LiveState {
  return { ...state, socket, connection: connectionInfo(socket, state.paused, state.pending) };
}

/**
 * A new filter. While connected, its `subscribe` goes out at once: the old list stays, stale
 * (`awaitingSnapshots` tells), until the snapshot replaces it in one step, so that the list
 * is not emptied and rebuilt on the way; changes to it are ignored meanwhile, and no older
 * page is read for it. Otherwise the list empties until a connection brings the snapshot.
 * It also ends a pause.
 */
export function filterChanged(state: LiveState, filter: string | null): LiveState {
  if (filter === state.filter) return state;
  const emptied = state.socket.status !== "live";
  if (emptied) {
    state.order.clear();
    state.summaries.clear();
  }
  return {
    ...state,
    ...(emptied ? { ids: state.order.view(), total: 0 } : {}),
    filter,
    filterError: undefined,
    counting: undefined,
    paused: false,
    pending: undefined,
    connection: connectionInfo(state.socket, false, undefined),
    older: { status: "idle", cursor: undefined },
    generation: state.generation + 1,
  };
}

export function paused(state: LiveState): LiveState {
  if (state.paused) return state;
  const pending = emptyPending();
  return {
    ...state,
    paused: true,
    pending,
    connection: connectionInfo(state.socket, true, pending),
  };
}

/** Applies everything that arrived while paused. */
export function resumed(state: LiveState): LiveState {
  if (!state.paused) return state;
  const pending = state.pending;
  let next: LiveState = {
    ...state,
    paused: false,
    pending: undefined,
    connection: connectionInfo(state.socket, false, undefined),
  };
  if (!pending) return next;
  if (pending.replace && pending.total !== undefined) {
    next = replaceList(next, [...pending.upserts.values()], pending.total, pending.counting);
    return applyListChanges(next, { cleared: false, removed: pending.removed, upserts: [] });
  }
  return applyListChanges(next, {
    cleared: pending.replace,
    removed: pending.removed,
    upserts: pending.upserts.values(),
  });
}

/**
 * The user cleared the daemon: the list empties now, without waiting for the `cleared`
 * batch. While paused, what was held back is dropped too: it was all cleared.
 */
export function clearedLocally(state: LiveState): LiveState {
  const changed = applyListChanges(state, { cleared: true, removed: [], upserts: [] });
  const next = { ...changed, total: 0, counting: undefined };
  if (!state.paused) return next;
  const pending = emptyPending();
  return { ...next, pending, connection: connectionInfo(state.socket, true, pending) };
}

/** An older page from `GET /api/traces?cursor=` arrived for the list of `generation`. */
export function olderPageLoaded(
  state: LiveState,
  generation: number,
  body: TraceListBody,
): LiveState {
  if (generation !== state.generation) return state;
  const entries: OrderedEntry[] = [];
  for (const summary of body.traces) {
    if (state.summaries.has(summary.id)) continue;
    state.summaries.set(summary.id, summary);
    entries.push(entryOf(summary));
  }
  state.order.insert(entries.reverse());
  const older: OlderPages =
    body.nextCursor === undefined
      ? { status: "done" }
      : { status: "idle", cursor: body.nextCursor };
  return {
    ...state,
    ids: entries.length > 0 ? state.order.view() : state.ids,
    // The page's total is a whole count, later than the snapshot's: no `count` is awaited.
    total: Math.max(body.total, state.order.size),
    counting: undefined,
    older,
  };
}

export function olderPageRequested(state: LiveState): LiveState {
  if (state.older.status === "done") return state;
  return { ...state, older: { status: "loading", cursor: state.older.cursor } };
}

export function olderPageFailed(state: LiveState, generation: number, error: string): LiveState {
  if (generation !== state.generation || state.older.status === "done") return state;
  return { ...state, older: { status: "failed", cursor: state.older.cursor, error } };
}

/**
 * Applies removals, then upserts (so a trace evicted and re-created in one batch ends up
 * present). A new id older than every loaded trace while older ones remain unloaded is
 * left for the older pages to bring, so the list never has a gap. With a filter, `total`
 * is a running estimate between snapshots (removals of traces never loaded are not counted,
 * as the daemon may report evictions of traces that did not match); an older page corrects it.
 */
export function applyListChanges(state: LiveState, changes: ListChanges): LiveState {
  const { order, summaries } = state;
  let total = state.total;
  if (changes.cleared) {
    order.clear();
    summaries.clear();
    total = 0;
  }
  const removed: TraceId[] = [];
  for (const id of changes.removed) {
    if (!summaries.delete(id)) continue;
    removed.push(id);
    total--;
  }
  order.remove(removed);
  total = Math.max(total, order.size);

  const allLoaded =
    state.older.status === "done" || (state.counting === undefined && total <= order.size);
  const oldest = order.oldestKey();
  const fresh: OrderedEntry[] = [];
  let listChanged = changes.cleared || removed.length > 0;
  for (const summary of changes.upserts) {
    if (summaries.has(summary.id)) {
      summaries.set(summary.id, summary);
      continue;
    }
    const entry = entryOf(summary);
    if (!allLoaded && oldest !== undefined && entry.key < oldest) continue;
    summaries.set(summary.id, summary);
    fresh.push(entry);
  }
  if (fresh.length > 0) {
    order.insert(fresh.reverse());
    total += fresh.length;
    listChanged = true;
  }
  return {
    ...state,
    ids: listChanged ? order.view() : state.ids,
    total: totalOf(state.filter, state.stats, total, order.size),
    older: changes.cleared ? { status: "done" } : state.older,
    counting: changes.cleared ? undefined : state.counting,
  };
}

function receiveSnapshot(
  state: LiveState,
  message: LiveServerMessage & { type: "snapshot" },
): LiveState {
  const withStats = { ...state, stats: message.stats };
  if (state.awaitingSnapshots > 1) {
    return { ...withStats, awaitingSnapshots: state.awaitingSnapshots - 1 };
  }
  const counting = message.counting === true;
  const settled: LiveState = {
    ...withStats,
    awaitingSnapshots: 0,
    counting: counting ? { found: message.total } : undefined,
  };
  if (state.paused && state.pending) {
    const pending = state.pending;
    pending.replace = true;
    pending.total = message.total;
    pending.counting = counting;
    pending.removed.clear();
    pending.upserts.clear();
    pending.fresh.clear();
    for (const summary of message.summaries) {
      pending.upserts.set(summary.id, summary);
      if (!state.summaries.has(summary.id)) pending.fresh.add(summary.id);
    }
    return { ...settled, connection: connectionInfo(state.socket, true, pending) };
  }
  return replaceList(settled, message.summaries, message.total, counting);
}

/**
 * The whole count of the snapshot the list came from: the running total moves by what the
 * daemon found past the snapshot's matches. A count for an older subscription is dropped.
 */
function receiveCount(state: LiveState, message: LiveServerMessage & { type: "count" }): LiveState {
  const counting = state.counting;
  if (counting === undefined || state.awaitingSnapshots > 0 || message.filter !== state.filter) {
    return state;
  }
  const more = Math.max(0, message.total - counting.found);
  const pending = state.pending;
  if (state.paused && pending?.replace && pending.total !== undefined && pending.counting) {
    pending.total += more;
    pending.counting = false;
    return { ...state, counting: undefined };
  }
  const total = Math.max(state.total + more, state.order.size);
  const older: OlderPages =
    total <= state.order.size && state.older.status === "idle" ? { status: "done" } : state.older;
  return { ...state, counting: undefined, total, older };
}

function receiveBatch(state: LiveState, message: LiveServerMessage & { type: "batch" }): LiveState {
  const rejections =
    message.rejections.length === 0
      ? state.rejections
      : [...message.rejections, ...state.rejections].slice(0, MAX_KEPT_REJECTIONS);
  const next: LiveState = { ...state, stats: message.stats, rejections };
  if (state.awaitingSnapshots > 0) return next;
  if (state.paused && state.pending) {
    bufferChanges(state, state.pending, message);
    return { ...next, connection: connectionInfo(state.socket, true, state.pending) };
  }
  if (!message.cleared && message.removed.length === 0 && message.upserts.length === 0) {
    return { ...next, total: totalOf(state.filter, message.stats, state.total, state.order.size) };
  }
  return applyListChanges(next, message);
}

function bufferChanges(state: LiveState, pending: PendingChanges, changes: ListChanges): void {
  if (changes.cleared) {
    pending.replace = true;
    pending.total = undefined;
    pending.counting = false;
    pending.removed.clear();
    pending.upserts.clear();
    pending.fresh.clear();
  }
  for (const id of changes.removed) {
    pending.upserts.delete(id);
    pending.fresh.delete(id);
    if (!pending.replace) pending.removed.add(id);
  }
  for (const summary of changes.upserts) {
    pending.upserts.set(summary.id, summary);
    const shown = !pending.replace && state.summaries.has(summary.id);
    if (!shown || pending.removed.has(summary.id)) pending.fresh.add(summary.id);
  }
}

/** `counting`: more than `total` may match; older pages are read until the daemon says none. */
function replaceList(
  state: LiveState,
  newestFirst: readonly TraceSummary[],
  total: number,
  counting: boolean,
) {
  const { order, summaries } = state;
  order.clear();
  summaries.clear();
  const entries: OrderedEntry[] = [];
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const summary = newestFirst[i];
    if (!summary || summaries.has(summary.id)) continue;
    summaries.set(summary.id, summary);
    entries.push(entryOf(summary));
  }
  order.insert(entries);
  const size = order.size;
  return {
    ...state,
    ids: order.view(),
    total: Math.max(total, size),
    older:
      total <= size && !counting
        ? ({ status: "done" } as const)
        : { status: "idle" as const, cursor: undefined },
    generation: state.generation + 1,
    filterError: undefined,
  };
}

/** Without a filter the daemon's own trace count is exact; with one, the running estimate. */
function totalOf(
  filter: string | null,
  stats: SandboxStats | undefined,
  estimate: number,
  loaded: number,
): number {
  if (filter === null && stats) return Math.max(stats.traces, loaded);
  return Math.max(estimate, loaded);
}

function entryOf(summary: TraceSummary): OrderedEntry {
  return { id: summary.id, key: summary.firstReceivedAt };
}

function emptyPending(): PendingChanges {
  return {
    replace: false,
    total: undefined,
    counting: false,
    removed: new Set(),
    upserts: new Map(),
    fresh: new Set(),
  };
}

function connectionInfo(
  socket: SocketState,
  isPaused: boolean,
  pending: PendingChanges | undefined,
): ConnectionInfo {
  return {
    state: isPaused && socket.status === "live" ? "paused" : socket.status,
    attempt: socket.attempt,
    lastError: socket.lastError,
    paused: isPaused,
    newWhilePaused: pending?.fresh.size ?? 0,
  };
}
