/** Waiting for a receiver to finish: its counters must stop moving before they are read. */

import { setTimeout as delay } from "node:timers/promises";

export interface SettleOptions {
  readonly intervalMs: number;
  /** Consecutive unchanged readings that count as settled. */
  readonly quietReads: number;
  /** Give up waiting after this long and use the last reading. */
  readonly timeoutMs: number;
}

export const DEFAULT_SETTLE: SettleOptions = { intervalMs: 100, quietReads: 3, timeoutMs: 15_000 };

export interface Settled<T> {
  readonly reading: T;
  /** False when the counters were still moving at `timeoutMs`. */
  readonly settled: boolean;
}

/** Reads until `moved` says two consecutive readings differ no more, `quietReads` times in a row. */
export async function readWhenSettled<T>(
  read: () => Promise<T>,
  moved: (before: T, after: T) => boolean,
  options: SettleOptions = DEFAULT_SETTLE,
): Promise<Settled<T>> {
  const started = Date.now();
  let reading = await read();
  let quiet = 0;
  while (quiet < options.quietReads) {
    if (Date.now() - started >= options.timeoutMs) return { reading, settled: false };
    await delay(options.intervalMs);
    const next = await read();
    quiet = moved(reading, next) ? 0 : quiet + 1;
    reading = next;
  }
  return { reading, settled: true };
}
