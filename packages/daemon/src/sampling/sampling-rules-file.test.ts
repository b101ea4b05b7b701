import { describe, expect, it } from "vitest";
import { loadSamplingRulesFile } from "./sampling-rules-file.ts";

function load(text: string) {
  return loadSamplingRulesFile("./r.json", () => text);
}

function errorLine(text: string): string {
  const result = load(text);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.error.message;
}

const skip = { RuleName: "skip", Priority: 1, FixedRate: 0, URLPath: "/skip*" };

describe("loadSamplingRulesFile", () => {
  it.each([
    ["a list of rules", [skip]],
    ["SamplingRules", { SamplingRules: [skip] }],
    [
      "the output of aws xray get-sampling-rules",
      { SamplingRuleRecords: [{ SamplingRule: { ...skip, RuleARN: "arn:x" }, CreatedAt: 1 }] },
    ],
  ])("reads %s", (_form, content) => {
    const result = load(JSON.stringify(content));
    expect(result.ok && result.rules.map((rule) => [rule.RuleName, rule.URLPath])).toEqual([
      ["skip", "/skip*"],
    ]);
  });

  it("names the file, the rule by position and name, and the field", () => {
    const rules = [skip, { RuleName: "checkout", Priority: 2, FixedRate: 1.5 }];
    expect(errorLine(JSON.stringify(rules))).toBe(
      'sampling rules ./r.json: rule 2 ("checkout"): "FixedRate" must be a number between 0 and 1',
    );
  });

  it("refuses a name used twice", () => {
    expect(errorLine(JSON.stringify([skip, { ...skip, Priority: 2 }]))).toBe(
      'sampling rules ./r.json: rule 2 ("skip"): "RuleName" "skip" is already used by rule 1',
    );
  });

  it("keeps JSON syntax errors on one line", () => {
    const message = errorLine('[\n  {"RuleName": "a",\n}\n]');
    expect(message).toMatch(/^sampling rules \.\/r\.json: not valid JSON: /);
    expect(message).not.toContain("\n");
  });

  it("says what shape it expected", () => {
    expect(errorLine('{"Rules": []}')).toBe(
      'sampling rules ./r.json: expected a list of rules, {"SamplingRules": [...]} or {"SamplingRuleRecords": [...]}, got an object',
    );
  });

  it("says when the file cannot be read", () => {
    const result = loadSamplingRulesFile("/nonexistent/rules.json");
    expect(!result.ok && result.error.message).toBe(
      "sampling rules /nonexistent/rules.json: cannot read the file (no such file)",
    );
  });
});
