// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { SamplingRule } from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SAMPLING } from "./SamplingPage.markers.ts";
import { SamplingPage } from "./SamplingPage.tsx";
import { samplingRule as rule, samplingRuleView } from "./sampling-rule-fixtures.ts";

interface Call {
  readonly path: string;
  readonly body: unknown;
}

let rules: SamplingRule[];
let calls: Call[];

beforeEach(() => {
  rules = [rule("Default", 10_000), rule("health", 1)];
  calls = [];
  vi.stubGlobal("fetch", async (path: string, init: RequestInit) => {
    const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ path, body });
    if (path === "/DeleteSamplingRule") {
      const name = (body as { RuleName: string }).RuleName;
      rules = rules.filter((r) => r.RuleName !== name);
      return new Response("{}");
    }
    return new Response(
      JSON.stringify({
        rules: rules.map((each) => samplingRuleView(each)),
        clients: [],
        lastRulesFetch: null,
        lastTargetsFetch: null,
        recentReports: [],
      }),
    );
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPage() {
  const router = createMemoryRouter([{ path: "/sampling", element: <SamplingPage /> }], {
    initialEntries: ["/sampling"],
  });
  render(<RouterProvider router={router} />);
}

async function row(name: string): Promise<HTMLElement> {
  return waitFor(() => {
    const match = screen
      .getAllByTestId(SAMPLING.ruleRow)
      .find((element) => element.dataset.ruleName === name);
    if (!match) throw new Error(`no row for ${name}`);
    return match;
  });
}

describe("SamplingPage", () => {
  it("asks before deleting a rule; Keep leaves it and puts focus back on Delete", async () => {
    renderPage();
    const health = await row("health");
    fireEvent.click(within(health).getByTestId(SAMPLING.deleteRule));
    expect(health.textContent).toContain("Delete health?");
    expect(document.activeElement).toBe(within(health).getByTestId(SAMPLING.keepRule));
    fireEvent.click(within(health).getByTestId(SAMPLING.keepRule));
    expect(document.activeElement).toBe(within(health).getByTestId(SAMPLING.deleteRule));
    expect(calls.some((call) => call.path === "/DeleteSamplingRule")).toBe(false);

    fireEvent.click(within(health).getByTestId(SAMPLING.deleteRule));
    fireEvent.click(within(health).getByTestId(SAMPLING.confirmDelete));
    await waitFor(() =>
      expect(screen.getByTestId(SAMPLING.done).textContent).toBe("Rule health deleted."),
    );
    expect(calls.find((call) => call.path === "/DeleteSamplingRule")?.body).toEqual({
      RuleName: "health",
    });
    await waitFor(() => expect(screen.getAllByTestId(SAMPLING.ruleRow)).toHaveLength(1));
  });

  it("offers Edit but not Delete for Default, and counts the rules against X-Ray's 25", async () => {
    renderPage();
    const defaultRow = await row("Default");
    expect(within(defaultRow).queryByTestId(SAMPLING.deleteRule)).toBeNull();
    expect(within(defaultRow).getByTestId(SAMPLING.editRule).getAttribute("aria-label")).toBe(
      "Edit Default",
    );
    expect(screen.getByTestId(SAMPLING.ruleCount).textContent).toContain(
      "1 of 25 rules besides Default",
    );
  });
});
