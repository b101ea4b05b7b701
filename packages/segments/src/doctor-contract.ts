/** The trace doctor's HTTP contract: a trace's problems, and why requests were not sampled. Types only. */

import type { ProblemCounts, ProblemFix, TraceProblem } from "./doctor/problem.ts";
import type { TraceId } from "./units.ts";

/** `GET /api/traces/:id/problems?neverCompletedAfter=<seconds>`. */
export interface TraceProblemsBody {
  readonly traceId: TraceId;
  /** Most severe first; at most `MAX_LISTED_PROBLEMS`. */
  readonly problems: readonly TraceProblem[];
  /** Problems found past the listed ones. */
  readonly leftOut: number;
  readonly counts: ProblemCounts;
  /** The thresholds the diagnosis used. */
  readonly neverCompletedAfterSeconds: number;
  readonly clockSkewToleranceSeconds: number;
}

/** One sampling rule as the SDKs used it: what they saw and sampled under it. */
export interface RuleSamplingDiagnosis {
  readonly ruleName: string;
  readonly priority: number;
  readonly reservoirSize: number;
  readonly fixedRate: number;
  /** Summed over every client's `SamplingTargets` reports since the daemon started. */
  readonly requests: number;
  readonly sampled: number;
  readonly borrowed: number;
  /** `requests - sampled`: requests the SDKs saw under this rule and did not trace. */
  readonly notSampled: number;
  /** Why some requests were not (or will not be) sampled, in plain words. */
  readonly explanations: readonly string[];
}

/** One SDK process (`ClientID`) that reported statistics. */
export interface ClientSamplingDiagnosis {
  readonly clientId: string;
  /** ISO 8601: its first and last `SamplingTargets` report. */
  readonly firstReportAt: string;
  readonly lastReportAt: string;
  readonly requests: number;
  readonly sampled: number;
  readonly borrowed: number;
  readonly notSampled: number;
  readonly explanations: readonly string[];
}

/** `GET /api/sampling/diagnosis`: why requests may not have become traces. */
export interface SamplingDiagnosisBody {
  readonly code: "not-sampled";
  /** ISO 8601: when the diagnosis was made. */
  readonly at: string;
  /**
   * The last `GetSamplingRules` call (ISO 8601), null before any. The call names no client, so
   * fetches are known for the daemon, not per SDK process; a client's first report comes after
   * its first fetch.
   */
  readonly lastRulesFetch: string | null;
  readonly lastTargetsFetch: string | null;
  readonly rules: readonly RuleSamplingDiagnosis[];
  /** Most recently reporting first. */
  readonly clients: readonly ClientSamplingDiagnosis[];
  /** The state in plain words, most telling first: what a user checks first. */
  readonly summary: readonly string[];
  /** Why X-Ray samples, and how to sample everything, per SDK. */
  readonly why: string;
  readonly fix: ProblemFix;
}
