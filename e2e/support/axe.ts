/**
 * Accessibility checks with axe-core in the real browser: any spec can assert that a view
 * has no violations, in the theme it is shown in.
 */

import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

/** The WCAG 2.0/2.1 A and AA rules, plus axe's best practices (headings, landmarks). */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** Added to the test's timeout for each check. */
const AXE_BUDGET_MS = 60_000;

export type Theme = "light" | "dark";

export interface AxeOptions {
  /** Only this part of the page, e.g. a panel one spec adds. Default: the whole page. */
  readonly include?: string;
  /** Left out of the check (a CSS selector each). Keep this empty unless there is a reason. */
  readonly exclude?: readonly string[];
}

/** One violation, short enough to read in a failed assertion. */
export interface AxeFinding {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  /** The CSS selectors of the offending nodes (at most five). */
  readonly nodes: readonly string[];
}

/**
 * Shows the page in `theme` as a system setting would (the viewer follows the system until
 * the user picks a theme) and waits until the page has applied it.
 */
export async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

/** The axe violations on the page as it is now; attaches the full report to the test. */
export async function axeFindings(
  page: Page,
  testInfo: TestInfo,
  options: AxeOptions = {},
): Promise<AxeFinding[]> {
  // axe walks the whole page in the browser: on a loaded machine that alone can take many
  // seconds, so each check brings its own budget on top of the test's.
  testInfo.setTimeout(testInfo.timeout + AXE_BUDGET_MS);
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (options.include !== undefined) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  if (results.violations.length > 0) {
    await testInfo.attach(`axe ${page.url()}`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: "application/json",
    });
  }
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? "unknown",
    help: violation.help,
    nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
  }));
}

/** Fails the test with each violation's rule, help and nodes when axe finds any. */
export async function expectNoAxeViolations(
  page: Page,
  testInfo: TestInfo,
  options: AxeOptions = {},
): Promise<void> {
  const findings = await axeFindings(page, testInfo, options);
  expect(findings, `axe violations on ${new URL(page.url()).pathname}`).toEqual([]);
}

/** The page's scroll width: more than the window's width when it scrolls sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
}
