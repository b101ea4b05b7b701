import {
  epochMillis,
  type LiveBounds,
  type LiveServerMessage,
  parseDocumentText,
  type SandboxStats,
  TraceStore,
} from "@xray-sandbox/segments";
import { describe, expect, it, vi } from "vitest";
import { FilterScans } from "../filter-scans.ts";
import { silentLogger } from "../logger.ts";
import { RejectionLog } from "../rejection-log.ts";
import { LiveHub } from "./live-hub.ts";
import type { LiveConnection, LiveSendOptions, LiveSocket } from "./live-socket.ts";
import { DIAGNOSIS_QUIET_MS } from "./problem-follow-ups.ts";

type Message<T extends LiveServerMessage["type"]> = Extract<LiveServerMessage, { type: T }>;

class FakeSocket implements LiveSocket {
  bufferedAmount = 0;
  readonly messages: LiveServerMessage[] = [];
  /** Each message as sent: its fragments, in order (one for an unfragmented message). */
  readonly frames: Array<Array<string | Buffer>> = [];
  #fragments: Array<string | Buffer> = [];
  closedWith: { code: number; reason: string } | undefined;
  terminated = false;
  pings = 0;

  send(data: string | Buffer, options?: LiveSendOptions): void {
    if (typeof data !== "string") expect(options?.binary).toBe(false);
    this.#fragments.push(data);
    if (options?.fin === false) return;
    const fragments = this.#fragments;
    this.#fragments = [];
    this.frames.push(fragments);
    const text = fragments.map((part) => part.toString()).join("");
    this.messages.push(JSON.parse(text) as LiveServerMessage);
  }
  ping(): void {
    this.pings++;
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
  terminate(): void {
    this.terminated = true;
  }

  /** Every message since the last call. */
  take(): LiveServerMessage[] {
    return this.messages.splice(0);
  }

  only<T extends LiveServerMessage["type"]>(type: T): Message<T> {
    const messages = this.take();
    expect(messages.map((message) => message.type)).toEqual([type]);
    return messages[0] as Message<T>;
  }
}

const HEX = "0123456789abcdef";

function traceIdOf(n: number): string {
  return `1-6a000000-${n.toString(16).padStart(24, "0")}`;
}

function segmentIdOf(n: number, part = 0): string {
  return `${part.toString(16)}${n.toString(16)}`.padStart(16, HEX[1]);
}

function setup(bounds: Partial<LiveBounds> = {}, maxTraces = 100, filterScans?: FilterScans) {
  let now = 1_000_000;
  const store = new TraceStore({ maxTraces, maxBytes: 1 << 24 });
  const rejections = new RejectionLog(10);
  const hub: LiveHub = new LiveHub({
    store,
    rejections,
    stats: () => ({ live: hub.stats() }) as unknown as SandboxStats,
    version: "1.0.0-test",
    logger: silentLogger(),
    bounds,
    now: () => now,
    timers: false,
    ...(filterScans === undefined ? {} : { filterScans }),
  });

  const ingest = (n: number, fields: Record<string, unknown> = {}, part = 0) => {
    const text = JSON.stringify({
      name: `service-${n}`,
      id: segmentIdOf(n, part),
      trace_id: traceIdOf(n),
      start_time: 1_780_000_000 + n,
      end_time: 1_780_000_000 + n + 0.5,
      ...fields,
    });
    const parsed = parseDocumentText(text);
    if (!parsed.ok) throw new Error(parsed.rejection.message);
    store.ingest(parsed.document, parsed.raw, text.length, epochMillis(now));
    now += 1;
  };

  const connect = (): { socket: FakeSocket; connection: LiveConnection } => {
    const socket = new FakeSocket();
    const connection = hub.connect(socket);
    return { socket, connection };
  };

  const subscribe = (connection: LiveConnection, filter: string | null) =>
    connection.received(JSON.stringify({ type: "subscribe", filter }));

  return {
    hub,
    store,
    rejections,
    ingest,
    connect,
    subscribe,
    advance(ms: number) {
      now += ms;
    },
  };
}

const ids = (summaries: readonly { id: string }[]) => summaries.map((summary) => summary.id);

describe("LiveHub", () => {
  it("greets a client with hello, then a snapshot of the newest traces", () => {
    const { ingest, connect } = setup({ snapshotLimit: 2 });
    for (const n of [1, 2, 3]) ingest(n);
    const { socket } = connect();
    const [hello, snapshot] = socket.take();
    expect(hello).toMatchObject({ type: "hello", protocol: 2, version: "1.0.0-test" });
    expect(snapshot).toMatchObject({ type: "snapshot", seq: 1, filter: null, total: 3, limit: 2 });
    expect(ids((snapshot as Message<"snapshot">).summaries)).toEqual([traceIdOf(3), traceIdOf(2)]);
  });

  it("sends one batch per round with what changed, newest first, and nothing when idle", () => {
    const { hub, ingest, connect } = setup();
    const { socket } = connect();
    socket.take();
    ingest(1);
    ingest(2);
    ingest(1, { end_time: 1_780_000_009 }, 1);
    hub.tick();
    const batch = socket.only("batch");
    // The snapshot was 1.
    expect(batch).toMatchObject({ seq: 2, removed: [], cleared: false, rejections: [] });
    expect(ids(batch.upserts)).toEqual([traceIdOf(2), traceIdOf(1)]);
    expect(batch.upserts[1]?.documentCount).toBe(2);
    hub.tick();
    expect(socket.take()).toEqual([]);
  });

  it("reads and serializes a batch once for every client at the same cursor: the same bytes", () => {
    const { hub, store, ingest, connect, subscribe } = setup();
    const clients = [connect(), connect(), connect()];
    const filtered = connect();
    subscribe(filtered.connection, "fault");
    for (const { socket } of [...clients, filtered]) socket.take();
    for (const n of [1, 2, 3]) ingest(n, n === 2 ? { fault: true } : {});
    const summaries = vi.spyOn(store, "peekSummary");
    hub.tick();

    const [first, ...others] = clients.map(({ socket }) => socket);
    const batch = first?.only("batch");
    expect(ids(batch?.upserts ?? [])).toEqual([traceIdOf(3), traceIdOf(2), traceIdOf(1)]);
    const shared = first?.frames.at(-1)?.[0];
    expect(Buffer.isBuffer(shared)).toBe(true);
    for (const socket of others) {
      expect(socket.only("batch")).toEqual(batch);
      // Not a copy: the very same bytes are queued for every one of them.
      expect(socket.frames.at(-1)?.[0]).toBe(shared);
    }
    expect(ids(filtered.socket.only("batch").upserts)).toEqual([traceIdOf(2)]);
    expect(filtered.socket.frames.at(-1)?.[0]).not.toBe(shared);
    // One read for the three unfiltered clients, one for the filtered one.
    expect(summaries).toHaveBeenCalledTimes(6);
  });

  it("reads at most maxRoundUpserts changes a round; clients behind take turns", () => {
    const { hub, ingest, connect, subscribe } = setup({ maxBatchUpserts: 2, maxRoundUpserts: 2 });
    const clients = [connect(), connect(), connect()];
    const [, faults, others] = clients;
    subscribe(faults?.connection as LiveConnection, "fault");
    subscribe(others?.connection as LiveConnection, "!fault");
    for (const { socket } of clients) socket.take();
    ingest(1, { fault: true });
    ingest(2);
    const batches = () =>
      clients.map(({ socket }) => socket.take().filter((m) => m.type === "batch").length);

    hub.tick();
    expect(batches()).toEqual([1, 0, 0]);
    expect(hub.stats().deferredBatches).toBe(2);
    hub.tick();
    expect(batches()).toEqual([0, 1, 0]);
    hub.tick();
    expect(batches()).toEqual([0, 0, 1]);
    // A client at the end of the log is never deferred: it has nothing to read.
    expect(hub.stats()).toMatchObject({ deferredBatches: 3, pendingTraces: 0 });
  });

  it("narrows to the subscription, and removes a trace that stops matching", () => {
    const { hub, ingest, connect, subscribe } = setup();
    ingest(1, { end_time: undefined, in_progress: true });
    ingest(2, { fault: true });
    const { socket, connection } = connect();
    socket.take();
    subscribe(connection, "!fault");
    const snapshot = socket.only("snapshot");
    expect(snapshot.filter).toBe("!fault");
    expect(ids(snapshot.summaries)).toEqual([traceIdOf(1)]);

    ingest(3, { fault: true });
    ingest(4);
    hub.tick();
    expect(ids(socket.only("batch").upserts)).toEqual([traceIdOf(4)]);

    ingest(1, { fault: true });
    hub.tick();
    expect(socket.only("batch")).toMatchObject({ upserts: [], removed: [traceIdOf(1)] });
  });

  it("answers an invalid filter with INVALID_FILTER and keeps the subscription", () => {
    const { hub, ingest, connect, subscribe } = setup();
    const { socket, connection } = connect();
    subscribe(connection, "fault");
    socket.take();
    subscribe(connection, "responsetime >");
    const error = socket.only("error");
    expect(error).toMatchObject({
      code: "INVALID_FILTER",
      filterError: { offset: 14, line: 1, column: 15 },
    });
    expect(error.message).toMatch(/^invalid filter: /);
    ingest(1);
    ingest(2, { fault: true });
    hub.tick();
    expect(ids(socket.only("batch").upserts)).toEqual([traceIdOf(2)]);
  });

  it("reports evicted traces the client holds as removed", () => {
    const { hub, ingest, connect } = setup({}, 2);
    ingest(1);
    ingest(2);
    const { socket } = connect();
    socket.take();
    ingest(3);
    hub.tick();
    const batch = socket.only("batch");
    expect(ids(batch.upserts)).toEqual([traceIdOf(3)]);
    expect(batch.removed).toEqual([traceIdOf(1)]);
  });

  it("reports an evicted trace as removed even when the client only read it over HTTP", () => {
    const { hub, ingest, connect, subscribe } = setup({}, 2);
    ingest(1);
    const { socket, connection } = connect();
    subscribe(connection, 'name = "service-2" OR name = "service-3"');
    socket.take();
    ingest(2);
    ingest(3);
    hub.tick();
    const batch = socket.only("batch");
    expect(ids(batch.upserts)).toEqual([traceIdOf(3), traceIdOf(2)]);
    expect(batch.removed).toEqual([traceIdOf(1)]);
  });

  it("sends cleared after the store is cleared, with only what arrived since", () => {
    const { hub, store, ingest, connect } = setup();
    ingest(1);
    const { socket } = connect();
    socket.take();
    ingest(2);
    store.clear();
    ingest(3);
    hub.tick();
    const batch = socket.only("batch");
    expect(batch.cleared).toBe(true);
    expect(ids(batch.upserts)).toEqual([traceIdOf(3)]);
    expect(batch.removed).toEqual([]);
  });

  it("carries new rejections, newest first, once", () => {
    const { hub, rejections, connect } = setup();
    const { socket } = connect();
    socket.take();
    for (const n of [1, 2]) {
      rejections.record({
        receivedAt: epochMillis(n),
        from: `10.0.0.1:${n}`,
        bytes: new TextEncoder().encode(`#${n}`),
        reason: "not-json",
        message: "not JSON",
      });
    }
    hub.tick();
    expect(socket.only("batch").rejections.map((rejection) => rejection.from)).toEqual([
      "10.0.0.1:2",
      "10.0.0.1:1",
    ]);
    hub.tick();
    expect(socket.take()).toEqual([]);
  });

  it("sends at most maxBatchUpserts changes a batch, in the order they came, the rest next", () => {
    const { hub, ingest, connect } = setup({ maxBatchUpserts: 2 });
    const { socket } = connect();
    socket.take();
    for (const n of [1, 2, 3]) ingest(n);
    hub.tick();
    expect(ids(socket.only("batch").upserts)).toEqual([traceIdOf(2), traceIdOf(1)]);
    hub.tick();
    expect(ids(socket.only("batch").upserts)).toEqual([traceIdOf(3)]);
    expect(hub.stats().pendingTraces).toBe(0);
  });

  it("sends a batch of stats alone at most once a second", () => {
    const { hub, ingest, connect, subscribe, advance } = setup();
    const { socket, connection } = connect();
    subscribe(connection, "fault");
    socket.take();
    ingest(1);
    hub.tick();
    expect(socket.only("batch")).toMatchObject({ upserts: [], removed: [] });
    ingest(2);
    advance(500);
    hub.tick();
    expect(socket.take()).toEqual([]);
    advance(500);
    hub.tick();
    // Snapshot 1, the subscription's snapshot 2, batch 3: this is 4.
    expect(socket.only("batch")).toMatchObject({ seq: 4, upserts: [] });
  });

  it("answers ping with pong and a malformed message with INVALID_MESSAGE", () => {
    const { connect } = setup();
    const { socket, connection } = connect();
    socket.take();
    connection.received('{"type":"ping"}');
    expect(socket.only("pong")).toEqual({ type: "pong" });
    connection.received("hello?");
    expect(socket.only("error")).toMatchObject({ code: "INVALID_MESSAGE" });
  });

  describe("a client that does not read", () => {
    it("gets nothing while over maxBufferedBytes, then everything coalesced in one batch", () => {
      const { hub, ingest, connect } = setup({ maxBufferedBytes: 1000 });
      const { socket } = connect();
      socket.take();
      socket.bufferedAmount = 1001;
      for (const n of [1, 2, 3]) {
        ingest(n);
        hub.tick();
      }
      expect(socket.take()).toEqual([]);
      expect(hub.stats()).toMatchObject({ queuedBytes: 1001, pendingTraces: 3 });
      socket.bufferedAmount = 0;
      hub.tick();
      expect(ids(socket.only("batch").upserts)).toEqual([traceIdOf(3), traceIdOf(2), traceIdOf(1)]);
    });

    it("has its changes dropped past maxPendingTraces and is told to resync once it drains", () => {
      const { hub, ingest, connect, subscribe } = setup({
        maxBufferedBytes: 1000,
        maxPendingTraces: 3,
      });
      const { socket, connection } = connect();
      socket.take();
      socket.bufferedAmount = 5000;
      for (const n of [1, 2, 3, 4, 5]) ingest(n);
      hub.tick();
      expect(hub.stats()).toMatchObject({ pendingTraces: 3, resyncsSent: 0 });
      ingest(6);
      socket.bufferedAmount = 0;
      hub.tick();
      const [resync, batch] = socket.take();
      expect(resync).toMatchObject({ type: "resync" });
      expect((resync as Message<"resync">).reason).toMatch(/more than 3 changed traces/);
      expect(ids((batch as Message<"batch">).upserts)).toEqual([
        traceIdOf(6),
        traceIdOf(5),
        traceIdOf(4),
      ]);
      expect(hub.stats().pendingTraces).toBe(0);
      expect(hub.stats().resyncsSent).toBe(1);

      subscribe(connection, null);
      expect(socket.only("snapshot").total).toBe(6);
    });

    it("costs the other clients nothing and pins the log only until it is dropped", () => {
      const { hub, store, ingest, connect, advance } = setup(
        { maxBufferedBytes: 1000, maxPendingTraces: 50, stallTimeoutMs: 1000 },
        1000,
      );
      const stalled = Array.from({ length: 20 }, () => connect().socket);
      const reader = connect().socket;
      for (const socket of [...stalled, reader]) socket.take();
      for (const socket of stalled) socket.bufferedAmount = 5000;
      const received = new Set<string>();
      const summaries = vi.spyOn(store, "peekSummary");
      for (let n = 1; n <= 500; n++) {
        ingest(n);
        if (n % 10 === 0) {
          hub.tick();
          for (const message of reader.take()) {
            if (message.type === "batch") for (const id of ids(message.upserts)) received.add(id);
          }
          // The stalled clients hold back at most maxPendingTraces changes, whatever arrives.
          expect(hub.stats().pendingTraces).toBeLessThanOrEqual(50);
        }
      }
      expect(received.size).toBe(500);
      expect(reader.frames.filter((frame) => frame.length > 1)).toHaveLength(50);
      expect(stalled.every((socket) => socket.messages.length === 0)).toBe(true);
      // Each change was read once, for the reader: the stalled clients cost no reads.
      expect(summaries).toHaveBeenCalledTimes(500);
      expect(hub.stats()).toMatchObject({ clients: 21, pendingTraces: 50, droppedClients: 0 });
      advance(1000);
      hub.tick();
      expect(hub.stats()).toMatchObject({ clients: 1, pendingTraces: 0, droppedClients: 20 });
    });

    it("does not hold up other clients", () => {
      const { hub, ingest, connect } = setup({ maxBufferedBytes: 1000 });
      const stalled = connect().socket;
      const reader = connect().socket;
      stalled.take();
      reader.take();
      stalled.bufferedAmount = 5000;
      ingest(1);
      hub.tick();
      expect(stalled.take()).toEqual([]);
      expect(ids(reader.only("batch").upserts)).toEqual([traceIdOf(1)]);
    });

    it("is closed with a reason once stalled for stallTimeoutMs", () => {
      const { hub, connect, ingest, advance } = setup({
        maxBufferedBytes: 1000,
        stallTimeoutMs: 30_000,
      });
      const { socket } = connect();
      socket.take();
      socket.bufferedAmount = 5000;
      ingest(1);
      hub.tick();
      advance(29_999);
      hub.tick();
      expect(socket.closedWith).toBeUndefined();
      advance(1);
      hub.tick();
      expect(socket.closedWith).toEqual({
        code: 1008,
        reason: "stalled: over 1000 bytes queued for 30 s",
      });
      expect(hub.stats()).toMatchObject({ clients: 0, droppedClients: 1 });
      hub.close();
      expect(socket.terminated).toBe(true);
    });

    it("defers a snapshot asked for while over its bound", () => {
      const { hub, connect, subscribe } = setup({ maxBufferedBytes: 1000 });
      const { socket, connection } = connect();
      socket.take();
      socket.bufferedAmount = 5000;
      subscribe(connection, "fault");
      subscribe(connection, "error");
      connection.received('{"type":"ping"}');
      expect(socket.take()).toEqual([]);
      socket.bufferedAmount = 0;
      hub.tick();
      expect(socket.only("snapshot").filter).toBe("error");
    });
  });

  describe("a client that does not acknowledge", () => {
    const ack = (connection: LiveConnection, seq: number) =>
      connection.received(JSON.stringify({ type: "ack", seq }));

    it("is sent at most maxUnackedBytes ahead of its acks, then everything coalesced", () => {
      const { hub, ingest, connect } = setup({ maxUnackedBytes: 1500 });
      const { socket, connection } = connect();
      const [, snapshot] = socket.take();
      ack(connection, (snapshot as Message<"snapshot">).seq);
      let lastSeq = 0;
      // Its socket takes everything (nothing queued): only the missing acks hold it back.
      for (let n = 1; n <= 10; n++) {
        ingest(n);
        hub.tick();
        for (const message of socket.take()) if (message.type === "batch") lastSeq = message.seq;
      }
      const held = hub.stats();
      expect(held.unackedBytes).toBeGreaterThan(1500);
      expect(held.pendingTraces).toBeGreaterThan(0);
      ingest(11);
      hub.tick();
      expect(socket.take()).toEqual([]);
      ack(connection, lastSeq);
      expect(hub.stats().unackedBytes).toBe(0);
      hub.tick();
      const batch = socket.only("batch");
      expect(ids(batch.upserts)).toContain(traceIdOf(11));
      expect(batch.upserts.length).toBe(held.pendingTraces + 1);
    });

    it("takes an ack of an older seq as taking everything up to it", () => {
      const { hub, ingest, connect } = setup();
      const { socket, connection } = connect();
      socket.take();
      ingest(1);
      hub.tick();
      ingest(2);
      hub.tick();
      const [first, second] = socket.take() as Message<"batch">[];
      const before = hub.stats().unackedBytes;
      ack(connection, first?.seq ?? 0);
      const afterFirst = hub.stats().unackedBytes;
      expect(afterFirst).toBeLessThan(before);
      expect(afterFirst).toBeGreaterThan(0);
      ack(connection, first?.seq ?? 0);
      expect(hub.stats().unackedBytes).toBe(afterFirst);
      ack(connection, second?.seq ?? 0);
      expect(hub.stats().unackedBytes).toBe(0);
    });

    it("answers an ack of a seq never sent with an error", () => {
      const { connect } = setup();
      const { socket, connection } = connect();
      socket.take();
      ack(connection, 99);
      expect(socket.only("error")).toMatchObject({
        code: "INVALID_MESSAGE",
        message: "ack of seq 99, but the last snapshot or batch sent was 1",
      });
    });

    it("is closed with a reason once unacknowledged for stallTimeoutMs", () => {
      const { hub, connect, ingest, advance } = setup({
        maxUnackedBytes: 100,
        stallTimeoutMs: 10_000,
      });
      const { socket } = connect();
      socket.take();
      ingest(1);
      hub.tick();
      advance(10_000);
      hub.tick();
      expect(socket.closedWith).toEqual({
        code: 1008,
        reason: "stalled: over 100 bytes sent and not acknowledged for 10 s",
      });
    });
  });

  it("pings every heartbeat and drops a client that did not answer the last one", () => {
    const { hub, connect } = setup();
    const answering = connect();
    const silent = connect();
    hub.heartbeat();
    expect([answering.socket.pings, silent.socket.pings]).toEqual([1, 1]);
    answering.connection.alive();
    hub.heartbeat();
    expect(silent.socket.terminated).toBe(true);
    expect(answering.socket.terminated).toBe(false);
    expect(hub.stats()).toMatchObject({ clients: 1, droppedClients: 1 });
  });

  it("stops marking changes once the last client has gone", () => {
    const { hub, ingest, connect } = setup();
    const { connection } = connect();
    connection.closed();
    ingest(1);
    expect(hub.stats()).toMatchObject({ clients: 0, pendingTraces: 0 });
  });
});

describe("filtered snapshots in slices", () => {
  // A slice of a microsecond: every filtered snapshot yields between traces.
  const tinySlices = () => new FilterScans(0.001);

  it("holds the client's batches until the snapshot is sent, then sends what changed", async () => {
    const scans = tinySlices();
    const { hub, ingest, connect, subscribe } = setup({}, 100, scans);
    for (let n = 1; n <= 20; n++) ingest(n, n % 2 === 0 ? { fault: true } : {});
    const { socket, connection } = connect();
    socket.take();
    subscribe(connection, "fault");
    expect(socket.take()).toEqual([]);
    ingest(21, { fault: true });
    hub.tick();
    expect(socket.take()).toEqual([]);
    await vi.waitFor(() => expect(socket.messages).toHaveLength(1));
    const snapshot = socket.only("snapshot");
    expect(snapshot).toMatchObject({ filter: "fault", total: 10 });
    expect(ids(snapshot.summaries)).toEqual(
      [20, 18, 16, 14, 12, 10, 8, 6, 4, 2].map((n) => traceIdOf(n)),
    );
    hub.tick();
    expect(ids(socket.only("batch").upserts)).toEqual([traceIdOf(21)]);
    expect(scans.stats()).toMatchObject({ running: 0 });
    expect(scans.stats().yields).toBeGreaterThanOrEqual(3);
  });

  it("sends only the snapshot of the latest subscription", async () => {
    const scans = tinySlices();
    const { ingest, connect, subscribe } = setup({}, 100, scans);
    for (let n = 1; n <= 20; n++) ingest(n, n % 2 === 0 ? { fault: true } : { error: true });
    const { socket, connection } = connect();
    socket.take();
    subscribe(connection, "fault");
    subscribe(connection, "error");
    await vi.waitFor(() => expect(scans.stats().running).toBe(0));
    const snapshot = socket.only("snapshot");
    expect(snapshot).toMatchObject({ filter: "error", total: 10 });
    // The first scan stopped where it was when the second subscription came.
    expect(scans.stats().tracesScanned).toBeLessThan(40);
  });

  it("answers with the newest matches once it has its limit, then counts the rest while batches flow", async () => {
    const scans = tinySlices();
    const { hub, ingest, connect, subscribe } = setup({ snapshotLimit: 3 }, 100, scans);
    for (let n = 1; n <= 20; n++) ingest(n, n % 2 === 0 ? { fault: true } : {});
    const { socket, connection } = connect();
    socket.take();
    subscribe(connection, "fault");
    await vi.waitFor(() => expect(socket.messages.length).toBeGreaterThanOrEqual(1));
    const snapshot = socket.messages.shift() as Message<"snapshot">;
    // The same newest three as a scan of every trace gives, found from the newest end.
    expect(snapshot).toMatchObject({ type: "snapshot", filter: "fault", total: 3, limit: 3 });
    expect(snapshot.counting).toBe(true);
    expect(ids(snapshot.summaries)).toEqual([20, 18, 16].map((n) => traceIdOf(n)));
    // Batches are not held back by the count.
    ingest(21, { fault: true });
    hub.tick();
    await vi.waitFor(() => expect(scans.stats().running).toBe(0));
    const messages = socket.take();
    expect(messages.filter((message) => message.type === "count")).toEqual([
      { type: "count", filter: "fault", total: 10 },
    ]);
    const batch = messages.find((message) => message.type === "batch") as Message<"batch">;
    expect(ids(batch.upserts)).toEqual([traceIdOf(21)]);
  });

  it("sends no count when the snapshot read every trace, nor for a subscription replaced", async () => {
    const scans = tinySlices();
    const { ingest, connect, subscribe } = setup({ snapshotLimit: 3 }, 100, scans);
    for (let n = 1; n <= 20; n++) ingest(n, n === 4 || n === 2 ? { fault: true } : {});
    const { socket, connection } = connect();
    socket.take();
    subscribe(connection, "fault");
    await vi.waitFor(() => expect(scans.stats().running).toBe(0));
    const snapshot = socket.only("snapshot");
    expect(snapshot).toMatchObject({ filter: "fault", total: 2 });
    expect(snapshot.counting).toBeUndefined();

    // A new subscription as soon as the snapshot of "!fault" (18 matches) went out, while
    // the rest of its traces were still to be counted.
    const send = socket.send.bind(socket);
    socket.send = (data, options) => {
      send(data, options);
      if (socket.messages.at(-1)?.type === "snapshot" && socket.messages.length === 1) {
        subscribe(connection, "fault");
      }
    };
    subscribe(connection, "!fault");
    await vi.waitFor(() => expect(socket.messages.length).toBeGreaterThanOrEqual(2));
    await vi.waitFor(() => expect(scans.stats().running).toBe(0));
    const types = socket.take().map((message) => message.type);
    expect(types).toEqual(["snapshot", "snapshot"]);
  });

  it("holds a subscription's snapshots to its own limit, never past snapshotLimit", async () => {
    const scans = tinySlices();
    const { connection, socket, ingest } = (() => {
      const made = setup({ snapshotLimit: 4 }, 100, scans);
      return { ...made, ...made.connect() };
    })();
    for (let n = 1; n <= 10; n++) ingest(n, n % 2 === 0 ? { fault: true } : {});
    socket.take();
    const subscribeWith = (filter: string | null, limit: number) =>
      connection.received(JSON.stringify({ type: "subscribe", filter, limit }));

    subscribeWith(null, 2);
    const all = socket.only("snapshot");
    expect(all).toMatchObject({ filter: null, total: 10, limit: 2 });
    expect(ids(all.summaries)).toEqual([traceIdOf(10), traceIdOf(9)]);

    subscribeWith("fault", 2);
    await vi.waitFor(() => expect(scans.stats().running).toBe(0));
    const [faults, count] = socket.take();
    expect(faults).toMatchObject({ type: "snapshot", filter: "fault", total: 2, counting: true });
    expect(ids((faults as Message<"snapshot">).summaries)).toEqual([traceIdOf(10), traceIdOf(8)]);
    expect(count).toEqual({ type: "count", filter: "fault", total: 5 });

    subscribeWith("fault", 50);
    await vi.waitFor(() => expect(scans.stats().running).toBe(0));
    const [bounded] = socket.take();
    expect(bounded).toMatchObject({ type: "snapshot", limit: 4, total: 4, counting: true });
  });
});

describe("LiveHub and the trace doctor", () => {
  it("sends a changed trace at once, and again with its problem counts once it is quiet", () => {
    const { hub, ingest, connect, advance } = setup();
    const { socket } = connect();
    socket.take();
    // Flagged fault with no exception and no status: the doctor warns about it.
    ingest(1, { fault: true });
    ingest(2);
    hub.tick();
    const first = socket.only("batch");
    expect(ids(first.upserts)).toEqual([traceIdOf(2), traceIdOf(1)]);
    expect(first.upserts.every((summary) => summary.problems === undefined)).toBe(true);
    expect(hub.stats()).toMatchObject({ pendingDiagnoses: 2, diagnosedTraces: 0 });

    // Not yet quiet for long enough: nothing more.
    advance(DIAGNOSIS_QUIET_MS - 10);
    hub.tick();
    expect(socket.take()).toEqual([]);

    advance(20);
    hub.tick();
    const followUp = socket.only("batch");
    // Only the trace with a problem is sent again; the healthy one shows none either way.
    expect(ids(followUp.upserts)).toEqual([traceIdOf(1)]);
    expect(followUp.upserts[0]?.problems).toMatchObject({
      total: 1,
      codes: ["fault-without-cause"],
    });
    expect(hub.stats()).toMatchObject({ pendingDiagnoses: 0, diagnosedTraces: 2 });
  });

  it("diagnoses a trace that keeps changing once, after its last change", () => {
    const { hub, store, ingest, connect, advance } = setup();
    const { socket } = connect();
    socket.take();
    const diagnoses = vi.spyOn(store, "getSummary");
    for (let part = 0; part < 5; part++) {
      ingest(1, { fault: true }, part);
      hub.tick();
      advance(100);
    }
    expect(diagnoses).not.toHaveBeenCalled();
    advance(DIAGNOSIS_QUIET_MS);
    hub.tick();
    expect(diagnoses).toHaveBeenCalledTimes(1);
    const sent = socket
      .take()
      .flatMap((message) => (message.type === "batch" ? message.upserts : []));
    expect(sent.at(-1)?.problems?.total).toBe(5);
    expect(sent.slice(0, -1).every((summary) => summary.problems === undefined)).toBe(true);
  });

  it("filters a subscription on problems by diagnosing the changed traces it reads", () => {
    const { hub, ingest, connect, subscribe } = setup();
    const { socket, connection } = connect();
    subscribe(connection, "problems > 0");
    socket.take();
    ingest(1, { fault: true });
    ingest(2);
    hub.tick();
    expect(ids(socket.only("batch").upserts)).toEqual([traceIdOf(1)]);
  });

  it("sends a snapshot without diagnosing, and the counts of the traces with problems after", () => {
    const { hub, store, ingest, connect, advance } = setup();
    ingest(1, { fault: true });
    ingest(2);
    const diagnoses = vi.spyOn(store, "getSummary");
    const { socket } = connect();
    const snapshot = socket.take().find((message) => message.type === "snapshot");
    expect(snapshot?.type === "snapshot" && snapshot.summaries.map((s) => s.problems)).toEqual([
      undefined,
      undefined,
    ]);
    expect(diagnoses).not.toHaveBeenCalled();
    advance(DIAGNOSIS_QUIET_MS);
    hub.tick();
    const followUp = socket.only("batch");
    expect(ids(followUp.upserts)).toEqual([traceIdOf(1)]);
    expect(followUp.upserts[0]?.problems?.codes).toEqual(["fault-without-cause"]);
  });

  it("forgets the traces waiting for a diagnosis when the last client leaves", () => {
    const { hub, ingest, connect } = setup();
    const { socket, connection } = connect();
    socket.take();
    ingest(1, { fault: true });
    hub.tick();
    expect(hub.stats().pendingDiagnoses).toBe(1);
    connection.closed();
    expect(hub.stats().pendingDiagnoses).toBe(0);
  });
});
