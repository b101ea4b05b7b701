import { type DocumentIndex, epochSeconds, isTraceId, type TraceId } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { BatchQueue, type BatchQueueOptions } from "./batch-queue.ts";
import { type BatchReader, type BatchWriter, MAX_ENTRY_BYTES, readBatch } from "./scanned-batch.ts";

function traceId(text: string): TraceId {
  if (!isTraceId(text)) throw new Error(text);
  return text;
}

const INDEX = {
  id: "70de5b6f19ff9a0a",
  trace_id: traceId("1-581cf771-a006649127e371903a2de979"),
  name: "svc",
  start_time: epochSeconds(1),
  end_time: epochSeconds(2),
} as DocumentIndex;

/**
 * A queue on a hand-driven clock. `posted`: each batch handed over; `handed`: the datagram
 * numbers in each, read when it was handed over (its buffer is reused once applied).
 */
function setup(options: Partial<BatchQueueOptions> = {}) {
  let now = 0;
  const timers: { at: number; callback: () => void }[] = [];
  const posted: BatchWriter[] = [];
  const handed: number[][] = [];
  const queue = new BatchQueue({
    maxQueueBytes: 64 * MAX_ENTRY_BYTES,
    batchBytes: MAX_ENTRY_BYTES,
    batchDelayMs: 2,
    maxInFlight: 2,
    post: (batch) => {
      posted.push(batch);
      handed.push(numbers(batch));
    },
    now: () => now,
    setTimer: (callback, ms) => {
      timers.push({ at: now + ms, callback });
      return {};
    },
    ...options,
  });
  const advance = (ms: number): void => {
    now += ms;
    for (const timer of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (timer.at <= now) timer.callback();
      else timers.push(timer);
    }
  };
  /** Datagram `n`: `n` as its body, padded to `size` bytes. */
  const receive = (n: number, size = 100): void => {
    const bytes = new TextEncoder().encode(String(n).padEnd(size, " "));
    queue.accepted(bytes, 0, INDEX, "127.0.0.1", 1000, n);
  };
  function numbers(batch: BatchWriter): number[] {
    const seen: number[] = [];
    const reader: BatchReader = {
      accepted: (_index, raw) => seen.push(Number(raw.trim())),
      rejected: () => {},
      otlp: () => {},
    };
    readBatch(batch.buffer, batch.length, batch.senders, reader);
    return seen;
  }
  return { queue, posted, handed, advance, receive };
}

describe("BatchQueue", () => {
  it("hands a batch over once it is batchDelayMs old", () => {
    const { queue, posted, handed, advance, receive } = setup();
    receive(1);
    receive(2);
    advance(1);
    expect(posted).toHaveLength(0);
    advance(1);
    expect(handed).toEqual([[1, 2]]);
    expect(queue.status()).toMatchObject({ received: 2, queuedBytes: 200, peakQueuedBytes: 200 });
  });

  it("hands a batch over as soon as it is full", () => {
    const { handed, receive } = setup();
    const perBatch = Math.floor(MAX_ENTRY_BYTES / (1000 + 115 + 3));
    for (let n = 0; n < perBatch + 1; n++) receive(n, 1000);
    expect(handed.map((batch) => batch.length)).toEqual([perBatch]);
  });

  it("keeps at most maxInFlight batches with the main thread; the rest wait, in order", () => {
    const { queue, posted, handed, advance, receive } = setup();
    for (let n = 1; n <= 4; n++) {
      receive(n);
      advance(2);
    }
    expect(handed).toEqual([[1], [2]]);
    expect(queue.inFlight).toBe(2);
    queue.applied((posted[0] as BatchWriter).buffer);
    expect(handed).toEqual([[1], [2], [3, 4]]);
    queue.applied((posted[1] as BatchWriter).buffer);
    queue.applied((posted[2] as BatchWriter).buffer);
    expect(queue.drained).toBe(true);
    expect(queue.status()).toMatchObject({ received: 4, queuedBytes: 0, peakQueuedBytes: 400 });
  });

  it("drops and counts what arrives past maxQueueBytes while the main thread is busy", () => {
    const { queue, posted, handed, receive } = setup({
      maxQueueBytes: 2 * MAX_ENTRY_BYTES,
      maxInFlight: 1,
    });
    const perBatch = Math.floor(MAX_ENTRY_BYTES / (1000 + 115 + 4));
    const sent = 3 * perBatch;
    for (let n = 0; n < sent; n++) receive(n, 1000);
    const status = queue.status();
    expect(status.received).toBe(sent);
    expect(status.overflowDatagrams).toBe(sent - 2 * perBatch);
    expect(status.overflowBytes).toBe(status.overflowDatagrams * 1000);
    expect(status.peakQueuedBytes).toBe(2 * perBatch * 1000);
    // Room again once the main thread catches up; nothing taken is out of order.
    queue.applied((posted[0] as BatchWriter).buffer);
    queue.flush();
    receive(sent);
    queue.applied((posted[1] as BatchWriter).buffer);
    queue.flush();
    const applied = handed.flat();
    expect(applied.slice(0, 2 * perBatch)).toEqual([...Array(2 * perBatch).keys()]);
    expect(applied.at(-1)).toBe(sent);
  });

  it("hands over the open batch at once on flush (shutdown)", () => {
    const { queue, posted, handed, receive } = setup();
    receive(1);
    queue.flush();
    expect(handed).toEqual([[1]]);
    queue.applied((posted[0] as BatchWriter).buffer);
    expect(queue.drained).toBe(true);
  });
});
