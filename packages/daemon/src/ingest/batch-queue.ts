/**
 * The receive worker's side of the hand-over: datagrams go into the open batch; a batch is
 * handed over when it is full or `batchDelayMs` old, while fewer than `maxInFlight` batches
 * wait to be applied by the main thread. When the main thread is busy, full batches queue
 * here, never in the kernel, up to `maxQueueBytes` of buffers in all; past that, datagrams
 * are dropped and counted.
 */

import type { ByteScan, DocumentIndex } from "@xray-sandbox/segments";
import type { DatagramRejectionReason } from "../rejection-log.ts";
import { BatchWriter, MAX_ENTRY_BYTES } from "./scanned-batch.ts";
import { type ReceiveWorkerStatus, STATUS, STATUS_BYTES } from "./worker-protocol.ts";

export interface BatchQueueOptions {
  readonly maxQueueBytes: number;
  readonly batchBytes: number;
  readonly batchDelayMs: number;
  readonly maxInFlight: number;
  /** Hands a batch to the main thread. */
  readonly post: (batch: BatchWriter) => void;
  /** Where the counters are kept (`STATUS` layout); shared with the main thread in the worker. */
  readonly status?: SharedArrayBuffer;
  readonly now?: () => number;
  readonly setTimer?: (callback: () => void, ms: number) => { unref?(): unknown };
}

export class BatchQueue {
  readonly #options: BatchQueueOptions;
  readonly #now: () => number;
  readonly #setTimer: NonNullable<BatchQueueOptions["setTimer"]>;
  readonly #batchBytes: number;
  readonly #waiting: BatchWriter[] = [];
  readonly #spare: ArrayBuffer[] = [];
  #open: BatchWriter | undefined;
  #openedAt = 0;
  #timerArmed = false;
  #inFlight = 0;
  /** Buffers in existence: open, waiting, in flight and spare. */
  #allocatedBytes = 0;
  /** Datagram bytes of each batch in flight, oldest first (they are applied in order). */
  readonly #inFlightBytes: number[] = [];
  /** Indexed by `STATUS`; `queuedBytes` is what the open, waiting and in-flight batches hold. */
  readonly #counts: Float64Array;

  constructor(options: BatchQueueOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.#batchBytes = Math.max(options.batchBytes, MAX_ENTRY_BYTES);
    this.#counts = new Float64Array(options.status ?? new ArrayBuffer(STATUS_BYTES));
  }

  /** Batches handed over and not yet applied. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** True when nothing is held: no open, waiting or in-flight batch. */
  get drained(): boolean {
    return this.#open === undefined && this.#waiting.length === 0 && this.#inFlight === 0;
  }

  status(): ReceiveWorkerStatus {
    const counts = this.#counts;
    return {
      received: counts[STATUS.received] ?? 0,
      overflowDatagrams: counts[STATUS.overflowDatagrams] ?? 0,
      overflowBytes: counts[STATUS.overflowBytes] ?? 0,
      queuedBytes: counts[STATUS.queuedBytes] ?? 0,
      peakQueuedBytes: counts[STATUS.peakQueuedBytes] ?? 0,
    };
  }

  /** The common case (see `scanDatagramBytes`), without a closure or strings per datagram. */
  scanned(
    datagram: Uint8Array,
    scan: ByteScan,
    address: string,
    port: number,
    receivedAt: number,
  ): void {
    const counts = this.#counts;
    counts[STATUS.received] = (counts[STATUS.received] ?? 0) + 1;
    let batch = this.#open;
    if (batch === undefined || !batch.scanned(datagram, scan, address, port, receivedAt)) {
      if (batch !== undefined) this.flush();
      batch = this.#newBatch();
      if (batch === undefined || !batch.scanned(datagram, scan, address, port, receivedAt)) {
        this.#overflowed(datagram.byteLength);
        return;
      }
    }
    this.#added(datagram.byteLength);
  }

