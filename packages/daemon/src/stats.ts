import type {
  AuthStats,
  FilterScanStats,
  ForwardStats,
  ImportStats,
  LiveStats,
  OtlpStats,
  PersistenceStats,
  RootCauseStats,
  SandboxStats,
  StoreStats,
  TelemetryStats,
  TraceBodyCacheStats,
  UdpIngestStats,
} from "@xray-sandbox/segments";
import type { IngestCounts } from "./ingest/ingest-service.ts";

/** The body of `GET /api/stats`: the shared contract's shape, which benchmarks and tests read. */
export type DaemonStats = SandboxStats;

export interface StatsSources {
  readonly counts: IngestCounts;
  readonly rejectedByReason: Record<string, number>;
  readonly store: StoreStats;
  readonly udpAddress: string;
  readonly receiveBufferBytes: number;
  readonly udp: UdpIngestStats;
  readonly live: LiveStats;
  readonly persistence?: PersistenceStats | undefined;
  readonly forwards?: readonly ForwardStats[] | undefined;
  readonly telemetry: TelemetryStats;
  readonly otlp: OtlpStats;
  readonly imports: ImportStats;
  readonly filters: FilterScanStats;
  readonly rootCauses: RootCauseStats;
  readonly traceBodies: TraceBodyCacheStats;
  readonly auth: AuthStats;
}

export function buildStats({
  counts,
  rejectedByReason,
  store,
  udpAddress,
  receiveBufferBytes,
  udp,
  live,
  persistence,
  forwards = [],
  telemetry,
  otlp,
  imports,
  filters,
  rootCauses,
  traceBodies,
  auth,
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
    udp: { address: udpAddress, receiveBufferBytes, ...udp },
    process: {
      uptimeSeconds: process.uptime(),
      rssBytes: process.memoryUsage.rss(),
      cpuUserMicros: cpu.user,
      cpuSystemMicros: cpu.system,
    },
    live,
    persistence: persistence ?? null,
    forward: forwards[0] ?? null,
    forwards,
    telemetry,
    otlp,
    imports,
    filters,
    rootCauses,
    traceBodies,
    auth,
  };
}
