import { describe, expect, it } from "vitest";
import { checkSamplingRule, mergeSamplingRuleUpdate } from "./check-sampling-rule.ts";
import { DEFAULT_RULE } from "./sampling-rule.ts";

const reject = { unknownFields: "reject" } as const;

function problem(value: unknown, options = reject): string {
  const checked = checkSamplingRule(value, options);
  if (checked.ok) throw new Error(`expected a problem, got ${JSON.stringify(checked.rule)}`);
  return checked.message;
}

describe("checkSamplingRule", () => {
  it("fills in what X-Ray's SDKs need: wildcards, version 1, no attributes", () => {
    expect(
      checkSamplingRule({ RuleName: "skip", Priority: 1, FixedRate: 0, URLPath: "/skip*" }, reject),
    ).toEqual({
      ok: true,
      rule: {
        RuleName: "skip",
        Priority: 1,
        FixedRate: 0,
        ReservoirSize: 0,
        ResourceARN: "*",
        ServiceName: "*",
        ServiceType: "*",
        Host: "*",
        HTTPMethod: "*",
        URLPath: "/skip*",
        Version: 1,
        Attributes: {},
      },
    });
  });

  it.each([
    [{ RuleName: "r", Priority: 1, FixedRate: 2 }, '"FixedRate" must be a number between 0 and 1'],
    [{ RuleName: "r", Priority: 1 }, '"FixedRate" must be a number between 0 and 1'],
    [
      { RuleName: "r", Priority: 0, FixedRate: 1 },
      '"Priority" must be a whole number from 1 to 9999',
    ],
    [{ Priority: 1, FixedRate: 1 }, '"RuleName" must be a string of 1 to 32 characters'],
    [
      { RuleName: "r", Priority: 1, FixedRate: 1, ReservoirSize: 1.5 },
      '"ReservoirSize" must be a whole number, 0 or more',
    ],
    [
      { RuleName: "r", Priority: 1, FixedRate: 1, HTTPMethod: "PROPPATCHING" },
      '"HTTPMethod" must be a string of 1 to 10 characters',
    ],
    [{ RuleName: "r", Priority: 1, FixedRate: 1, Version: 2 }, '"Version" must be 1'],
    [
      { RuleName: "r", Priority: 1, FixedRate: 1, UrlPath: "/x" },
      'unknown field "UrlPath" (did you mean "URLPath"?)',
    ],
  ])("refuses %j", (rule, message) => {
    expect(problem(rule)).toBe(message);
  });

  it("ignores unknown fields when asked to, as the API does", () => {
    const checked = checkSamplingRule(
      { RuleName: "r", Priority: 5, FixedRate: 0.5, Future: true },
      { unknownFields: "ignore" },
    );
    expect(checked.ok).toBe(true);
  });

  it("lets Default change its rates only", () => {
    expect(checkSamplingRule({ RuleName: "Default", FixedRate: 0.1 }, reject)).toEqual({
      ok: true,
      rule: { ...DEFAULT_RULE, FixedRate: 0.1 },
    });
    expect(problem({ RuleName: "Default", FixedRate: 0.1, URLPath: "/api*" })).toBe(
      '"URLPath" of the Default rule cannot be changed; only "FixedRate" and "ReservoirSize" can',
    );
  });
});

describe("mergeSamplingRuleUpdate", () => {
  it("applies the given fields and checks the result as a whole", () => {
    const current = { ...DEFAULT_RULE, RuleName: "r", Priority: 5 };
    expect(
      mergeSamplingRuleUpdate(current, { FixedRate: 0.25, RuleName: "renamed" }),
    ).toMatchObject({ ok: true, rule: { RuleName: "r", FixedRate: 0.25, Priority: 5 } });
    expect(mergeSamplingRuleUpdate(current, { Priority: 10_001 })).toMatchObject({
      ok: false,
      field: "Priority",
    });
  });
});
