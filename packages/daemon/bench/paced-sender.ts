/**
 * Sends a pool's datagrams at a fixed rate: on every timer tick (about 1 ms) it sends what is
 * due by then, in batches of at most 2 ms worth. A sender that falls behind catches up without
 * waiting for the next tick, but stops at the end of its window (after one last batch), so a
 * rate this process cannot reach shows up as fewer datagrams sent instead of a longer run.
 */

import type { Socket } from "node:dgram";
import { performance } from "node:perf_hooks";
import type { SendReport } from "./child-protocol.ts";
import { stampTrace, type TracePool } from "./segment-generator.ts";

/** Datagrams libuv may hold queued before the sender waits; far below any pool's size. */
const SEND_QUEUE_LIMIT = 64;

export interface TraceCounter {
  /** The next value stamped into a trace id; it only grows, so every trace id is new. */
  next: number;
}

export function sendPaced(
  socket: Socket,
  pool: TracePool,
  rate: number,
  seconds: number,
  counter: TraceCounter,
): Promise<SendReport> {
  const planned = Math.round(rate * seconds);
  const windowMs = seconds * 1000;
  const maxBatch = Math.max(16, Math.ceil(rate / 500));
  const cpuBefore = process.cpuUsage();
  const start = performance.now();

  let calls = 0;
  let completed = 0;
  let sendErrors = 0;
  let traces = 0;
  let traceIndex = 0;
  let datagramIndex = 0;
  const onSent = (error: Error | null): void => {
    completed++;
    if (error) sendErrors++;
  };

  return new Promise((resolve) => {
    /** `stoppedAt`: the last send, or the end of the window when the sender fell behind. */
    const finish = (stoppedAt: number): void => {
      if (completed < calls || socket.getSendQueueCount() > 0) {
        setImmediate(() => finish(stoppedAt));
        return;
      }
      const elapsedSeconds = Math.max(stoppedAt - start, 1) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const sent = calls - sendErrors;
      resolve({
        type: "sent",
        sent,
        sendErrors,
        planned,
        elapsedSeconds,
        achievedRate: sent / elapsedSeconds,
        traces,
        cpuMicros: cpu.user + cpu.system,
      });
    };

    const tick = (): void => {
      const elapsed = performance.now() - start;
      const windowOver = elapsed >= windowMs;
      const due = windowOver ? planned : Math.min(planned, Math.ceil((elapsed * rate) / 1000));
      let batch = Math.min(due - calls, maxBatch);
      while (batch > 0 && socket.getSendQueueCount() < SEND_QUEUE_LIMIT) {
        const trace = pool.traces[traceIndex];
        if (trace === undefined) break;
        if (datagramIndex === 0) stampTrace(trace, counter.next++);
        const datagram = trace.datagrams[datagramIndex];
        if (datagram !== undefined) socket.send(datagram, onSent);
        calls++;
        batch--;
        datagramIndex++;
        if (datagramIndex >= trace.datagrams.length) {
          datagramIndex = 0;
          traces++;
          traceIndex = (traceIndex + 1) % pool.traces.length;
        }
      }
      if (windowOver || calls >= planned) {
        finish(performance.now());
      } else if (calls < due) {
        setImmediate(tick);
      } else {
        setTimeout(tick, 1);
      }
    };
    tick();
  });
}
