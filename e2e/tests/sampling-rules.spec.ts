import { join } from "node:path";
import { SAMPLING } from "../../apps/viewer/src/sampling/SamplingPage.markers.ts";
import {
  SAMPLING_RULE_FORM as FORM,
  fieldErrorTestId,
} from "../../apps/viewer/src/sampling/SamplingRuleForm.markers.ts";
import { expectNoAxeViolations, pageWidth, useTheme } from "../support/axe.ts";
import { docsScreenshotsDir } from "../support/paths.ts";
import { expect, test } from "../support/test.ts";

interface ServedRule {
  readonly RuleName: string;
  readonly Priority: number;
  readonly FixedRate: number;
  readonly ReservoirSize: number;
  readonly HTTPMethod: string;
  readonly URLPath: string;
  readonly Attributes: Record<string, string>;
}

/** The rules as an SDK gets them: `POST /GetSamplingRules`. */
async function servedRules(daemonUrl: string): Promise<ServedRule[]> {
  const response = await fetch(new URL("/GetSamplingRules", daemonUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  const body = (await response.json()) as { SamplingRuleRecords: { SamplingRule: ServedRule }[] };
  return body.SamplingRuleRecords.map((record) => record.SamplingRule);
}

async function servedRule(daemonUrl: string, name: string): Promise<ServedRule | undefined> {
  return (await servedRules(daemonUrl)).find((rule) => rule.RuleName === name);
}

async function xray(daemonUrl: string, operation: string, body: unknown): Promise<void> {
  await fetch(new URL(`/${operation}`, daemonUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

// The daemon is shared by the tests of a worker and resetting it keeps the rules: put them back.
test.afterEach(async ({ daemon }) => {
  for (const rule of await servedRules(daemon.url)) {
    if (rule.RuleName !== "Default") {
      await xray(daemon.url, "DeleteSamplingRule", { RuleName: rule.RuleName });
    }
  }
  await xray(daemon.url, "UpdateSamplingRule", {
    SamplingRuleUpdate: { RuleName: "Default", FixedRate: 1, ReservoirSize: 1_000_000 },
  });
});

test("a sampling rule is created, edited and deleted in the viewer, and SDKs are served each change", async ({
  page,
  daemon,
}) => {
  test.setTimeout(60_000);
  await page.goto("/sampling");
  await page.getByTestId(SAMPLING.newRule).click();
  const form = page.getByTestId(FORM.root);
  await expect(form.getByRole("heading", { name: "New sampling rule" })).toBeVisible();

  // Checked as typed: the problem beside the field, the field marked invalid.
  const rate = form.getByTestId(FORM.rate);
  await rate.fill("250");
  await expect(form.getByTestId(fieldErrorTestId(FORM.rate))).toHaveText("At most 100 %.");
  await expect(rate).toHaveAttribute("aria-invalid", "true");
  await rate.fill("10");
  await expect(form.getByTestId(fieldErrorTestId(FORM.rate))).toHaveCount(0);

  await form.getByTestId(FORM.name).fill("checkout-posts");
  await form.getByTestId(FORM.priority).fill("5");
  await form.getByTestId(FORM.reservoir).fill("2");
  await form.getByTestId(FORM.matcher("HTTPMethod")).fill("POST");
  await form.getByTestId(FORM.matcher("URLPath")).fill("/checkout*");
  await form.getByTestId(FORM.addAttribute).click();
  await form.getByTestId(FORM.attributeKey).fill("tenant");
  await form.getByTestId(FORM.attributeValue).fill("acme");
  await form.getByTestId(FORM.submit).click();

  const row = page.locator(`[data-testid="${SAMPLING.ruleRow}"][data-rule-name="checkout-posts"]`);
  await expect(row).toContainText("method POST");
  await expect(row).toContainText("attribute tenant acme");
  await expect(page.getByTestId(SAMPLING.done)).toHaveText("Rule checkout-posts created.");
  expect(await servedRule(daemon.url, "checkout-posts")).toMatchObject({
    Priority: 5,
    FixedRate: 0.1,
    ReservoirSize: 2,
    HTTPMethod: "POST",
    URLPath: "/checkout*",
    Attributes: { tenant: "acme" },
  });

  // Edit: the name stays, the rate changes, the attribute goes.
  await row.getByTestId(SAMPLING.editRule).click();
  await expect(form.getByTestId(FORM.name)).toBeDisabled();
  await expect(form.getByTestId(FORM.rate)).toHaveValue("10");
  await form.getByTestId(FORM.rate).fill("50");
  await form.getByRole("button", { name: "Remove attribute 1" }).click();
  await form.getByTestId(FORM.submit).click();
  await expect(row).toContainText("50 %");
  await expect(row).not.toContainText("tenant");
  await expect
    .poll(async () => (await servedRule(daemon.url, "checkout-posts"))?.FixedRate)
    .toBe(0.5);

  // Delete asks first; Keep leaves the rule.
  await row.getByTestId(SAMPLING.deleteRule).click();
  await expect(row).toContainText("Delete checkout-posts?");
  await row.getByTestId(SAMPLING.keepRule).click();
  await row.getByTestId(SAMPLING.deleteRule).click();
  await row.getByTestId(SAMPLING.confirmDelete).click();
  await expect(row).toHaveCount(0);
  expect(await servedRule(daemon.url, "checkout-posts")).toBeUndefined();
});

test("only the rate and reservoir of the Default rule can be edited", async ({ page, daemon }) => {
  await page.goto("/sampling");
  const row = page.locator(`[data-testid="${SAMPLING.ruleRow}"][data-rule-name="Default"]`);
  await expect(row.getByTestId(SAMPLING.deleteRule)).toHaveCount(0);
  await row.getByTestId(SAMPLING.editRule).click();
  const form = page.getByTestId(FORM.root);
  await expect(form.getByTestId(FORM.defaultNote)).toBeVisible();
  await expect(form.getByTestId(FORM.priority)).toBeDisabled();
  await expect(form.getByTestId(FORM.matcher("URLPath"))).toHaveCount(0);
  await form.getByTestId(FORM.reservoir).fill("3");
  await form.getByTestId(FORM.rate).fill("20");
  await form.getByTestId(FORM.submit).click();
  await expect(row).toContainText("20 %");
  expect(await servedRule(daemon.url, "Default")).toMatchObject({
    FixedRate: 0.2,
    ReservoirSize: 3,
    Priority: 10_000,
  });
});

test("the daemon's refusal of a rule is shown in the form", async ({ page, daemon }) => {
  await page.goto("/sampling");
  await page.getByTestId(SAMPLING.newRule).click();
  const form = page.getByTestId(FORM.root);
  await form.getByTestId(FORM.name).fill("one-too-many");
  // Meanwhile another client fills X-Ray's quota of 25 rules: only the daemon can tell.
  for (let index = 1; index <= 25; index += 1) {
    await xray(daemon.url, "CreateSamplingRule", {
      SamplingRule: { RuleName: `other-${index}`, Priority: index, FixedRate: 0.1 },
    });
  }
  await form.getByTestId(FORM.submit).click();
  await expect(form.getByTestId(FORM.serverError)).toContainText(
    "at most 25 sampling rules besides Default",
  );
  await page.getByTestId(FORM.cancel).click();
  await expect(page.getByTestId(SAMPLING.newRule)).toBeDisabled();
});

for (const theme of ["light", "dark"] as const) {
  test(`axe finds no violations in the sampling rule form with problems shown, ${theme} theme`, async ({
    page,
  }, testInfo) => {
    await page.goto("/sampling");
    await useTheme(page, theme);
    await page.getByTestId(SAMPLING.newRule).click();
    const form = page.getByTestId(FORM.root);
    await form.getByTestId(FORM.addAttribute).click();
    await form.getByTestId(FORM.submit).click();
    await expect(form.getByTestId(fieldErrorTestId(FORM.name))).toBeVisible();
    await expectNoAxeViolations(page, testInfo);
  });
}

test("the sampling rule form fits a 390 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/sampling");
  await page.getByTestId(SAMPLING.newRule).click();
  await page.getByTestId(FORM.addAttribute).click();
  await expect(page.getByTestId(FORM.attributeKey)).toBeVisible();
  await page.getByTestId(FORM.rate).fill("150");
  await expect(page.getByTestId(fieldErrorTestId(FORM.rate))).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  // Scroll the page (not the window) to the form, as a finger would.
  await page.getByTestId(FORM.root).evaluate((form) => {
    const scroller = form.closest("main");
    if (scroller === null) return;
    const offset = form.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTop += offset - 8;
  });
  await page.screenshot({
    path: join(docsScreenshotsDir, "phone-sampling-rule-form.png"),
    animations: "disabled",
    caret: "hide",
  });
});
