import { useSyncExternalStore } from "react";

interface Clock {
  now: number;
  readonly subscribe: (listener: () => void) => () => void;
  readonly read: () => number;
}

/** One shared timer per interval, running only while someone listens. */
const clocks = new Map<number, Clock>();

function clockOf(intervalMs: number): Clock {
  const existing = clocks.get(intervalMs);
  if (existing) return existing;
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const clock: Clock = {
    now: Date.now(),
    subscribe: (listener) => {
      listeners.add(listener);
      if (timer === undefined) {
        clock.now = Date.now();
        timer = setInterval(() => {
          clock.now = Date.now();
          for (const notify of listeners) notify();
        }, intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    read: () => clock.now,
  };
  clocks.set(intervalMs, clock);
  return clock;
}

/**
 * The current time in epoch milliseconds, updated every `intervalMs`: for "5s ago" labels.
 * Every component asking for the same interval re-renders on the same tick.
 */
export function useNow(intervalMs = 1000): number {
  const clock = clockOf(intervalMs);
  return useSyncExternalStore(clock.subscribe, clock.read);
}
