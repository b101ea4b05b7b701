import { DEFAULT_SAMPLING_RULE_NAME, type SamplingRule } from "@xray-sandbox/segments";

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

export const DEFAULT_RULE_NAME = DEFAULT_SAMPLING_RULE_NAME;
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
