/**
 * The UDP receive worker (a `worker_threads` thread): owns the segment socket, reads it
 * continuously, scans each datagram and hands scanned batches to the main thread (see
 * `batch-queue.ts`). Nothing the main thread does keeps this thread from draining the
 * kernel's buffer. Started by `udp-ingest.ts`; its location is `worker-entry.ts`'s business.
 */

import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { isIP } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { newByteScan, scanDatagram, scanDatagramBytes } from "@xray-sandbox/segments";
import { isOtlpDatagram } from "../otlp/udp-payload.ts";
import { BatchQueue } from "./batch-queue.ts";
import type { MainMessage, ReceiveWorkerOptions, WorkerMessage } from "./worker-protocol.ts";

const NEWLINE = 0x0a;

const port = parentPort;
if (port === null) throw new Error("udp-worker.ts runs as a worker thread");
const options = workerData as ReceiveWorkerOptions;

const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(message, transfer);
};

const queue = new BatchQueue({
  maxQueueBytes: options.maxQueueBytes,
  batchBytes: options.batchBytes,
  batchDelayMs: options.batchDelayMs,
  maxInFlight: options.maxInFlight,
  status: options.status,
  post: (batch) =>
    send(
      {
        type: "batch",
        buffer: batch.buffer,
        length: batch.length,
        entries: batch.entries,
        senders: batch.senders,
      },
      [batch.buffer],
    ),
});

let closing = false;

const socket: Socket = createSocket({ type: isIP(options.host) === 6 ? "udp6" : "udp4" });

/** Reused for every datagram: the fast path allocates nothing of its own. */
const scan = newByteScan();

function onDatagram(bytes: Buffer, from: RemoteInfo): void {
  const receivedAt = Date.now();
  // The common case, read from the bytes; anything else takes the full scan, which words
  // every rejection (and is the one that reports an internal error, should either throw).
  let fast = false;
  try {
    fast = scanDatagramBytes(bytes, scan);
  } catch {
    fast = false;
  }
  if (fast) {
    queue.scanned(bytes, scan, from.address, from.port, receivedAt);
    return;
  }
  let result: ReturnType<typeof scanDatagram>;
  try {
    result = scanDatagram(bytes);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    queue.rejected(bytes, "internal-error", message, from.address, from.port, receivedAt);
    return;
  }
  if (result.ok) {
    const bodyStart = bytes.indexOf(NEWLINE) + 1;
    queue.accepted(bytes, bodyStart, result.index, from.address, from.port, receivedAt);
  } else if (result.rejection.reason === "not-json" && isOtlpDatagram(bytes)) {
    // A valid header and a T1S/T1U body: ADOT's spans, decoded on the main thread.
    queue.otlp(bytes, from.address, from.port, receivedAt);
  } else {
    const { reason, message } = result.rejection;
    queue.rejected(bytes, reason, message, from.address, from.port, receivedAt);
  }
}

function finishIfDrained(): void {
  if (closing && queue.drained) send({ type: "closed" });
}

port.on("message", (message: MainMessage) => {
  if (message.type === "applied") {
    queue.applied(message.buffer);
    finishIfDrained();
  } else if (message.type === "close" && !closing) {
    closing = true;
    socket.close(() => {
      queue.flush();
      finishIfDrained();
    });
  }
});

socket.once("error", (error: NodeJS.ErrnoException) => {
  send({ type: "bind-failed", code: error.code, message: error.message });
  port.close();
});

socket.once("listening", () => {
  socket.removeAllListeners("error");
  socket.on("error", (error) => {
    send({
      type: "log",
      level: "error",
      message: `UDP socket error (still listening): ${error.message}`,
    });
  });
  socket.on("message", onDatagram);
  let receiveBufferBytes = 0;
  try {
    socket.setRecvBufferSize(options.receiveBufferBytes);
  } catch (error) {
    send({
      type: "log",
      level: "warn",
      message: `could not raise the UDP receive buffer: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  try {
    receiveBufferBytes = socket.getRecvBufferSize();
  } catch {
    // Reported as 0: unknown.
  }
  const address = socket.address();
  send({
    type: "listening",
    host: address.address,
    port: address.port,
    family: address.family === "IPv6" ? "IPv6" : "IPv4",
    receiveBufferBytes,
  });
});

socket.bind({ address: options.host, port: options.port, exclusive: true });
