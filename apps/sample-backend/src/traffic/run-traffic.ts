import { setTimeout as delay } from "node:timers/promises";
import { describeFetchError } from "./describe-fetch-error.ts";
import { seededRandom } from "./seeded-random.ts";
import type { TrafficCounts } from "./traffic-counts.ts";
import { type PlannedRequest, plannedRequests } from "./traffic-mix.ts";

export interface TrafficOptions {
  /** The backend's base URL, e.g. `http://127.0.0.1:4567`. */
  readonly target: string;
  /** Requests started per second. */
  readonly rate: number;
  readonly seed: number;
  /** Stop after this long; without it (and without `requests`) run until `signal` aborts. */
  readonly durationMs?: number;
  /** Stop after this many requests. */
  readonly requests?: number;
  readonly signal?: AbortSignal;
  /** Called after every answer or failure with the running totals. */
  readonly onProgress?: (counts: TrafficCounts) => void;
  readonly requestTimeoutMs?: number;
  /** Give up after this many requests in a row got no answer. */
  readonly maxConsecutiveFailures?: number;
}

export type TrafficResult =
  | {
      readonly ok: true;
      readonly stoppedBy: "requests" | "duration" | "signal";
      readonly counts: TrafficCounts;
    }
  | { readonly ok: false; readonly message: string; readonly counts: TrafficCounts };

/** Requests in flight at most; beyond this the generator waits rather than piling up. */
const MAX_IN_FLIGHT = 64;

/**
 * Sends the seeded mix of requests at a steady rate (request n starts n/rate seconds in,
 * whether or not earlier ones have been answered) and counts the answers by status.
 * First checks that the backend answers at all, so a wrong URL fails at once and clearly.
 */
export async function runTraffic(options: TrafficOptions): Promise<TrafficResult> {
  const { rate, signal } = options;
  const target = options.target.replace(/\/+$/, "");
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxConsecutiveFailures = options.maxConsecutiveFailures ?? 10;
  const started = performance.now();
  const byStatus: Record<number, number> = {};
  let sent = 0;
  let answered = 0;
  let failed = 0;
  let failedInARow = 0;
  let lastFailure = "";
  const counts = (): TrafficCounts => ({
    sent,
    answered,
    failed,
    byStatus: { ...byStatus },
    elapsedMs: performance.now() - started,
  });

  const unreachable = await checkReachable(target, timeoutMs);
  if (unreachable !== undefined) return { ok: false, message: unreachable, counts: counts() };

  const send = async (planned: PlannedRequest): Promise<void> => {
    sent += 1;
    try {
      const response = await fetch(
        `${target}${planned.path}`,
        requestInit(planned, timeoutMs, signal),
      );
      await response.arrayBuffer();
      answered += 1;
      failedInARow = 0;
      byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
    } catch (error) {
      if (signal?.aborted) return;
      failed += 1;
      failedInARow += 1;
      lastFailure = describeFetchError(error, timeoutMs);
    }
    options.onProgress?.(counts());
  };

  const plan = plannedRequests(seededRandom(options.seed));
  const inFlight = new Set<Promise<void>>();
  let stoppedBy: "requests" | "duration" | "signal" = "signal";
  for (let index = 0; ; index += 1) {
    if (options.requests !== undefined && index >= options.requests) {
      stoppedBy = "requests";
      break;
    }
    const dueMs = (index * 1000) / rate;
    if (options.durationMs !== undefined && dueMs >= options.durationMs) {
      stoppedBy = "duration";
      break;
    }
    const waitMs = started + dueMs - performance.now();
    if (waitMs > 0) await delay(waitMs, undefined, { signal }).catch(() => undefined);
    if (signal?.aborted) break;
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    if (failedInARow >= maxConsecutiveFailures) {
      // Read before waiting: an answer to a request still in flight resets the streak.
      const message = `the backend at ${target} stopped answering: ${failedInARow} requests in a row failed (${lastFailure})`;
      await Promise.all(inFlight);
      return { ok: false, message, counts: counts() };
    }
    const request = send(plan.next().value).finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  return { ok: true, stoppedBy, counts: counts() };
}

function requestInit(
  planned: PlannedRequest,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): RequestInit {
  const timeout = AbortSignal.timeout(timeoutMs);
  const init: RequestInit = {
    method: planned.method,
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  };
  if (planned.body !== undefined) {
    init.headers = { "content-type": "application/json" };
    init.body = JSON.stringify(planned.body);
  }
  return init;
}

/** Undefined when `GET /health` answers 200; otherwise what is wrong, and what to do. */
async function checkReachable(target: string, timeoutMs: number): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(`${target}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
  } catch (error) {
    return (
      `cannot reach the backend at ${target} (${describeFetchError(error, timeoutMs)}). ` +
      "Start it with `pnpm --filter ./apps/sample-backend start`, or point --target at it."
    );
  }
  if (response.status !== 200) {
    return `${target} does not look like the sample backend: GET /health answered ${response.status}`;
  }
  return undefined;
}
