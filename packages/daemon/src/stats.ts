import type {
  ForwardStats,
  LiveStats,
  PersistenceStats,
  SandboxStats,
  StoreStats,
  TelemetryStats,
} from "@xray-sandbox/segments";
import type { DatagramCounts } from "./datagram-handler.ts";

/** The body of `GET /api/stats`: the shared contract's shape, which benchmarks and tests read. */
export type DaemonStats = SandboxStats;

export interface StatsSources {
  readonly counts: DatagramCounts;
  readonly rejectedByReason: Record<string, number>;
  readonly store: StoreStats;
  readonly udpAddress: string;
  readonly receiveBufferBytes: number;
  readonly live: LiveStats;
  readonly persistence?: PersistenceStats | undefined;
  readonly forward?: ForwardStats | undefined;
  readonly telemetry: TelemetryStats;
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
  telemetry,
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
    telemetry,
  };
}
