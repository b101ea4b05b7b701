import { useStats } from "../live/live-store.ts";
import { useThrottledSignal } from "./use-throttled-signal.ts";

/** The map reloads at most this often while traces arrive. */
export const MAP_REFRESH_MS = 2000;

/**
 * Changes when the live stats say documents were stored or traces dropped, at most once every
 * MAP_REFRESH_MS; with it, the UDP address SDKs should send to, once known.
 */
export function useMapRefresh(): { signal: number; udpAddress: string | undefined } {
  const stats = useStats();
  const key =
    stats === undefined ? undefined : `${stats.documents}:${stats.traces}:${stats.evicted}`;
  return { signal: useThrottledSignal(key, MAP_REFRESH_MS), udpAddress: stats?.udp.address };
}