  accepted(
    datagram: Uint8Array,
    bodyStart: number,
    index: DocumentIndex,
    address: string,
    port: number,
    receivedAt: number,
  ): void {
    this.#add(datagram, (batch) =>
      batch.accepted(datagram, bodyStart, index, address, port, receivedAt),
    );
  }

  rejected(
    datagram: Uint8Array,
    reason: DatagramRejectionReason,
    message: string,
    address: string,
    port: number,
    receivedAt: number,
  ): void {
    this.#add(datagram, (batch) =>
      batch.rejected(datagram, reason, message, address, port, receivedAt),
    );
  }

  otlp(datagram: Uint8Array, address: string, port: number, receivedAt: number): void {
    this.#add(datagram, (batch) => batch.otlp(datagram, address, port, receivedAt));
  }

  /** The main thread applied a batch; its buffer comes back. */
  applied(buffer: ArrayBuffer): void {
    this.#inFlight--;
    this.#counts[STATUS.queuedBytes] =
      (this.#counts[STATUS.queuedBytes] ?? 0) - (this.#inFlightBytes.shift() ?? 0);
    // Kept for reuse, all of them (they stay within maxQueueBytes): fresh memory costs a page
    // fault per 4 KiB on first touch, and the queue grows again at the next busy moment.
    if (buffer.byteLength === this.#batchBytes) this.#spare.push(buffer);
    else this.#allocatedBytes -= buffer.byteLength;
    this.#pump();
    if (this.#open !== undefined) this.#timerFired();
  }

  /** Hands over the open batch now (shutdown), or queues it when the main thread is busy. */
  flush(): void {
    const open = this.#open;
    if (open === undefined || open.entries === 0) return;
    this.#open = undefined;
    this.#waiting.push(open);
    this.#pump();
  }

  #add(datagram: Uint8Array, write: (batch: BatchWriter) => boolean): void {
    const counts = this.#counts;
    counts[STATUS.received] = (counts[STATUS.received] ?? 0) + 1;
    let batch = this.#open;
    if (batch !== undefined && write(batch)) {
      this.#added(datagram.byteLength);
      return;
    }
    if (batch !== undefined) this.flush();
    batch = this.#newBatch();
    if (batch === undefined || !write(batch)) {
      this.#overflowed(datagram.byteLength);
      return;
    }
    this.#added(datagram.byteLength);
  }

  #overflowed(bytes: number): void {
    const counts = this.#counts;
    counts[STATUS.overflowDatagrams] = (counts[STATUS.overflowDatagrams] ?? 0) + 1;
    counts[STATUS.overflowBytes] = (counts[STATUS.overflowBytes] ?? 0) + bytes;
  }

  #added(bytes: number): void {
    const counts = this.#counts;
    const queued = (counts[STATUS.queuedBytes] ?? 0) + bytes;
    counts[STATUS.queuedBytes] = queued;
    if (queued > (counts[STATUS.peakQueuedBytes] ?? 0)) counts[STATUS.peakQueuedBytes] = queued;
  }

  #newBatch(): BatchWriter | undefined {
    let buffer = this.#spare.pop();
    if (buffer === undefined) {
      if (this.#allocatedBytes + this.#batchBytes > this.#options.maxQueueBytes) return undefined;
      buffer = new ArrayBuffer(this.#batchBytes);
      this.#allocatedBytes += this.#batchBytes;
    }
    const batch = new BatchWriter(buffer);
    this.#open = batch;
    this.#openedAt = this.#now();
    this.#arm(this.#options.batchDelayMs);
    return batch;
  }

  #arm(ms: number): void {
    if (this.#timerArmed) return;
    this.#timerArmed = true;
    this.#setTimer(() => {
      this.#timerArmed = false;
      this.#timerFired();
    }, ms).unref?.();
  }

  /** Hands the open batch over once it is old enough, unless the main thread is busy. */
  #timerFired(): void {
    if (this.#open === undefined) return;
    // Busy main thread: the batch keeps filling; the next applied batch comes back here.
    if (this.#inFlight >= this.#options.maxInFlight) return;
    const age = this.#now() - this.#openedAt;
    if (age >= this.#options.batchDelayMs) this.flush();
    else this.#arm(this.#options.batchDelayMs - age);
  }

  #pump(): void {
    while (this.#inFlight < this.#options.maxInFlight) {
      const batch = this.#waiting.shift();
      if (batch === undefined) return;
      this.#inFlight++;
      this.#inFlightBytes.push(batch.datagramBytes);
      this.#options.post(batch);
    }
  }
}
