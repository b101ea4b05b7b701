/**
 * Paces single-process UDP sending for the live benchmarks: traces of DOCUMENTS_PER_TRACE
 * segments, each stamped with its send time as `start_time` (epoch seconds, sub-millisecond),
 * so a live client can tell how long after sending it saw the trace.
 */

import { createSocket } from "node:dgram";
import { performance } from "node:perf_hooks";

export const DOCUMENTS_PER_TRACE = 4;
const HEADER = '{"format":"json","version":1}\n';
/** Datagrams libuv may hold queued before the sender waits. */
const SEND_QUEUE_LIMIT = 64;

export interface SentReport {
  readonly sent: number;
  readonly sendErrors: number;
  readonly traces: number;
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, "0").slice(-digits);
}

function datagram(traceNumber: number, part: number, startSeconds: number): string {
  const epoch = hex(Math.floor(startSeconds), 8);
  return `${HEADER}${JSON.stringify({
    name: `live-bench-${part}`,
    id: hex(traceNumber * DOCUMENTS_PER_TRACE + part + 1, 16),
    trace_id: `1-${epoch}-${hex(traceNumber, 24)}`,
    start_time: startSeconds,
    end_time: startSeconds + 0.001,
    http: { request: { method: "GET", url: `http://bench.local/items/${traceNumber}` } },
  })}`;
}

/** Sends `rate` datagrams a second for `seconds` to host:port; stops at the end of the window. */
export function sendLive(
  host: string,
  port: number,
  rate: number,
  seconds: number,
): Promise<SentReport> {
  const socket = createSocket(host.includes(":") ? "udp6" : "udp4");
  const planned = Math.round(rate * seconds);
  const start = performance.now();
  let calls = 0;
  let completed = 0;
  let sendErrors = 0;
  let traceStart = 0;
  return new Promise((resolve) => {
    const onSent = (error: Error | null): void => {
      completed++;
      if (error) sendErrors++;
    };
    const finish = (): void => {
      if (completed < calls) {
        setImmediate(finish);
        return;
      }
      socket.close();
      resolve({
        sent: calls - sendErrors,
        sendErrors,
        traces: Math.ceil(calls / DOCUMENTS_PER_TRACE),
      });
    };
    const tick = (): void => {
      const elapsed = performance.now() - start;
      const due = Math.min(planned, Math.ceil((elapsed * rate) / 1000));
      while (calls < due && socket.getSendQueueCount() < SEND_QUEUE_LIMIT) {
        const part = calls % DOCUMENTS_PER_TRACE;
        if (part === 0) traceStart = Date.now() / 1000;
        socket.send(
          datagram(Math.floor(calls / DOCUMENTS_PER_TRACE), part, traceStart),
          port,
          host,
          onSent,
        );
        calls++;
      }
      if (elapsed >= seconds * 1000 || calls >= planned) finish();
      else if (calls < due) setImmediate(tick);
      else setTimeout(tick, 1);
    };
    tick();
  });
}
