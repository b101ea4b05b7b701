/**
 * The `GetServiceGraph` response as plain JSON: the field names of `@aws-sdk/client-xray`'s
 * `Service`, `Edge`, `EdgeStatistics`, `ServiceStatistics`, ... with times as epoch seconds,
 * so the daemon can serialise it as is.
 */

import type { EpochSeconds } from "../units.ts";

export interface ServiceGraphHistogramEntry {
  /** Seconds: the bucket's value (see `histogramBucket`). */
  Value: number;
  Count: number;
}

export interface ServiceGraphErrorStatistics {
  /** 429 Too Many Requests (`throttle`); throttles are errors too. */
  ThrottleCount: number;
  /** Other 4xx (`error` without `throttle`). */
  OtherCount: number;
  TotalCount: number;
}

export interface ServiceGraphFaultStatistics {
  OtherCount: number;
  TotalCount: number;
}

/** `ServiceStatistics` and `EdgeStatistics` have the same fields. */
export interface ServiceGraphStatistics {
  OkCount: number;
  ErrorStatistics: ServiceGraphErrorStatistics;
  FaultStatistics: ServiceGraphFaultStatistics;
  TotalCount: number;
  /** Seconds, summed over the completed requests. */
  TotalResponseTime: number;
}

/**
 * A sandbox extension (AWS clients drop it): exact nearest-rank percentiles of the completed
 * requests' response times, in seconds, not read off the bucketed histogram.
 */
export interface ServiceGraphPercentiles {
  P50: number;
  P90: number;
  P99: number;
}

export interface ServiceGraphAlias {
  Name: string;
  Names: string[];
  Type: string;
}

export interface ServiceGraphEdge {
  /** The callee's `ReferenceId`. */
  ReferenceId: number;
  StartTime: EpochSeconds;
  EndTime: EpochSeconds;
  SummaryStatistics: ServiceGraphStatistics;
  ResponseTimeHistogram: ServiceGraphHistogramEntry[];
  Aliases: ServiceGraphAlias[];
  /** Sandbox extension; absent when no call completed (or from a graph made elsewhere). */
  ResponseTimePercentiles?: ServiceGraphPercentiles;
}

export interface ServiceGraphService {
  ReferenceId: number;
  Name: string;
  Names: string[];
  Root: boolean;
  Type: string;
  State: "active";
  StartTime: EpochSeconds;
  EndTime: EpochSeconds;
  Edges: ServiceGraphEdge[];
  SummaryStatistics: ServiceGraphStatistics;
  /** Durations of the traces the service took part in, one entry per trace. */
  DurationHistogram: ServiceGraphHistogramEntry[];
  /** Response times of the service's own segments (or, inferred, of the calls to it). */
  ResponseTimeHistogram: ServiceGraphHistogramEntry[];
  /** Sandbox extension; absent when no request completed (or from a graph made elsewhere). */
  ResponseTimePercentiles?: ServiceGraphPercentiles;
  /**
   * A sandbox extension, not in X-Ray's `Service` (AWS clients drop it): true when no trace in
   * the window has a segment of the service's own, so it is known only from its callers'
   * subsegments. Optional: a graph from elsewhere may not carry it.
   */
  Inferred?: boolean;
}

export interface ServiceGraph {
  StartTime: EpochSeconds;
  EndTime: EpochSeconds;
  Services: ServiceGraphService[];
  ContainsOldGroupVersions: false;
}

export interface ServiceGraphOptions {
  /** Leave out traces that ended before this time. */
  readonly start?: EpochSeconds;
  /** Leave out traces that started after this time. */
  readonly end?: EpochSeconds;
}
