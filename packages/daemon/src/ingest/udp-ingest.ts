/**
 * The main thread's side of UDP receive: starts the receive worker, applies each batch it
 * hands over (in order, through `reader`) and gives the buffer back, restarts the worker if
 * it fails, and keeps every count of what was lost on the way: the kernel's drops at the
 * socket, datagrams the worker's full queue turned away, and what a failed worker held.
 */

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { UdpIngestStats } from "@xray-sandbox/segments";
import type { HostPort } from "../config.ts";
import { bindFailure } from "../errors.ts";
import { formatBytes } from "../format-bytes.ts";
import type { Logger } from "../logger.ts";
import { BatchTurns } from "./batch-turns.ts";
import { type BatchReader, readBatch } from "./scanned-batch.ts";
import { readSocketDrops, type UdpFamily } from "./socket-drops.ts";
import { ingestWorkerUrl } from "./worker-entry.ts";
import {
  type MainMessage,
  type ReceiveWorkerOptions,
  readStatus,
  STATUS_BYTES,
  type WorkerMessage,
} from "./worker-protocol.ts";

const MIB = 1024 * 1024;
/** What the receiver asks the kernel for; Linux grants at most `net.core.rmem_max` (doubled). */
export const REQUESTED_RECEIVE_BUFFER_BYTES = 8 * MIB;
/** Below this, a burst of segments from a busy service can overflow the kernel queue. */
export const LOW_RECEIVE_BUFFER_BYTES = 1 * MIB;
/** What the worker may hold while the main thread is busy, by default. */
export const DEFAULT_MAX_QUEUE_BYTES = 64 * MIB;

export interface UdpIngestTuning {
  /** Bytes of batch buffers the worker may hold at once; past it, datagrams are dropped and counted. */
  readonly maxQueueBytes: number;
  readonly batchBytes: number;
  /** A batch is handed over once it is this old (ms), or full. */
  readonly batchDelayMs: number;
  /** Batches handed over and not yet applied, at most. */
  readonly maxInFlight: number;
}

export const DEFAULT_UDP_INGEST_TUNING: UdpIngestTuning = Object.freeze({
  maxQueueBytes: DEFAULT_MAX_QUEUE_BYTES,
  batchBytes: 256 * 1024,
  batchDelayMs: 2,
  maxInFlight: 4,
});

export interface UdpIngestOptions {
  readonly bind: HostPort;
  /** Called on the main thread for every datagram, in arrival order. */
  readonly reader: BatchReader;
  readonly logger: Logger;
  readonly tuning?: Partial<UdpIngestTuning>;
  /** How long the worker has to start and bind; default 60 s (it compiles itself under tsx). */
  readonly startTimeoutMs?: number;
}

export interface UdpIngest {
  /** As bound: a requested port 0 is replaced by the port the system picked. */
  readonly address: HostPort;
  /** The receive buffer the kernel granted. */
  readonly receiveBufferBytes: number;
  stats(): UdpIngestStats;
  /**
   * Ends the worker abruptly, as a crash would: it is restarted, and what it held is counted
   * as lost. For tests and fault drills.
   */
  terminateWorker(): Promise<void>;
  /** Stops receiving, applies everything the worker had received, and ends it. */
  close(): Promise<void>;
}

const KERNEL_DROPS_INTERVAL_MS = 1000;
const CLOSE_TIMEOUT_MS = 10_000;
const MAX_RESTART_DELAY_MS = 5000;

interface Running {
  readonly worker: Worker;
  /** The worker's counters (`readStatus`). */
  readonly status: SharedArrayBuffer;
  /** Datagrams applied from this worker. */
  applied: number;
}

