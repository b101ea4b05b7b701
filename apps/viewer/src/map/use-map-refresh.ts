import { useConnection, useStats } from "../live/live-store.ts";
import { useThrottledSignal } from "./use-throttled-signal.ts";

/** The map reloads at most this often while traces arrive. */
export const MAP_REFRESH_MS = 2000;

/**
 * Changes when the live stats say documents were stored or traces dropped, and when the live
 * connection comes back after losing the daemon, at most once every MAP_REFRESH_MS; with it,
 * the UDP address SDKs should send to, once known, and whether the daemon is unreachable.
 */
export function useMapRefresh(): {
  signal: number;
  udpAddress: string | undefined;
  unreachable: boolean;
} {
  const stats = useStats();
  const unreachable = useConnection().state === "reconnecting";
  const key =
    stats === undefined
      ? undefined
      : `${unreachable}:${stats.documents}:${stats.traces}:${stats.evicted}`;
  return {
    signal: useThrottledSignal(key, MAP_REFRESH_MS),
    udpAddress: stats?.udp.address,
    unreachable,
  };
}
