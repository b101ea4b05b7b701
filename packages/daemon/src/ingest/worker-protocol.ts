/** Messages between the main thread and the UDP receive worker. */

/** What the worker is started with (`workerData`). */
export interface ReceiveWorkerOptions {
  readonly host: string;
  readonly port: number;
  /** Asked of the kernel; it grants at most `net.core.rmem_max` (doubled) on Linux. */
  readonly receiveBufferBytes: number;
  /** Bytes of batches the worker may hold (open, queued and handed over but not yet applied). */
  readonly maxQueueBytes: number;
  readonly batchBytes: number;
  /** A batch is handed over once it is this old, or full. */
  readonly batchDelayMs: number;
  /** Batches handed over but not yet applied, at most; the rest wait in the worker. */
  readonly maxInFlight: number;
  /** Where the worker keeps its counters for the main thread to read: see `StatusBoard`. */
  readonly status: SharedArrayBuffer;
}

/** The worker's counters. */
export interface ReceiveWorkerStatus {
  /** Datagrams read from the socket, those dropped for a full queue included. */
  readonly received: number;
  /** Datagrams dropped because the queue was full, and their bytes. */
  readonly overflowDatagrams: number;
  readonly overflowBytes: number;
  /** Bytes of datagrams waiting in batches not yet applied by the main thread. */
  readonly queuedBytes: number;
  readonly peakQueuedBytes: number;
}

export type WorkerMessage =
  | {
      readonly type: "listening";
      readonly host: string;
      readonly port: number;
      readonly family: "IPv4" | "IPv6";
      readonly receiveBufferBytes: number;
    }
  | {
      readonly type: "bind-failed";
      readonly code: string | undefined;
      readonly message: string;
    }
  | {
      readonly type: "batch";
      readonly buffer: ArrayBuffer;
      readonly length: number;
      readonly entries: number;
      readonly senders: readonly string[];
    }
  | { readonly type: "log"; readonly level: "warn" | "error"; readonly message: string }
  /** Everything received was handed over and applied; the socket is closed. */
  | { readonly type: "closed" };

export type MainMessage =
  /** A batch was applied; its buffer comes back for reuse. */
  | { readonly type: "applied"; readonly buffer: ArrayBuffer }
  /** Stop receiving, hand over what is held, then say `closed`. */
  | { readonly type: "close" };

/**
 * The worker's counters live in memory both threads see (`ReceiveWorkerOptions.status`): the
 * worker writes them as it goes, the main thread reads them whenever it likes, also while
 * the worker is busy or just failed. One writer; each counter is one aligned 8-byte word.
 */
export const STATUS = Object.freeze({
  received: 0,
  overflowDatagrams: 1,
  overflowBytes: 2,
  queuedBytes: 3,
  peakQueuedBytes: 4,
});
export const STATUS_BYTES = 5 * 8;

export function readStatus(buffer: SharedArrayBuffer): ReceiveWorkerStatus {
  const values = new Float64Array(buffer);
  return {
    received: values[STATUS.received] ?? 0,
    overflowDatagrams: values[STATUS.overflowDatagrams] ?? 0,
    overflowBytes: values[STATUS.overflowBytes] ?? 0,
    queuedBytes: values[STATUS.queuedBytes] ?? 0,
    peakQueuedBytes: values[STATUS.peakQueuedBytes] ?? 0,
  };
}
