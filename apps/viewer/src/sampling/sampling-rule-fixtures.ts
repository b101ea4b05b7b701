/**
 * Sampling rules for the viewer's sampling tests: a rule that matches every request, as the
 * X-Ray API returns it, and the view of it that `GET /api/sampling/rules` lists.
 */

import { epochSeconds, type SamplingRule, type SamplingRuleView } from "@xray-sandbox/segments";

/** A rule named `name` matching every request: 5 % after one request a second. */
export function samplingRule(
  name: string,
  priority: number,
  changes: Partial<SamplingRule> = {},
): SamplingRule {
  return {
    RuleName: name,
    RuleARN: `arn:aws:xray:local:000000000000:sampling-rule/${name}`,
    Priority: priority,
    FixedRate: 0.05,
    ReservoirSize: 1,
    ServiceName: "*",
    ServiceType: "*",
    Host: "*",
    HTTPMethod: "*",
    URLPath: "*",
    ResourceARN: "*",
    Version: 1,
    Attributes: {},
    ...changes,
  };
}

const NO_REPORTS: SamplingRuleView["totals"] = {
  requestCount: 0,
  sampledCount: 0,
  borrowCount: 0,
  reports: 0,
  lastReportAt: null,
};

/** The rule as the viewer lists it, created and last changed at the same time. */
export function samplingRuleView(
  samplingRule: SamplingRule,
  totals: SamplingRuleView["totals"] = NO_REPORTS,
): SamplingRuleView {
  return {
    SamplingRule: samplingRule,
    CreatedAt: epochSeconds(1_750_000_000),
    ModifiedAt: epochSeconds(1_750_000_000),
    totals,
  };
}
