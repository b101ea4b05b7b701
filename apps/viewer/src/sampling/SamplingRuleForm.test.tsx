// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RuleFormValues } from "./rule-form.ts";
import { SAMPLING_RULE_FORM as FORM, fieldErrorTestId } from "./SamplingRuleForm.markers.ts";
import { SamplingRuleForm } from "./SamplingRuleForm.tsx";
import { samplingRule } from "./sampling-rule-fixtures.ts";

afterEach(cleanup);

const RULES = [samplingRule("Default", 10_000, { FixedRate: 1 }), samplingRule("health", 1)];

function type(testId: string, value: string, index = 0) {
  const field = screen.getAllByTestId(testId)[index];
  if (field === undefined) throw new Error(`no field ${testId}`);
  fireEvent.change(field, { target: { value } });
}

function problemOf(testId: string): string | null {
  return screen.queryByTestId(fieldErrorTestId(testId))?.textContent ?? null;
}

describe("SamplingRuleForm", () => {
  it("says what is wrong beside a field as it is typed, and clears it once fixed", () => {
    render(<SamplingRuleForm rules={RULES} onSave={vi.fn()} onCancel={vi.fn()} />);
    const rate = screen.getByTestId(FORM.rate);
    expect(problemOf(FORM.rate)).toBeNull();

    type(FORM.rate, "150");
    expect(problemOf(FORM.rate)).toBe("At most 100 %.");
    expect(rate.getAttribute("aria-invalid")).toBe("true");
    const describedBy = rate.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(describedBy)?.textContent).toBe("At most 100 %.");

    type(FORM.rate, "12.5");
    expect(problemOf(FORM.rate)).toBeNull();
    expect(rate.getAttribute("aria-invalid")).toBe("false");

    type(FORM.name, "health");
    expect(problemOf(FORM.name)).toBe("A rule named health already exists.");
    type(FORM.matcher("HTTPMethod"), "");
    expect(problemOf(FORM.matcher("HTTPMethod"))).toBe("Use * to match anything.");
  });

  it("does not save with problems, shows them all and focuses the first", () => {
    const onSave = vi.fn(async () => undefined);
    render(<SamplingRuleForm rules={RULES} onSave={onSave} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByTestId(FORM.addAttribute));
    fireEvent.click(screen.getByTestId(FORM.submit));
    expect(onSave).not.toHaveBeenCalled();
    expect(problemOf(FORM.name)).toBe("Give the rule a name.");
    expect(problemOf(FORM.attributeKey)).toBe("Give the attribute's name.");
    expect(document.activeElement).toBe(screen.getByTestId(FORM.name));
  });

  it("saves a new rule with its attributes, after the priorities in use", async () => {
    const onSave = vi.fn(async (_values: RuleFormValues) => undefined);
    render(<SamplingRuleForm rules={RULES} onSave={onSave} onCancel={vi.fn()} />);
    expect(screen.getByTestId<HTMLInputElement>(FORM.priority).value).toBe("2");
    type(FORM.name, "checkout-posts");
    type(FORM.matcher("HTTPMethod"), "POST");
    fireEvent.click(screen.getByTestId(FORM.addAttribute));
    type(FORM.attributeKey, "tenant");
    type(FORM.attributeValue, "acme");
    fireEvent.click(screen.getByTestId(FORM.submit));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const values = onSave.mock.calls[0]?.[0];
    expect(values?.name).toBe("checkout-posts");
    expect(values?.matchers.HTTPMethod).toBe("POST");
    expect(values?.attributes.map(({ key, value }) => [key, value])).toEqual([["tenant", "acme"]]);
  });

  it("shows the daemon's refusal in the form", async () => {
    const onSave = vi.fn(async () => {
      throw new Error("a sampling rule named x already exists");
    });
    render(<SamplingRuleForm rules={RULES} onSave={onSave} onCancel={vi.fn()} />);
    type(FORM.name, "x");
    fireEvent.click(screen.getByTestId(FORM.submit));
    const alert = await screen.findByTestId(FORM.serverError);
    expect(alert.textContent).toContain("already exists");
    expect(alert.getAttribute("role")).toBe("alert");
  });

  it("lets only the rate and reservoir of Default change", () => {
    const defaultRule = RULES[0];
    if (defaultRule === undefined) throw new Error("no Default");
    render(
      <SamplingRuleForm rule={defaultRule} rules={RULES} onSave={vi.fn()} onCancel={vi.fn()} />,
    );
    expect(screen.getByTestId<HTMLInputElement>(FORM.name).disabled).toBe(true);
    expect(screen.getByTestId<HTMLInputElement>(FORM.priority).disabled).toBe(true);
    expect(screen.getByTestId<HTMLInputElement>(FORM.rate).value).toBe("100");
    expect(screen.getByTestId<HTMLInputElement>(FORM.rate).disabled).toBe(false);
    expect(screen.queryByTestId(FORM.matcher("URLPath"))).toBeNull();
    expect(screen.getByTestId(FORM.defaultNote).textContent).toContain("only its reservoir");
  });
});
