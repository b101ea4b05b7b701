/** Made-up trace summaries for tests and the list benchmark; not used by the app itself. */

import {
  epochMillis,
  epochSeconds,
  NO_PROBLEMS,
  type SandboxStats,
  type Seconds,
  type SegmentId,
  type TraceId,
  type TraceSummary,
} from "@xray-sandbox/segments";

const BASE_MS = 1_795_686_982_000;
const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;
const PATHS = ["/", "/cart", "/orders", "/users/42", "/search?q=socks", "/health"] as const;
const SERVICES = ["web", "api", "orders", "payments", "inventory"] as const;
const STATUSES = [200, 200, 200, 201, 404, 429, 500, 503] as const;

/** A trace id whose 24 hex digits encode `n`, so ids are unique and readable. */
export function syntheticTraceId(n: number): TraceId {
  const epoch = Math.floor(BASE_MS / 1000 + n / 1000).toString(16);
  return `1-${epoch}-${n.toString(16).padStart(24, "0")}` as TraceId;
}

/**
 * The `n`th trace: received `n` ms after a fixed instant, so a higher `n` is newer.
 * Fields vary with `n` so that filters select a spread of them.
 */
export function syntheticSummary(n: number, overrides: Partial<TraceSummary> = {}): TraceSummary {
  const status = STATUSES[n % STATUSES.length] ?? 200;
  const received = BASE_MS + n;
  const start = received / 1000 - 0.05;
  const duration = ((n % 97) + 1) / 1000;
  const service = SERVICES[n % SERVICES.length] ?? "web";
  const downstream = SERVICES[(n + 1) % SERVICES.length] ?? "api";
  return {
    id: syntheticTraceId(n),
    startTime: epochSeconds(start),
    endTime: epochSeconds(start + duration),
    duration: duration as Seconds,
    responseTime: duration as Seconds,
    root: {
      id: n.toString(16).padStart(16, "0") as SegmentId,
      name: service,
      origin: undefined,
      error: status >= 400 && status < 500,
      fault: status >= 500,
      throttle: status === 429,
    },
    http: {
      method: METHODS[n % METHODS.length],
      url: `http://127.0.0.1:3900${PATHS[n % PATHS.length] ?? "/"}`,
      status,
      userAgent: "curl/8.5.0",
      clientIp: "127.0.0.1",
    },
    hasFault: status >= 500,
    hasError: status >= 400 && status < 500,
    hasThrottle: status === 429,
    inProgress: n % 50 === 0,
    partial: n % 70 === 0,
    orphanCount: n % 70 === 0 ? 1 : 0,
    annotations: { tenant: [`t${n % 10}`], attempt: [n % 3] },
    warnings: [],
    users: n % 4 === 0 ? ["alice"] : [],
    services: [
      { name: service, type: "AWS::EC2::Instance" },
      { name: downstream, type: undefined },
    ],
    segmentCount: 2,
    subsegmentCount: 3,
    documentCount: 2,
    bytes: 1800,
    firstReceivedAt: epochMillis(received),
    lastReceivedAt: epochMillis(received + 2),
    origins: n % 3 === 0 ? ["otlp-http"] : ["xray-sdk"],
    unsampled: false,
    problems: NO_PROBLEMS,
    ...overrides,
  };
}

/** Summaries `from` (inclusive) to `to` (exclusive), newest first as the daemon sends them. */
export function syntheticNewestFirst(from: number, to: number): TraceSummary[] {
  const summaries: TraceSummary[] = [];
  for (let n = to - 1; n >= from; n--) summaries.push(syntheticSummary(n));
  return summaries;
}

export interface SyntheticStatsFields {
  readonly traces?: number;
  readonly received?: number;
  readonly rejected?: number;
  readonly udpAddress?: string;
}

/** Daemon stats with the counters the list and status bar read; the rest left out. */
export function syntheticStats({
  traces = 0,
  received = 0,
  rejected = 0,
  udpAddress = "127.0.0.1:2000",
}: SyntheticStatsFields = {}): SandboxStats {
  const partial = {
    traces,
    datagrams: {
      received,
      accepted: received - rejected,
      rejected,
      rejectedByReason: {},
      bytesReceived: 0,
      internalErrors: 0,
    },
    udp: { address: udpAddress, receiveBufferBytes: 0 },
  };
  return partial as SandboxStats;
}
