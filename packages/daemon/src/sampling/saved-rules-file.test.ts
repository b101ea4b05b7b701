import { epochSeconds } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { SamplingRuleSet } from "./sampling-rule-set.ts";
import { formatSavedRules, parseSavedRules } from "./saved-rules-file.ts";

describe("sampling-rules.json", () => {
  it("reads back every rule it wrote, Default's changes included", () => {
    const rules = new SamplingRuleSet([], () => epochSeconds(1_780_000_000));
    rules.create({ RuleName: "checkout", Priority: 5, FixedRate: 0.2, ServiceName: "shop" });
    rules.update({ RuleName: "Default" }, { FixedRate: 0.1, ReservoirSize: 2 });
    const text = formatSavedRules(rules.records());
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    expect(text).not.toContain("RuleARN");
    const parsed = parseSavedRules(text);
    expect(parsed.ok).toBe(true);
    const restored = new SamplingRuleSet(parsed.ok ? parsed.rules : []);
    expect(restored.records().map((record) => record.SamplingRule)).toEqual(
      rules.records().map((record) => record.SamplingRule),
    );
  });

  it.each([
    ["{", /^not valid JSON/],
    ["[]", /^expected \{"version": 1, "rules": \[\.\.\.\]\}/],
    ['{"version": 2, "rules": []}', /^it was written by a newer xray-sandbox \(version 2/],
    ['{"rules": []}', /^"version" must be 1, got nothing/],
    [
      '{"version": 1, "rules": [{"RuleName": "a", "Priority": 1, "FixedRate": 2}]}',
      /^rule 1 \("a"\): "FixedRate"/,
    ],
    [
      '{"version": 1, "rules": [{"RuleName": "a", "Priority": 1, "FixedRate": 1, "Colour": 1}]}',
      /^rule 1 \("a"\): .*Colour/,
    ],
  ])("refuses %s", (text, message) => {
    const parsed = parseSavedRules(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.message).toMatch(message);
  });

  it("tells the set's listeners about every change", () => {
    const rules = new SamplingRuleSet();
    const seen: string[][] = [];
    rules.subscribe((records) => seen.push(records.map((r) => r.SamplingRule.RuleName)));
    rules.create({ RuleName: "a", Priority: 1, FixedRate: 1 });
    rules.create({ RuleName: "a", Priority: 1, FixedRate: 1 });
    rules.update({ RuleName: "a" }, { FixedRate: 0.5 });
    rules.delete({ RuleName: "a" });
    rules.delete({ RuleName: "Default" });
    expect(seen).toEqual([["a", "Default"], ["a", "Default"], ["Default"]]);
  });
});
