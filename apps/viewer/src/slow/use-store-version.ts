import { useLive } from "../live/live-store.ts";

/**
 * A text that changes whenever the daemon's store may have: documents received, traces held
 * (a clear, an eviction). Queries over the whole store are asked again when it changes.
 */
export function useStoreVersion(): string {
  const received = useLive((state) => state.stats?.datagrams.received);
  const traces = useLive((state) => state.stats?.traces);
  const total = useLive((state) => state.total);
  return `${received ?? "?"}:${traces ?? "?"}:${total}`;
}
