import type { SamplingRule } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import {
  createRuleBody,
  hasProblems,
  type RuleFormValues,
  ruleFormProblems,
  ruleFormValues,
  updateRuleBody,
} from "./rule-form.ts";

const creating = { editing: false, existingNames: ["Default", "health"] };

function rule(changes: Partial<SamplingRule> = {}): SamplingRule {
  return {
    RuleName: "checkout",
    RuleARN: "arn:aws:xray:local:000000000000:sampling-rule/checkout",
    Priority: 10,
    FixedRate: 0.07,
    ReservoirSize: 2,
    ServiceName: "shop",
    ServiceType: "*",
    Host: "*",
    HTTPMethod: "POST",
    URLPath: "/checkout*",
    ResourceARN: "*",
    Version: 1,
    Attributes: { tenant: "acme" },
    ...changes,
  };
}

function with_(changes: Partial<RuleFormValues>): RuleFormValues {
  return { ...ruleFormValues(undefined, [10_000, 3]), name: "posts", ...changes };
}

describe("ruleFormValues", () => {
  it("starts a new rule after the priorities in use, matching everything", () => {
    const values = ruleFormValues(undefined, [10_000, 3, 7]);
    expect(values.priority).toBe("8");
    expect(Object.values(values.matchers)).toEqual(["*", "*", "*", "*", "*", "*"]);
    expect(values.ratePercent).toBe("5");
  });

  it("shows an existing rule's rate as the percent it is, without float noise", () => {
    const values = ruleFormValues(rule());
    expect(values.ratePercent).toBe("7");
    expect(values.attributes).toEqual([{ id: 0, key: "tenant", value: "acme" }]);
  });
});

describe("ruleFormProblems", () => {
  it("finds nothing wrong with a complete new rule", () => {
    expect(hasProblems(ruleFormProblems(with_({}), creating))).toBe(false);
  });

  it("names what is wrong with each field", () => {
    const problems = ruleFormProblems(
      with_({
        name: "health",
        priority: "0",
        reservoir: "1.5",
        ratePercent: "120",
        matchers: { ...with_({}).matchers, HTTPMethod: "PROPFINDING", URLPath: "" },
      }),
      creating,
    );
    expect(problems.fields).toEqual({
      name: "A rule named health already exists.",
      priority: "Out of range: from 1 to 9999.",
      reservoir: "A whole number of 0 or more.",
      ratePercent: "At most 100 %.",
      HTTPMethod: "At most 10 characters (11 now).",
      URLPath: "Use * to match anything.",
    });
  });

  it("refuses the built-in name, a long name and an empty one", () => {
    const name = (text: string) => ruleFormProblems(with_({ name: text }), creating).fields.name;
    expect(name("Default")).toBe("Default is the built-in rule; pick another name.");
    expect(name("x".repeat(33))).toBe("At most 32 characters (33 now).");
    expect(name("")).toBe("Give the rule a name.");
    expect(name(" posts")).toBe("No spaces at the start or the end.");
  });

  it("does not check the name of a rule being edited", () => {
    const problems = ruleFormProblems(ruleFormValues(rule({ RuleName: "health" })), {
      editing: true,
      existingNames: ["health"],
    });
    expect(hasProblems(problems)).toBe(false);
  });

  it("checks each attribute's name and value, and a name used twice", () => {
    const problems = ruleFormProblems(
      with_({
        attributes: [
          { id: 4, key: "tenant", value: "acme" },
          { id: 5, key: "tenant", value: "" },
          { id: 6, key: "", value: "y".repeat(33) },
        ],
      }),
      creating,
    );
    expect(problems.attributes).toEqual({
      5: { key: "tenant is already matched above.", value: "Give the value to match (* for any)." },
      6: { key: "Give the attribute's name.", value: "At most 32 characters (33 now)." },
    });
  });

  it("checks only the rate and reservoir of Default", () => {
    const values = {
      ...ruleFormValues(rule({ RuleName: "Default", Priority: 10_000 })),
      ratePercent: "abc",
    };
    const problems = ruleFormProblems(values, { editing: true, existingNames: ["Default"] });
    expect(problems.fields).toEqual({ ratePercent: "A number of percent, like 5 or 0.5." });
  });
});

describe("request bodies", () => {
  it("turns the form into CreateSamplingRule's rule, the rate as a fraction", () => {
    const body = createRuleBody(
      with_({
        ratePercent: "0.5",
        matchers: { ...with_({}).matchers, URLPath: " /api/* " },
        attributes: [{ id: 1, key: "tenant", value: "acme" }],
      }),
    );
    expect(body).toMatchObject({
      RuleName: "posts",
      Priority: 4,
      FixedRate: 0.005,
      ReservoirSize: 1,
      URLPath: "/api/*",
      Version: 1,
      Attributes: { tenant: "acme" },
    });
  });

  it("sends only the rate and reservoir for Default", () => {
    const values = {
      ...ruleFormValues(rule({ RuleName: "Default", Priority: 10_000 })),
      ratePercent: "50",
      reservoir: "3",
    };
    expect(updateRuleBody(values)).toEqual({
      RuleName: "Default",
      FixedRate: 0.5,
      ReservoirSize: 3,
    });
  });

  it("sends every field of another rule, so that removed attributes go", () => {
    const values = { ...ruleFormValues(rule()), attributes: [] };
    expect(updateRuleBody(values)).toMatchObject({
      RuleName: "checkout",
      Priority: 10,
      FixedRate: 0.07,
      HTTPMethod: "POST",
      Attributes: {},
    });
  });
});
