/**
 * The sender process (forked by `udp-ingest.ts`): builds the datagram pools once, then sends
 * at the rate each `send` command asks for and reports what it achieved. It runs apart from
 * the receivers so its CPU time is not theirs.
 */

import { createSocket, type Socket } from "node:dgram";
import type { PoolSummary, SenderCommand, SenderMessage } from "./child-protocol.ts";
import { sendPaced, type TraceCounter } from "./paced-sender.ts";
import { buildTracePool, type TracePool } from "./segment-generator.ts";

/** Trace templates per size class; with 2–6 datagrams each, a pool holds about 4 × this. */
const TRACES_PER_POOL = 512;

const pools = new Map<number, TracePool>();
const counter: TraceCounter = { next: 1 };

function reply(message: SenderMessage): void {
  process.send?.(message);
}

function summarize(pool: TracePool): PoolSummary {
  return {
    targetBytes: pool.targetBytes,
    traces: pool.traces.length,
    datagrams: pool.datagramCount,
    meanBytes: pool.meanBytes,
    minBytes: pool.minBytes,
    maxBytes: pool.maxBytes,
  };
}

function connect(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
    socket.once("error", reject);
    socket.connect(port, host, () => {
      socket.off("error", reject);
      // Send failures are counted through the send callbacks; this keeps an ICMP-triggered
      // error from being thrown as an unhandled 'error' event.
      socket.on("error", () => {});
      resolve(socket);
    });
  });
}

async function handle(command: SenderCommand): Promise<SenderMessage> {
  if (command.type === "prepare") {
    const nowSeconds = Date.now() / 1000;
    for (const [index, size] of command.sizes.entries()) {
      if (!pools.has(size)) {
        pools.set(
          size,
          buildTracePool({
            targetBytes: size,
            traceCount: TRACES_PER_POOL,
            seed: 1 + index,
            nowSeconds,
          }),
        );
      }
    }
    return { type: "prepared", pools: [...pools.values()].map(summarize) };
  }
  const pool = pools.get(command.sizeBytes);
  if (pool === undefined) return { type: "failed", message: `no pool for ${command.sizeBytes} B` };
  const socket = await connect(command.host, command.port);
  try {
    return await sendPaced(socket, pool, command.rate, command.seconds, counter);
  } finally {
    socket.close();
  }
}

if (process.send !== undefined) {
  process.on("message", (command: SenderCommand) => {
    handle(command).then(reply, (error: unknown) =>
      reply({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on("disconnect", () => process.exit(0));
  // Ctrl-C reaches the whole process group; the bench decides when its helpers stop.
  process.on("SIGINT", () => {});
}
