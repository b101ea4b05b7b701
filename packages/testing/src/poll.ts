import { setTimeout as delay } from "node:timers/promises";

export interface PollOptions {
  /** Milliseconds before giving up. */
  readonly timeout: number;
  /** Milliseconds between attempts. */
  readonly interval: number;
}

/**
 * Calls `attempt` until it yields a value or `timeout` ms have passed; always at least once,
 * and once more at the deadline. Errors from `attempt` end the wait at once.
 */
export async function pollUntil<T>(
  attempt: () => Promise<T | undefined>,
  { timeout, interval }: PollOptions,
): Promise<T | undefined> {
  const deadline = performance.now() + timeout;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    await delay(Math.min(interval, left));
  }
}

export function checkWaitOptions(timeout: number, interval: number): void {
  if (!(Number.isFinite(timeout) && timeout >= 0)) {
    throw new RangeError(`timeout must be a number of milliseconds ≥ 0, got ${timeout}`);
  }
  if (!(Number.isFinite(interval) && interval > 0)) {
    throw new RangeError(`interval must be a number of milliseconds > 0, got ${interval}`);
  }
}
