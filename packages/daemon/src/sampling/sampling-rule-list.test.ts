import { describe, expect, it } from "vitest";
import { resolveConfig } from "../config.ts";
import { checkSamplingRuleList } from "./sampling-rule-list.ts";

describe("checkSamplingRuleList", () => {
  it("allows 25 rules besides Default, as X-Ray does, and no more", () => {
    const rules = Array.from({ length: 26 }, (_, i) => ({
      RuleName: `r${i}`,
      Priority: 1,
      FixedRate: 1,
    }));
    expect(
      checkSamplingRuleList([...rules.slice(0, 25), { RuleName: "Default", FixedRate: 1 }]).ok,
    ).toBe(true);
    expect(checkSamplingRuleList(rules)).toEqual({
      ok: false,
      message: "26 rules, more than the 25 X-Ray allows besides Default",
    });
  });

  it("names a rule without a name by its position", () => {
    expect(checkSamplingRuleList([{ Priority: 1, FixedRate: 1 }])).toEqual({
      ok: false,
      message: 'rule 1: "RuleName" must be a string of 1 to 32 characters',
    });
  });

  it("checks rules a programmatic caller passes in the config", () => {
    const resolved = resolveConfig({
      samplingRules: [{ RuleName: "checkout", Priority: 1, FixedRate: -1 }],
    });
    expect(!resolved.ok && resolved.error.message).toBe(
      'samplingRules: rule 1 ("checkout"): "FixedRate" must be a number between 0 and 1',
    );
  });
});
