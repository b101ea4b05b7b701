/** Trace summaries with chosen receive times, response times and statuses, for query tests. */

import { NO_PROBLEMS } from "../doctor/problem.ts";
import type { TraceSummary } from "../trace.ts";
import { epochMillis, epochSeconds, type Seconds, type SegmentId, type TraceId } from "../units.ts";

export const QUERY_BASE_MS = 1_795_686_982_000;

export function queryTraceId(n: number): TraceId {
  return `1-6b0c0000-${n.toString(16).padStart(24, "0")}` as TraceId;
}

export interface QuerySummaryFields {
  /** Milliseconds after QUERY_BASE_MS. */
  readonly receivedOffset?: number;
  /** Seconds; null for a trace without one. */
  readonly responseTime?: number | null;
  readonly status?: number;
  readonly services?: readonly string[];
  readonly bytes?: number;
  readonly fault?: boolean;
}

export function querySummary(n: number, fields: QuerySummaryFields = {}): TraceSummary {
  const received = QUERY_BASE_MS + (fields.receivedOffset ?? n);
  const responseTime = fields.responseTime === undefined ? 0.1 : fields.responseTime;
  const start = received / 1000;
  const status = fields.status ?? 200;
  return {
    id: queryTraceId(n),
    startTime: epochSeconds(start),
    endTime: responseTime === null ? undefined : epochSeconds(start + responseTime),
    duration: responseTime === null ? undefined : (responseTime as Seconds),
    responseTime: responseTime === null ? undefined : (responseTime as Seconds),
    root: {
      id: n.toString(16).padStart(16, "0") as SegmentId,
      name: "web",
      origin: undefined,
      error: status >= 400 && status < 500,
      fault: fields.fault ?? status >= 500,
      throttle: status === 429,
    },
    http: {
      method: "GET",
      url: "http://127.0.0.1:3900/orders",
      status,
      userAgent: undefined,
      clientIp: undefined,
    },
    problems: NO_PROBLEMS,
    hasFault: status >= 500,
    hasError: status >= 400 && status < 500,
    hasThrottle: status === 429,
    inProgress: responseTime === null,
    partial: false,
    orphanCount: 0,
    annotations: {},
    warnings: [],
    users: [],
    services: (fields.services ?? ["web"]).map((name) => ({ name, type: undefined })),
    segmentCount: 1,
    subsegmentCount: 0,
    documentCount: 1,
    bytes: fields.bytes ?? 1000,
    firstReceivedAt: epochMillis(received),
    lastReceivedAt: epochMillis(received),
    origins: ["xray-sdk"],
    unsampled: false,
  };
}
