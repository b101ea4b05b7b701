/**
 * A steady UDP load that runs until stopped: `rate` X-Ray datagrams a second (each a small
 * segment of its own trace), paced against the clock, for benchmarks that measure something
 * else while datagrams arrive.
 */

import { fork } from "node:child_process";
import { createSocket } from "node:dgram";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const HEADER = '{"format":"json","version":1}\n';
/** Datagrams libuv may hold queued before the sender waits. */
const SEND_QUEUE_LIMIT = 64;

export interface UdpLoad {
  /** Stops sending; resolves once every send has completed. */
  stop(): Promise<{ readonly sent: number; readonly sendErrors: number }>;
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, "0").slice(-digits);
}

function datagram(n: number, run: number): string {
  const now = Date.now() / 1000;
  return `${HEADER}${JSON.stringify({
    name: "udp-load",
    id: hex(n + 1, 16),
    trace_id: `1-${hex(Math.floor(now), 8)}-${hex(run, 8)}${hex(n, 16)}`,
    start_time: now,
    end_time: now + 0.001,
  })}`;
}

export function startUdpLoad(host: string, port: number, rate: number, run = 1): UdpLoad {
  const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  const start = performance.now();
  let calls = 0;
  let completed = 0;
  let sendErrors = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const onSent = (error: Error | null): void => {
    completed++;
    if (error) sendErrors++;
  };
  const tick = (): void => {
    if (stopped) return;
    const due = Math.ceil(((performance.now() - start) * rate) / 1000);
    while (calls < due && socket.getSendQueueCount() < SEND_QUEUE_LIMIT) {
      socket.send(datagram(calls, run), port, host, onSent);
      calls++;
    }
    timer = calls < due ? setTimeout(tick, 0) : setTimeout(tick, 1);
  };
  tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      return new Promise((resolve) => {
        const finish = (): void => {
          if (completed < calls) {
            setTimeout(finish, 5);
            return;
          }
          socket.close();
          resolve({ sent: calls - sendErrors, sendErrors });
        };
        finish();
      });
    },
  };
}

/** `startUdpLoad` in a forked child process (see `udp-load-child.ts`), once it is sending. */
export function forkUdpLoad(host: string, port: number, rate: number, run = 1): Promise<UdpLoad> {
  const child = fork(
    fileURLToPath(new URL("./udp-load-child.ts", import.meta.url)),
    [host, String(port), String(rate), String(run)],
    { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const load: UdpLoad = {
    stop() {
      return new Promise((resolve, reject) => {
        child.once("message", (report) =>
          resolve(report as { readonly sent: number; readonly sendErrors: number }),
        );
        child.once("exit", (code) => reject(new Error(`the UDP load exited (${code})`)));
        child.send("stop");
      });
    },
  };
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(load));
    child.once("error", reject);
  });
}
