// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import type { SamplingRule, SamplingRuleView } from "@xray-sandbox/segments";
import { afterEach, expect, it } from "vitest";
import { SAMPLING } from "./SamplingPage.markers.ts";
import { SamplingRulesTable } from "./SamplingRulesTable.tsx";
import { samplingRule, samplingRuleView } from "./sampling-rule-fixtures.ts";

afterEach(cleanup);

function view(
  name: string,
  priority: number,
  changes: Partial<SamplingRule> = {},
): SamplingRuleView {
  return samplingRuleView(samplingRule(name, priority, changes), {
    requestCount: 8,
    sampledCount: 2,
    borrowCount: 1,
    reports: 1,
    lastReportAt: null,
  });
}

it("lists rules in the order SDKs try them, with their matchers and reported counts", () => {
  const rules = [view("Default", 10_000), view("NoHealthChecks", 1, { URLPath: "/health" })];
  render(<SamplingRulesTable rules={rules} now={0} />);
  const rows = screen.getAllByTestId(SAMPLING.ruleRow);
  expect(rows.map((row) => row.dataset.ruleName)).toEqual(["NoHealthChecks", "Default"]);
  expect(rows[0]?.textContent).toContain("URL path /health");
  expect(rows[1]?.textContent).toContain("any request");
  expect(rows[1]?.textContent).toContain("2 (25 %)");
  expect(rows[1]?.textContent).toContain("never");
});
