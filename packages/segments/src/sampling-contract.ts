/**
 * Sampling as the daemon serves it: X-Ray's `SamplingRule` and `SamplingRuleRecord` (what
 * `GetSamplingRules` answers, times in epoch seconds as on the wire), the
 * `SamplingStatisticsDocument` SDKs report, and the body of `GET /api/sampling`. Types only.
 */

import type { EpochSeconds } from "./units.ts";

/** ISO 8601. */
type IsoTime = string;

export interface SamplingRule {
  readonly RuleName: string;
  readonly RuleARN: string;
  readonly ResourceARN: string;
  /** 1 (checked first) to 9999; `Default` has 10000. */
  readonly Priority: number;
  /** Share of matching requests sampled once the reservoir is used up, 0 to 1. */
  readonly FixedRate: number;
  /** Matching requests sampled per second before `FixedRate` applies. */
  readonly ReservoirSize: number;
  readonly ServiceName: string;
  readonly ServiceType: string;
  readonly Host: string;
  readonly HTTPMethod: string;
  readonly URLPath: string;
  readonly Version: number;
  readonly Attributes: Readonly<Record<string, string>>;
}

export interface SamplingRuleRecord {
  readonly SamplingRule: SamplingRule;
  readonly CreatedAt: EpochSeconds;
  readonly ModifiedAt: EpochSeconds;
}

/** One `SamplingStatisticsDocument`, as SDKs report it to `/SamplingTargets`. */
export interface SamplingStatisticsDocument {
  readonly RuleName: string;
  /** 24 hex digits the SDK picks at start; one per process. */
  readonly ClientID: string;
  readonly RequestCount: number;
  readonly SampledCount: number;
  readonly BorrowCount: number;
  /** When the SDK took the snapshot. */
  readonly Timestamp: EpochSeconds;
}

export interface SamplingCounts {
  /** Requests that matched the rule. */
  readonly requestCount: number;
  /** Requests sampled (from the reservoir or the fixed rate). */
  readonly sampledCount: number;
  /** Requests sampled on borrowed reservoir (before the SDK had a quota of its own). */
  readonly borrowCount: number;
}

/** What the daemon keeps of SDKs' statistics. */
export interface SamplingStatisticsBounds {
  /** Clients remembered; the one that reported least recently is forgotten first. */
  readonly maxClients: number;
  /** Statistics documents kept as received, newest first. */
  readonly maxRecentReports: number;
}

/** A rule with what SDKs reported for it. */
export interface SamplingRuleView extends SamplingRuleRecord {
  readonly totals: SamplingCounts & {
    /** Statistics documents received for the rule. */
    readonly reports: number;
    readonly lastReportAt: IsoTime | null;
  };
}

/** One SDK process (one client id) that reported statistics. */
export interface SamplingClient {
  readonly clientId: string;
  readonly firstSeenAt: IsoTime;
  readonly lastSeenAt: IsoTime;
  readonly reports: number;
  /** Totals per rule name. */
  readonly rules: Readonly<Record<string, SamplingCounts>>;
}

/** A statistics document as received. */
export interface SamplingReport extends SamplingStatisticsDocument {
  readonly receivedAt: IsoTime;
}

/** The body of `GET /api/sampling`: the rules in X-Ray's shape, the rest with ISO 8601 times. */
export interface SamplingView {
  readonly rules: readonly SamplingRuleView[];
  /** Most recently reporting first. */
  readonly clients: readonly SamplingClient[];
  /** When an SDK (or anyone) last called `GetSamplingRules`; null before the first call. */
  readonly lastRulesFetch: IsoTime | null;
  /** When statistics last came in through `GetSamplingTargets`; null before the first call. */
  readonly lastTargetsFetch: IsoTime | null;
  readonly lastRuleModification: IsoTime;
  /** Newest first. */
  readonly recentReports: readonly SamplingReport[];
  readonly bounds: SamplingStatisticsBounds & {
    /** Clients forgotten to stay within `maxClients`. */
    readonly evictedClients: number;
  };
}
