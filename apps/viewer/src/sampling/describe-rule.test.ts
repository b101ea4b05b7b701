import type { SamplingRule } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { describeRule, formatRate, ruleMatchers, sampledShare } from "./describe-rule.ts";
import { samplingRule } from "./sampling-rule-fixtures.ts";

function rule(changes: Partial<SamplingRule>): SamplingRule {
  return samplingRule("r", 1, changes);
}

describe("sampling rules in words", () => {
  it("says how many requests a rule traces: reservoir first, then the fixed rate", () => {
    expect(describeRule(rule({}))).toBe(
      "Every request: the first request each second traced, then 5 % of the rest.",
    );
    expect(describeRule(rule({ ReservoirSize: 0, FixedRate: 0, URLPath: "/health" }))).toBe(
      "Requests with URL path /health: never traced.",
    );
    expect(describeRule(rule({ ReservoirSize: 0, FixedRate: 0.1 }))).toBe(
      "Every request: 10 % traced.",
    );
    expect(describeRule(rule({ ReservoirSize: 5, FixedRate: 0 }))).toBe(
      "Every request: the first 5 requests each second traced, none beyond.",
    );
  });

  it("lists only the conditions that are not wildcards", () => {
    expect(
      ruleMatchers(
        rule({ ServiceName: "checkout", HTTPMethod: "POST", Attributes: { tier: "gold" } }),
      ),
    ).toEqual([
      { field: "service", value: "checkout" },
      { field: "method", value: "POST" },
      { field: "attribute tier", value: "gold" },
    ]);
  });

  it("formats rates as percentages and the sampled share of requests", () => {
    expect(formatRate(0.05)).toBe("5 %");
    expect(formatRate(0.005)).toBe("0.5 %");
    expect(formatRate(1)).toBe("100 %");
    expect(sampledShare({ requestCount: 4, sampledCount: 1, borrowCount: 0 })).toBe(0.25);
    expect(sampledShare({ requestCount: 0, sampledCount: 0, borrowCount: 0 })).toBeUndefined();
  });
});
