import type { ForwardStats, LiveStats, PersistenceStats, StoreStats } from "@xray-sandbox/segments";
import type { DatagramCounts } from "./datagram-handler.ts";

/** The body of `GET /api/stats`; benchmarks and tests read this shape. */
export interface DaemonStats {
  readonly datagrams: DatagramCounts & { readonly rejectedByReason: Record<string, number> };
  readonly traces: number;
  readonly segments: number;
  readonly documents: number;
  /** Traces evicted to stay within the store's bounds. */
  readonly evicted: number;
  readonly store: StoreStats;
  readonly udp: {
    /** `host:port` as bound. */
    readonly address: string;
    readonly receiveBufferBytes: number;
  };
  readonly process: {
    readonly uptimeSeconds: number;
    readonly rssBytes: number;
    readonly cpuUserMicros: number;
    readonly cpuSystemMicros: number;
  };
  /** The live WebSocket: clients, what happened at its bounds, the bounds. */
  readonly live: LiveStats;
  /** The segment log in the data directory; null when running in memory only. */
  readonly persistence: PersistenceStats | null;
  /** `--forward`; null when not forwarding. */
  readonly forward: ForwardStats | null;
}

export interface StatsSources {
  readonly counts: DatagramCounts;
  readonly rejectedByReason: Record<string, number>;
  readonly store: StoreStats;
  readonly udpAddress: string;
  readonly receiveBufferBytes: number;
  readonly live: LiveStats;
  readonly persistence?: PersistenceStats | undefined;
  readonly forward?: ForwardStats | undefined;
}

export function buildStats({
  counts,
  rejectedByReason,
  store,
  udpAddress,
  receiveBufferBytes,
  live,
  persistence,
  forward,
}: StatsSources): DaemonStats {
  const cpu = process.cpuUsage();
  return {
    datagrams: {
      received: counts.received,
      accepted: counts.accepted,
      rejected: counts.rejected,
      rejectedByReason,
      bytesReceived: counts.bytesReceived,
      internalErrors: counts.internalErrors,
    },
    traces: store.traces,
    segments: store.segments,
    documents: store.documents,
    evicted: store.evictedTraces,
    store,
    udp: { address: udpAddress, receiveBufferBytes },
    process: {
      uptimeSeconds: process.uptime(),
      rssBytes: process.memoryUsage.rss(),
      cpuUserMicros: cpu.user,
      cpuSystemMicros: cpu.system,
    },
    live,
    persistence: persistence ?? null,
    forward: forward ?? null,
  };
}
