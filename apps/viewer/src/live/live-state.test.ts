import type {
  LiveServerMessage,
  RejectionSample,
  SandboxStats,
  TraceId,
  TraceSummary,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import {
  applyListChanges,
  connected,
  filterChanged,
  initialLiveState,
  type LiveState,
  MAX_KEPT_REJECTIONS,
  olderPageLoaded,
  paused,
  receiveMessage,
  resumed,
  socketChanged,
  subscribed,
} from "./live-state.ts";
import {
  syntheticNewestFirst,
  syntheticStats,
  syntheticSummary,
  syntheticTraceId,
} from "./synthetic-summaries.ts";

function stats(traces = 0): SandboxStats {
  return syntheticStats({ traces });
}

function snapshot(
  summaries: TraceSummary[],
  total = summaries.length,
  filter: string | null = null,
) {
  return {
    type: "snapshot",
    seq: 1,
    filter,
    summaries,
    total,
    limit: 2000,
    stats: stats(total),
  } satisfies LiveServerMessage;
}

function batch(
  changes: {
    upserts?: TraceSummary[];
    removed?: TraceId[];
    cleared?: boolean;
    rejections?: RejectionSample[];
  },
  traces?: number,
) {
  return {
    type: "batch",
    seq: 1,
    upserts: changes.upserts ?? [],
    removed: changes.removed ?? [],
    cleared: changes.cleared ?? false,
    stats: stats(traces),
    rejections: changes.rejections ?? [],
  } satisfies LiveServerMessage;
}

function listed(state: LiveState): TraceId[] {
  const ids: TraceId[] = [];
  for (let i = 0; i < state.ids.length; i++) {
    const id = state.ids.at(i);
    if (id) ids.push(id);
  }
  return ids;
}

const idsOf = (...ns: number[]) => ns.map(syntheticTraceId);

function liveWith(summaries: TraceSummary[], total = summaries.length): LiveState {
  return receiveMessage(initialLiveState(), snapshot(summaries, total));
}

describe("snapshot", () => {
  it("replaces the list with the newest traces, newest first, and knows how many match", () => {
    const state = liveWith(syntheticNewestFirst(0, 3), 10);
    expect(listed(state)).toEqual(idsOf(2, 1, 0));
    expect(state.total).toBe(10);
    expect(state.stats?.traces).toBe(10);
    expect(state.older).toEqual({ status: "idle", cursor: undefined });
    expect(state.awaitingSnapshots).toBe(0);
  });

  it("has nothing older to load when it holds every match", () => {
    expect(liveWith(syntheticNewestFirst(0, 3)).older).toEqual({ status: "done" });
  });

  it("skips the snapshot of an earlier subscription", () => {
    let state = connected(initialLiveState("fault"));
    state = subscribed(state);
    state = receiveMessage(state, snapshot(syntheticNewestFirst(0, 5)));
    expect(listed(state)).toEqual([]);
    expect(state.awaitingSnapshots).toBe(1);
    state = receiveMessage(state, snapshot(syntheticNewestFirst(3, 4), 1, "fault"));
    expect(listed(state)).toEqual(idsOf(3));
  });
});

describe("a new filter", () => {
  const live = (state: LiveState) =>
    socketChanged(state, { status: "live", attempt: 0, lastError: undefined });

  it("keeps the old rows while connected until its snapshot replaces them in one step", () => {
    let state = filterChanged(live(liveWith(syntheticNewestFirst(0, 3))), "fault");
    state = subscribed(state);
    expect(listed(state)).toEqual(idsOf(2, 1, 0));
    expect(state.awaitingSnapshots).toBe(1);
    expect(state.filter).toBe("fault");
    // Changes meanwhile belong to the old filter's list: not applied.
    state = receiveMessage(state, batch({ upserts: [syntheticSummary(9)] }));
    expect(listed(state)).toEqual(idsOf(2, 1, 0));
    state = receiveMessage(state, snapshot(syntheticNewestFirst(5, 7), 2, "fault"));
    expect(listed(state)).toEqual(idsOf(6, 5));
    expect(state.total).toBe(2);
    expect(state.awaitingSnapshots).toBe(0);
  });

  it("empties the list when the daemon refuses it: no snapshot will come", () => {
    let state = subscribed(filterChanged(live(liveWith(syntheticNewestFirst(0, 3))), "nope"));
    const refused: LiveServerMessage = {
      type: "error",
      code: "INVALID_FILTER",
      message: "invalid filter: nope",
    };
    state = receiveMessage(state, refused);
    expect(listed(state)).toEqual([]);
    expect(state.total).toBe(0);
    expect(state.awaitingSnapshots).toBe(0);
    expect(state.filterError).toBe("invalid filter: nope");
  });

  it("empties the list while not connected, until a connection brings the snapshot", () => {
    const state = filterChanged(liveWith(syntheticNewestFirst(0, 3)), "fault");
    expect(listed(state)).toEqual([]);
    expect(state.total).toBe(0);
  });
});

describe("a snapshot still counting", () => {
  const counted = (filter: string | null, total: number) =>
    ({ type: "count", filter, total }) satisfies LiveServerMessage;
  const counting = (summaries: TraceSummary[], filter: string) => ({
    ...snapshot(summaries, summaries.length, filter),
    counting: true,
  });

  it("keeps older pages reachable, then moves the total by what the count adds", () => {
    let state = filterChanged(initialLiveState(), "fault");
    state = receiveMessage(state, counting(syntheticNewestFirst(0, 3), "fault"));
    expect(listed(state)).toEqual(idsOf(2, 1, 0));
    expect(state.total).toBe(3);
    expect(state.counting).toEqual({ found: 3 });
    expect(state.older).toEqual({ status: "idle", cursor: undefined });

    // A trace arrived meanwhile: the count (of the traces the snapshot was taken from) adds 7.
    state = receiveMessage(state, batch({ upserts: [syntheticSummary(3)] }));
    expect(state.total).toBe(4);
    state = receiveMessage(state, counted("fault", 10));
    expect(state.total).toBe(11);
    expect(state.counting).toBeUndefined();
    expect(state.older).toEqual({ status: "idle", cursor: undefined });
  });

  it("has nothing older to load when the count finds no more, and drops a stale count", () => {
    let state = receiveMessage(
      filterChanged(initialLiveState(), "fault"),
      counting(syntheticNewestFirst(0, 2), "fault"),
    );
    expect(receiveMessage(state, counted("error", 9))).toBe(state);
    state = receiveMessage(state, counted("fault", 2));
    expect(state.total).toBe(2);
    expect(state.older).toEqual({ status: "done" });
    expect(receiveMessage(state, counted("fault", 5))).toBe(state);
  });

  it("counts into a snapshot held while paused", () => {
    let state = paused(liveWith(syntheticNewestFirst(0, 2)));
    state = { ...state, filter: "fault" };
    state = receiveMessage(state, counting(syntheticNewestFirst(4, 6), "fault"));
    state = receiveMessage(state, counted("fault", 5));
    state = resumed(state);
    expect(listed(state)).toEqual(idsOf(5, 4));
    expect(state.total).toBe(5);
    expect(state.older).toEqual({ status: "idle", cursor: undefined });
  });
});

describe("batch", () => {
  it("puts new traces on top and updates known ones in place", () => {
    let state = liveWith(syntheticNewestFirst(0, 3));
    const changed = syntheticSummary(1, { hasFault: true });
    state = receiveMessage(
      state,
      batch({ upserts: [syntheticSummary(4), syntheticSummary(3), changed] }),
    );
    expect(listed(state)).toEqual(idsOf(4, 3, 2, 1, 0));
    expect(state.summaries.get(syntheticTraceId(1))?.hasFault).toBe(true);
    expect(state.total).toBe(5);
  });

  it("keeps the same ids view when only summaries changed, so the list does not re-render", () => {
    const state = liveWith(syntheticNewestFirst(0, 3));
    const next = receiveMessage(
      state,
      batch({ upserts: [syntheticSummary(1, { partial: true })] }, 3),
    );
    expect(next.ids).toBe(state.ids);
    expect(next.summaries.get(syntheticTraceId(1))?.partial).toBe(true);
  });

  it("removes evicted traces", () => {
    let state = liveWith(syntheticNewestFirst(0, 4));
    state = receiveMessage(state, batch({ removed: idsOf(0, 2) }, 2));
    expect(listed(state)).toEqual(idsOf(3, 1));
    expect(state.summaries.has(syntheticTraceId(0))).toBe(false);
    expect(state.total).toBe(2);
  });

  it("empties the list on clear and lists what arrived after it", () => {
    let state = liveWith(syntheticNewestFirst(0, 4));
    state = receiveMessage(state, batch({ cleared: true, upserts: [syntheticSummary(9)] }, 1));
    expect(listed(state)).toEqual(idsOf(9));
    expect(state.total).toBe(1);
  });

  it("applies a removal before an upsert of the same trace, which then is new", () => {
    let state = liveWith(syntheticNewestFirst(0, 2));
    const recreated = syntheticSummary(0, { firstReceivedAt: syntheticSummary(5).firstReceivedAt });
    state = receiveMessage(state, batch({ removed: idsOf(0), upserts: [recreated] }, 2));
    expect(listed(state)).toEqual(idsOf(0, 1));
  });

  it("ignores list changes meant for an old filter but keeps the counters", () => {
    let state = subscribed(liveWith(syntheticNewestFirst(0, 2)));
    state = receiveMessage(state, batch({ upserts: [syntheticSummary(7)] }, 42));
    expect(listed(state)).toEqual(idsOf(1, 0));
    expect(state.stats?.traces).toBe(42);
  });

  it("leaves a new trace older than the loaded window to the older pages", () => {
    let state = filterChanged(liveWith([]), "fault");
    state = subscribed(state);
    state = receiveMessage(state, snapshot(syntheticNewestFirst(10, 12), 50, "fault"));
    state = receiveMessage(state, batch({ upserts: [syntheticSummary(3), syntheticSummary(20)] }));
    expect(listed(state)).toEqual(idsOf(20, 11, 10));
  });

  it("keeps the newest rejections, bounded", () => {
    const rejection = (n: number): RejectionSample => ({
      receivedAt: new Date(n).toISOString(),
      from: "127.0.0.1:5000",
      size: 3,
      reason: "not-json",
      message: `#${n}`,
      preview: "abc",
    });
    let state = liveWith([]);
    for (let n = 0; n < MAX_KEPT_REJECTIONS + 10; n++) {
      state = receiveMessage(state, batch({ rejections: [rejection(n)] }));
    }
    expect(state.rejections).toHaveLength(MAX_KEPT_REJECTIONS);
    expect(state.rejections[0]?.message).toBe(`#${MAX_KEPT_REJECTIONS + 9}`);
  });

  it("takes the daemon's trace count as the total when there is no filter", () => {
    const state = receiveMessage(liveWith(syntheticNewestFirst(0, 2), 2), batch({}, 500));
    expect(state.total).toBe(500);
  });
});

describe("pause", () => {
  it("holds changes aside, counts new traces, and applies everything on resume", () => {
    let state = paused(liveWith(syntheticNewestFirst(0, 3)));
    state = receiveMessage(state, batch({ upserts: [syntheticSummary(4), syntheticSummary(3)] }));
    state = receiveMessage(state, batch({ upserts: [syntheticSummary(1, { hasError: true })] }));
    state = receiveMessage(state, batch({ removed: idsOf(0), upserts: [syntheticSummary(5)] }));
    expect(listed(state)).toEqual(idsOf(2, 1, 0));
    expect(state.summaries.get(syntheticTraceId(1))?.hasError).toBe(false);
    expect(state.connection).toMatchObject({ paused: true, newWhilePaused: 3 });

    state = resumed(state);
    expect(listed(state)).toEqual(idsOf(5, 4, 3, 2, 1));
    expect(state.summaries.get(syntheticTraceId(1))?.hasError).toBe(true);
    expect(state.connection).toMatchObject({ paused: false, newWhilePaused: 0 });
  });

  it("does not count a new trace that was removed again before resume", () => {
    let state = paused(liveWith(syntheticNewestFirst(0, 1)));
    state = receiveMessage(state, batch({ upserts: [syntheticSummary(1)] }));
    state = receiveMessage(state, batch({ removed: idsOf(1) }));
    expect(state.connection.newWhilePaused).toBe(0);
    expect(listed(resumed(state))).toEqual(idsOf(0));
  });

  it("holds a snapshot (after a reconnect) and later batches until resume", () => {
    let state = paused(liveWith(syntheticNewestFirst(0, 2)));
    state = connected(state);
    state = receiveMessage(state, snapshot(syntheticNewestFirst(1, 4), 3));
    state = receiveMessage(state, batch({ upserts: [syntheticSummary(4)] }));
    expect(listed(state)).toEqual(idsOf(1, 0));
    expect(state.connection.newWhilePaused).toBe(3);
    expect(listed(resumed(state))).toEqual(idsOf(4, 3, 2, 1));
  });

  it("holds a clear until resume", () => {
    let state = paused(liveWith(syntheticNewestFirst(0, 2)));
    state = receiveMessage(state, batch({ cleared: true, upserts: [syntheticSummary(0)] }));
    expect(listed(state)).toEqual(idsOf(1, 0));
    expect(state.connection.newWhilePaused).toBe(1);
    expect(listed(resumed(state))).toEqual(idsOf(0));
  });

  it("ends when the filter changes", () => {
    const state = filterChanged(paused(liveWith(syntheticNewestFirst(0, 2))), "error");
    expect(state.paused).toBe(false);
    expect(listed(state)).toEqual([]);
    expect(state.filter).toBe("error");
  });
});

describe("older pages", () => {
  it("appends an older page below the loaded traces and remembers the next cursor", () => {
    const state = liveWith(syntheticNewestFirst(5, 8), 8);
    const next = olderPageLoaded(state, state.generation, {
      traces: syntheticNewestFirst(3, 6),
      nextCursor: "c2",
      total: 8,
    });
    expect(listed(next)).toEqual(idsOf(7, 6, 5, 4, 3));
    expect(next.older).toEqual({ status: "idle", cursor: "c2" });
    const last = olderPageLoaded(next, next.generation, {
      traces: syntheticNewestFirst(0, 3),
      total: 8,
    });
    expect(listed(last)).toEqual(idsOf(7, 6, 5, 4, 3, 2, 1, 0));
    expect(last.older).toEqual({ status: "done" });
  });

  it("drops a page that was asked for before the list was replaced", () => {
    const state = liveWith(syntheticNewestFirst(5, 8), 8);
    const replaced = receiveMessage(state, snapshot(syntheticNewestFirst(6, 9), 9));
    const late = olderPageLoaded(replaced, state.generation, {
      traces: syntheticNewestFirst(0, 3),
      total: 8,
    });
    expect(listed(late)).toEqual(idsOf(8, 7, 6));
  });
});

describe("with 100k traces", () => {
  it("applies 200 batches of removals and upserts to a 100k list in order", () => {
    const size = 100_000;
    const state = liveWith(syntheticNewestFirst(0, size), size);
    const batches = Array.from({ length: 200 }, (_, b) => ({
      cleared: false,
      removed: idsOf(...Array.from({ length: 10 }, (_, i) => b * 10 + i)),
      upserts: syntheticNewestFirst(size + b * 10, size + b * 10 + 10),
    }));

    let current = state;
    for (const changes of batches) current = applyListChanges(current, changes);

    expect(current.ids.length).toBe(size);
    expect(current.ids.at(0)).toBe(syntheticTraceId(size + 1999));
    expect(current.ids.at(size - 1)).toBe(syntheticTraceId(2000));
  });
});
