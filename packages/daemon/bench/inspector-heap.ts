/**
 * The daemon's heap as the benchmark reads it: over the V8 inspector of a daemon started with
 * `--inspect=127.0.0.1:0`, a full garbage collection (`HeapProfiler.collectGarbage`) and then
 * `Runtime.getHeapUsage`; RSS from `/proc/<pid>/status`. The daemon itself never forces a GC.
 */

import { readFile } from "node:fs/promises";
import WebSocket from "ws";

/** Node's `Debugger listening on ws://127.0.0.1:9229/<uuid>` line. */
const LISTENING = /Debugger listening on (ws:\/\/\S+)/;

export function parseInspectorUrl(line: string): string | undefined {
  return LISTENING.exec(line)?.[1];
}

/** `VmRSS` in bytes from a `/proc/<pid>/status` text; undefined when it is not there. */
export function parseRssBytes(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

export async function readRssBytes(pid: number): Promise<number | undefined> {
  try {
    return parseRssBytes(await readFile(`/proc/${pid}/status`, "utf8"));
  } catch {
    return undefined;
  }
}

export interface HeapReading {
  /** V8 heap in use after a forced full GC. */
  readonly heapUsedBytes: number;
  readonly rssBytes: number | undefined;
}

/** One inspector session: request/response by id, nothing else. */
export class InspectorSession {
  readonly #socket: WebSocket;
  readonly #waiting = new Map<number, (result: unknown) => void>();
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on("message", (data) => {
      const reply = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
      if (reply.id === undefined) return;
      const resolve = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      resolve?.(reply.error === undefined ? reply.result : { error: reply.error });
    });
  }

  static open(url: string): Promise<InspectorSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once("open", () => resolve(new InspectorSession(socket)));
      socket.once("error", reject);
    });
  }

  call(method: string): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#socket.send(JSON.stringify({ id, method }));
    });
  }

  /** A full GC in the daemon, then its heap in use and its RSS. */
  async heapAfterGc(pid: number): Promise<HeapReading> {
    await this.call("HeapProfiler.collectGarbage");
    const usage = (await this.call("Runtime.getHeapUsage")) as { usedSize?: number };
    if (typeof usage.usedSize !== "number") {
      throw new Error(`Runtime.getHeapUsage answered ${JSON.stringify(usage)}`);
    }
    return { heapUsedBytes: usage.usedSize, rssBytes: await readRssBytes(pid) };
  }

  close(): void {
    this.#socket.close();
  }
}
