import { useEffect } from "react";
import { preloadEveryView } from "./route-modules.ts";

/** When the browser has no `requestIdleCallback` (Safari), a plain delay stands in for it. */
const FALLBACK_DELAY_MS = 1000;
/** At the latest this long after the page starts, idle or not. */
const IDLE_TIMEOUT_MS = 3000;

/**
 * Loads every view's code once the page is idle after its first view is shown, so opening
 * another view later (a trace from the list, the map) does not wait for its file.
 */
export function useIdlePreload(): void {
  useEffect(() => {
    if (typeof window.requestIdleCallback === "function") {
      const handle = window.requestIdleCallback(preloadEveryView, { timeout: IDLE_TIMEOUT_MS });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(preloadEveryView, FALLBACK_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
}
