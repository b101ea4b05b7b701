import { useEffect, useRef, useState } from "react";

/**
 * A counter that goes up after `value` changes, at most once every `intervalMs`: the last
 * change in a burst is never lost, it only waits for the interval to end.
 */
export function useThrottledSignal(value: unknown, intervalMs: number): number {
  const [signal, setSignal] = useState(0);
  const previous = useRef(value);
  const lastFired = useRef(Number.NEGATIVE_INFINITY);

  useEffect(() => {
    if (Object.is(previous.current, value)) return;
    previous.current = value;
    const fire = () => {
      lastFired.current = Date.now();
      setSignal((n) => n + 1);
    };
    const wait = lastFired.current + intervalMs - Date.now();
    if (wait <= 0) {
      fire();
      return;
    }
    const timer = setTimeout(fire, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs]);

  return signal;
}
