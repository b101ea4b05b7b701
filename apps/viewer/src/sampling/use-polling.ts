import { useEffect, useState } from "react";

export interface Polled<T> {
  readonly data: T | undefined;
  /** The last failure; cleared by the next success. */
  readonly error: string | undefined;
}

/**
 * Calls `load` now and every `intervalMs`; a slow answer is dropped when the next starts.
 * A change of `refreshKey` loads again at once.
 */
export function usePolling<T>(
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
  refreshKey?: unknown,
): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: undefined, error: undefined });
  useEffect(() => {
    let controller = new AbortController();
    const poll = () => {
      controller.abort();
      controller = new AbortController();
      const { signal } = controller;
      load(signal).then(
        (data) => {
          if (!signal.aborted) setState({ data, error: undefined });
        },
        (error: unknown) => {
          if (signal.aborted) return;
          const message = error instanceof Error ? error.message : String(error);
          setState((previous) => ({ ...previous, error: message }));
        },
      );
    };
    poll();
    const timer = setInterval(poll, intervalMs);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
    // refreshKey is not read inside: changing it is what restarts the polling.
  }, [load, intervalMs, refreshKey]);
  return state;
}
