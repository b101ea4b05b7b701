/**
 * The baseline (forked by `udp-ingest.ts`): a Node `dgram` socket with the daemon's receive
 * buffer that only counts what arrives. What it misses is what Node on this machine misses
 * before any parsing or storing; the daemon is measured against it.
 */

import { createSocket } from "node:dgram";
import type { ReceiverCommand, ReceiverMessage } from "./child-protocol.ts";

/** The daemon asks for the same; the kernel caps it at `net.core.rmem_max` (and doubles it). */
const RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

function reply(message: ReceiverMessage): void {
  process.send?.(message);
}

function main(): void {
  let received = 0;
  let bytes = 0;
  const socket = createSocket({ type: "udp4", recvBufferSize: RECEIVE_BUFFER_BYTES });
  socket.on("message", (message) => {
    received++;
    bytes += message.length;
  });
  socket.once("error", (error) => {
    reply({ type: "failed", message: error.message });
    process.exit(1);
  });
  socket.bind(0, "127.0.0.1", () => {
    const { address, port } = socket.address();
    reply({
      type: "listening",
      host: address,
      port,
      receiveBufferBytes: socket.getRecvBufferSize(),
    });
  });

  process.on("message", (command: ReceiverCommand) => {
    if (command.type !== "read") return;
    const cpu = process.cpuUsage();
    reply({
      type: "counters",
      received,
      bytes,
      cpuMicros: cpu.user + cpu.system,
      rssBytes: process.memoryUsage.rss(),
    });
  });
  process.on("disconnect", () => process.exit(0));
  // Ctrl-C reaches the whole process group; the bench decides when its helpers stop.
  process.on("SIGINT", () => {});
}

if (process.send !== undefined) main();
