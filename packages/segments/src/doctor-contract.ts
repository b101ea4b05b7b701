/** The trace doctor's HTTP contract: a trace's problems, and why requests were not sampled. Types only. */

import type { ProblemCounts, TraceProblem } from "./doctor/problem.ts";
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
  /** Why some requests were not sampled, in plain words; empty when all were. */
  readonly explanations: readonly string[];
}

/** One SDK instance (`ClientID`) that fetched rules or reported statistics. */
export interface ClientSamplingDiagnosis {
  readonly clientId: string;
  /** Epoch milliseconds of its last `GetSamplingRules`; null when it never fetched them. */
  readonly lastRulesFetchAt: number | null;
  /** Epoch milliseconds of its last `SamplingTargets` report; null before any. */
  readonly lastReportAt: number | null;
  readonly requests: number;
  readonly sampled: number;
  readonly borrowed: number;
  readonly explanations: readonly string[];
}

/** `GET /api/sampling/diagnosis`: why requests may not have become traces. */
export interface SamplingDiagnosisBody {
  /** Epoch milliseconds the diagnosis was made at. */
  readonly at: number;
  readonly rules: readonly RuleSamplingDiagnosis[];
  readonly clients: readonly ClientSamplingDiagnosis[];
  /** GetSamplingRules calls from SDKs that sent no ClientID (the Node SDK sends none). */
  readonly anonymousRuleFetches: number;
  readonly lastRulesFetchAt: number | null;
  /** Plain-words summary: the first thing to check. */
  readonly summary: readonly string[];
}
