/**
 * Live-stream clients for the live benchmarks, over real WebSockets, acknowledging every
 * snapshot and batch they read as the viewer does: ones that never read
 * (their socket paused after the snapshot), a slow reader that reads 100 ms out of every
 * second, and a recorder that reads everything and notes, for each trace the first time it
 * arrives, how long after a given moment (e.g. its send time) it came.
 */

import { LIVE_PATH, type LiveServerMessage, type TraceSummary } from "@xray-sandbox/segments";
import WebSocket from "ws";

const SLOW_PERIOD_MS = 1000;
const SLOW_READ_MS = 100;

export function liveUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, "ws")}${LIVE_PATH}`;
}

/** Opens a client and resolves once `hello` and the first snapshot have arrived. */
function open(url: string, onMessage?: (message: LiveServerMessage) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let greeted = false;
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as LiveServerMessage;
      onMessage?.(message);
      if (message.type === "snapshot" || message.type === "batch") {
        socket.send(JSON.stringify({ type: "ack", seq: message.seq }));
      }
      if (!greeted && message.type === "snapshot") {
        greeted = true;
        resolve(socket);
      }
    });
    socket.once("error", reject);
  });
}

/** A client that stops reading after its snapshot: the daemon's queue to it fills. */
export async function openStalled(url: string): Promise<WebSocket> {
  const socket = await open(url);
  socket.pause();
  return socket;
}

export interface SlowReader {
  readonly socket: WebSocket;
  readonly counts: Map<LiveServerMessage["type"], number>;
  stop(): void;
}

/** Reads SLOW_READ_MS out of every SLOW_PERIOD_MS. */
export async function openSlow(url: string): Promise<SlowReader> {
  const counts = new Map<LiveServerMessage["type"], number>();
  const socket = await open(url, (message) => {
    counts.set(message.type, (counts.get(message.type) ?? 0) + 1);
  });
  socket.pause();
  const timer = setInterval(() => {
    socket.resume();
    setTimeout(() => socket.pause(), SLOW_READ_MS).unref();
  }, SLOW_PERIOD_MS);
  return {
    socket,
    counts,
    stop: () => {
      clearInterval(timer);
      socket.resume();
    },
  };
}

export interface Recorder {
  readonly socket: WebSocket;
  /** Milliseconds from `since(summary)` to arrival, one per trace, in arrival order. */
  readonly delays: number[];
  readonly counts: Map<LiveServerMessage["type"], number>;
}

/** Reads everything; `since` is the moment (epoch ms) a trace's delay is counted from. */
export async function openRecorder(
  url: string,
  since: (summary: TraceSummary) => number,
): Promise<Recorder> {
  const seen = new Set<string>();
  const delays: number[] = [];
  const counts = new Map<LiveServerMessage["type"], number>();
  const socket = await open(url, (message) => {
    counts.set(message.type, (counts.get(message.type) ?? 0) + 1);
    if (message.type !== "batch") return;
    const now = Date.now();
    for (const summary of message.upserts) {
      if (seen.has(summary.id)) continue;
      seen.add(summary.id);
      delays.push(now - since(summary));
    }
  });
  return { socket, delays, counts };
}
