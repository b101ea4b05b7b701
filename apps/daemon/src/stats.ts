import type { StoreStats } from "@xray-sandbox/segments";
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
}

export interface StatsSources {
  readonly counts: DatagramCounts;
  readonly rejectedByReason: Record<string, number>;
  readonly store: StoreStats;
  readonly udpAddress: string;
  readonly receiveBufferBytes: number;
}

export function buildStats({
  counts,
  rejectedByReason,
  store,
  udpAddress,
  receiveBufferBytes,
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
  };
}
