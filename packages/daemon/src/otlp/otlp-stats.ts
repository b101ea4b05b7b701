import type { OtlpStats, OtlpTransport, OtlpTransportStats } from "@xray-sandbox/segments";

type MutableTransportStats = { -readonly [K in keyof OtlpTransportStats]: OtlpTransportStats[K] };

const TRANSPORTS: readonly OtlpTransport[] = [
  "otlp-http-protobuf",
  "otlp-http-json",
  "otlp-grpc",
  "otlp-udp",
  "put-trace-segments",
];

/** What arrived over each OTLP path, for `/api/stats`. */
export class OtlpCounters {
  readonly #byTransport = new Map<OtlpTransport, MutableTransportStats>(
    TRANSPORTS.map((transport) => [
      transport,
      { requests: 0, refusedRequests: 0, spans: 0, storedSpans: 0, rejectedSpans: 0 },
    ]),
  );
  #unsampledSpans = 0;
  #metricsRequests = 0;
  #logsRequests = 0;

  request(transport: OtlpTransport): MutableTransportStats {
    const stats = this.#byTransport.get(transport) as MutableTransportStats;
    stats.requests++;
    return stats;
  }

  unsampled(spans: number): void {
    this.#unsampledSpans += spans;
  }

  signal(kind: "metrics" | "logs"): void {
    if (kind === "metrics") this.#metricsRequests++;
    else this.#logsRequests++;
  }

  stats(keepUnsampled: boolean, listeners: OtlpStats["listeners"]): OtlpStats {
    return {
      listeners,
      byTransport: Object.fromEntries(
        [...this.#byTransport].map(([transport, stats]) => [transport, { ...stats }]),
      ) as Record<OtlpTransport, OtlpTransportStats>,
      unsampled: { spans: this.#unsampledSpans, kept: keepUnsampled },
      metricsRequests: this.#metricsRequests,
      logsRequests: this.#logsRequests,
    };
  }
}
