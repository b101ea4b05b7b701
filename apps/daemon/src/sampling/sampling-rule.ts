/**
 * Sampling rules in the shape of X-Ray's `SamplingRule` and `SamplingRuleRecord`, as
 * `GetSamplingRules` serves them. Times are epoch seconds, as on the wire.
 */

import type { EpochSeconds } from "@xray-sandbox/segments";

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

/** A rule as checked from user input: everything but the ARN, which follows from the name. */
export type SamplingRuleDefinition = Omit<SamplingRule, "RuleARN">;

/**
 * A rule as a user writes it (rules file, the `samplingRules` option): the matchers
 * (`ServiceName`, `ServiceType`, `Host`, `HTTPMethod`, `URLPath`, `ResourceARN`) default to
 * `"*"`, `ReservoirSize` to 0, `Version` to 1, `Attributes` to `{}`.
 */
export type SamplingRuleInput = Readonly<Partial<SamplingRuleDefinition>> & {
  readonly RuleName: string;
};

export interface SamplingRuleRecord {
  readonly SamplingRule: SamplingRule;
  readonly CreatedAt: EpochSeconds;
  readonly ModifiedAt: EpochSeconds;
}

export const DEFAULT_RULE_NAME = "Default";
export const DEFAULT_RULE_PRIORITY = 10_000;
/** Large enough that no SDK ever runs out of reservoir: a sandbox shows every request. */
export const DEFAULT_RESERVOIR_SIZE = 1_000_000;
export const WILDCARD = "*";

/** The rule every request falls back to: sample everything. */
export const DEFAULT_RULE: SamplingRuleDefinition = Object.freeze({
  RuleName: DEFAULT_RULE_NAME,
  ResourceARN: WILDCARD,
  Priority: DEFAULT_RULE_PRIORITY,
  FixedRate: 1,
  ReservoirSize: DEFAULT_RESERVOIR_SIZE,
  ServiceName: WILDCARD,
  ServiceType: WILDCARD,
  Host: WILDCARD,
  HTTPMethod: WILDCARD,
  URLPath: WILDCARD,
  Version: 1,
  Attributes: Object.freeze({}),
});

export const SAMPLING_RULE_ARN_PREFIX = "arn:aws:xray:local:000000000000:sampling-rule/";

export function samplingRuleArn(name: string): string {
  return `${SAMPLING_RULE_ARN_PREFIX}${name}`;
}