/** Starts the receive worker; rejects with `AddressInUseError` / `BindError` when it cannot bind. */
export async function startUdpIngest(options: UdpIngestOptions): Promise<UdpIngest> {
  const tuning = { ...DEFAULT_UDP_INGEST_TUNING, ...options.tuning };
  const { logger, reader } = options;
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;

  let running: Running | undefined;
  let address: HostPort = options.bind;
  let family: UdpFamily = "udp4";
  let receiveBufferBytes = 0;
  let closing: Promise<void> | undefined;
  let restartDelayMs = 100;
  let lastCrashAt = 0;
  /**
   * Workers that failed, so that the totals survive a restart. A batch a worker handed over
   * just before it failed may still arrive and be applied: what it lost is read when asked.
   */
  const failed: Running[] = [];
  let endedKernelDrops = 0;
  let socketDrops: number | undefined;
  let dropsTimer: NodeJS.Timeout | undefined;

  const readDrops = async (): Promise<void> => {
    const drops = await readSocketDrops(address.port, family);
    if (drops !== undefined) socketDrops = drops;
  };

  const spawn = (bind: HostPort): Promise<Running> =>
    new Promise((resolve, reject) => {
      const status = new SharedArrayBuffer(STATUS_BYTES);
      const workerOptions: ReceiveWorkerOptions = {
        host: bind.host,
        port: bind.port,
        receiveBufferBytes: REQUESTED_RECEIVE_BUFFER_BYTES,
        ...tuning,
        status,
      };
      const worker = startWorker(workerOptions);
      const state: Running = { worker, status, applied: 0 };
      let started = false;
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`the UDP receive worker did not start within ${startTimeoutMs} ms`));
      }, startTimeoutMs);

      worker.on("message", (message: WorkerMessage) => {
        switch (message.type) {
          case "batch":
            turns.add(state, message.buffer, message.length, message.senders);
            break;
          case "closed":
            break;
          case "log":
            logger[message.level](message.message);
            break;
          case "listening":
            started = true;
            clearTimeout(timer);
            address = { host: message.host, port: message.port };
            family = message.family === "IPv6" ? "udp6" : "udp4";
            receiveBufferBytes = message.receiveBufferBytes;
            resolve(state);
            break;
          case "bind-failed": {
            clearTimeout(timer);
            const error = Object.assign(new Error(message.message), { code: message.code });
            void worker.terminate();
            reject(bindFailure("udp", bind.host, bind.port, error));
            break;
          }
        }
      });
      worker.on("error", (error) => {
        logger.error({ err: error }, `the UDP receive worker failed: ${error.message}`);
        if (!started) {
          clearTimeout(timer);
          reject(error);
        }
      });
      worker.on("exit", () => {
        if (started && running === state && closing === undefined) crashed(state);
      });
    });

  const applyBatch = (
    state: Running,
    buffer: ArrayBuffer,
    length: number,
    senders: readonly string[],
  ): void => {
    let applied = 0;
    try {
      readBatch(buffer, length, senders, {
        accepted(index, raw, bodyBytes, datagram, from, port, receivedAt) {
          applied++;
          reader.accepted(index, raw, bodyBytes, datagram, from, port, receivedAt);
        },
        rejected(datagram, reason, message, from, port, receivedAt) {
          applied++;
          reader.rejected(datagram, reason, message, from, port, receivedAt);
        },
        otlp(datagram, from, port, receivedAt) {
          applied++;
          reader.otlp(datagram, from, port, receivedAt);
        },
      });
    } catch (error) {
      logger.error({ err: error }, "a batch from the UDP receive worker could not be read");
    }
    state.applied += applied;
    const reply: MainMessage = { type: "applied", buffer };
    try {
      state.worker.postMessage(reply, [buffer]);
    } catch {
      // The worker has ended; its buffers go with it.
    }
  };

  const turns = new BatchTurns(applyBatch);

  const crashed = (state: Running): void => {
    failed.push(state);
    const lost = lostBy(state);
    endedKernelDrops += socketDrops ?? 0;
    socketDrops = undefined;
    running = undefined;
    const restarts = failed.length;
    const now = Date.now();
    restartDelayMs =
      now - lastCrashAt < MAX_RESTART_DELAY_MS
        ? Math.min(restartDelayMs * 2, MAX_RESTART_DELAY_MS)
        : 100;
    lastCrashAt = now;
    logger.error(
      { lost, restarts },
      `the UDP receive worker stopped; restarting it (${lost} datagrams it held are lost)`,
    );
    const restart = (): void => {
      if (closing !== undefined) return;
      spawn(address).then(
        (next) => {
          if (closing !== undefined) {
            void next.worker.terminate();
            return;
          }
          running = next;
        },
        (error: unknown) => {
          logger.error(
            { err: error },
            `the UDP receive worker could not be restarted (trying again): ${error instanceof Error ? error.message : String(error)}`,
          );
          setTimeout(restart, restartDelayMs).unref();
        },
      );
    };
    setTimeout(restart, restartDelayMs === 100 ? 0 : restartDelayMs).unref();
  };

  running = await spawn(options.bind);
  if (receiveBufferBytes < LOW_RECEIVE_BUFFER_BYTES) {
    logger.warn(
      `the UDP receive buffer is only ${formatBytes(receiveBufferBytes)}: bursts of segments may be dropped by the kernel. ` +
        `Raise the limit with: ${raiseLimitCommand()}`,
    );
  }
  await readDrops();
  dropsTimer = setInterval(() => void readDrops(), KERNEL_DROPS_INTERVAL_MS).unref();

  const close = async (): Promise<void> => {
    clearInterval(dropsTimer);
    const state = running;
    if (state === undefined) return;
    await readDrops();
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        logger.warn("the UDP receive worker did not finish in time; ending it");
        resolve();
      }, CLOSE_TIMEOUT_MS);
      const onMessage = (message: WorkerMessage): void => {
        if (message.type !== "closed") return;
        clearTimeout(timer);
        state.worker.off("message", onMessage);
        resolve();
      };
      state.worker.on("message", onMessage);
      state.worker.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const message: MainMessage = { type: "close" };
    state.worker.postMessage(message);
    await done;
    await state.worker.terminate();
  };

  return {
    get address() {
      return address;
    },
    get receiveBufferBytes() {
      return receiveBufferBytes;
    },
    stats() {
      const current = running === undefined ? undefined : readStatus(running.status);
      const statuses = failed.map((state) => readStatus(state.status));
      if (current !== undefined) statuses.push(current);
      const sum = (field: "overflowDatagrams" | "overflowBytes"): number =>
        statuses.reduce((total, status) => total + status[field], 0);
      return {
        kernelDrops:
          socketDrops === undefined && endedKernelDrops === 0
            ? null
            : endedKernelDrops + (socketDrops ?? 0),
        queue: {
          queuedBytes: current?.queuedBytes ?? 0,
          peakQueuedBytes: Math.max(0, ...statuses.map((status) => status.peakQueuedBytes)),
          maxBytes: tuning.maxQueueBytes,
          overflowDatagrams: sum("overflowDatagrams"),
          overflowBytes: sum("overflowBytes"),
        },
        workerRestarts: failed.length,
        lostInRestarts: failed.reduce((total, state) => total + lostBy(state), 0),
      };
    },
    async terminateWorker() {
      await running?.worker.terminate();
    },
    close() {
      closing ??= close();
      return closing;
    },
  };
}

