import { useLive } from "../live/live-store.ts";

/**
 * A text that changes whenever the daemon's store may have: documents received, traces held
 * (a clear, an eviction). Queries over the whole store are asked again when it changes.
 * `follow` false: always "", and the component does not re-render with the live store.
 */
export function useStoreVersion(follow = true): string {
  const received = useLive((state) => (follow ? state.stats?.datagrams.received : undefined));
  const traces = useLive((state) => (follow ? state.stats?.traces : undefined));
  const total = useLive((state) => (follow ? state.total : 0));
  return follow ? `${received ?? "?"}:${traces ?? "?"}:${total}` : "";
}