/** Datagrams a failed worker had received and that never reached the main thread. */
function lostBy(state: Running): number {
  const status = readStatus(state.status);
  return Math.max(0, status.received - status.overflowDatagrams - state.applied);
}

/**
 * Under TypeScript (tsx, vitest) the worker registers tsx's loader itself before loading its
 * entry: Node 20 does not run an `--import` hook given in a worker's execArgv for the
 * worker's own entry.
 */
function startWorker(workerData: ReceiveWorkerOptions): Worker {
  const entry = ingestWorkerUrl();
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, { workerData });
  const bootstrap =
    `import(${JSON.stringify(tsxApiUrl())})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** tsx's ES module API (`tsx/esm/api`), as its package's exports map names it. */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("tsx/package.json");
  const manifest = require(manifestPath) as {
    exports: Record<string, { import?: { default?: string } } | string>;
  };
  const target = manifest.exports["./esm/api"];
  const relative = typeof target === "string" ? target : target?.import?.default;
  if (relative === undefined) throw new Error("tsx does not export ./esm/api");
  return new URL(relative, pathToFileURL(manifestPath)).href;
}

function raiseLimitCommand(): string {
  const bytes = REQUESTED_RECEIVE_BUFFER_BYTES;
  return process.platform === "darwin"
    ? `sudo sysctl -w kern.ipc.maxsockbuf=${bytes * 2}`
    : `sudo sysctl -w net.core.rmem_max=${bytes}`;
}
