import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { FILTER_BAR } from "../../apps/viewer/src/filter/FilterBar.markers.ts";
import { LATENCY_CHART } from "../../apps/viewer/src/slow/LatencyChart.markers.ts";
import { LIST_CONTROLS } from "../../apps/viewer/src/slow/ListControls.markers.ts";
import { TRACE_LIST, TRACES_PAGE } from "../../apps/viewer/src/traces/TraceList.markers.ts";
import { docsScreenshotsDir } from "../support/paths.ts";
import { type Document, requestSegment } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { expectLive, traceRow, traceRows } from "../support/viewer.ts";

/** The README's pictures of these views, written where the docs read them. */
async function docsScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(docsScreenshotsDir, { recursive: true });
  await page.screenshot({
    path: join(docsScreenshotsDir, `${name}.png`),
    animations: "disabled",
    caret: "hide",
  });
}

function sortButton(page: Page, sort: string) {
  return page.locator(`[data-testid="${TRACE_LIST.sortButton}"][data-sort="${sort}"]`);
}

/** `count` requests to /orders with response times cycling through 5 to 95 ms. */
function ordinaryRequests(count: number): Document[] {
  return Array.from({ length: count }, (_, n) =>
    requestSegment({ path: `/orders/${n}`, duration: 0.005 + (n % 10) / 100 }),
  );
}

test("sorting by response time finds the slowest request among more traces than the viewer holds", async ({
  page,
  send,
  sandbox,
}) => {
  test.setTimeout(120_000);
  // The slowest request is the oldest: the live list (the newest 2,000) does not hold it.
  const slowest = requestSegment({ path: "/orders/slow", duration: 7.5 });
  await send.documents([slowest]);
  await sandbox.waitForTrace((trace) => trace.id === slowest.trace_id);
  const others = ordinaryRequests(2500);
  for (let i = 0; i < others.length; i += 250) await send.documents(others.slice(i, i + 250));
  await expect.poll(async () => (await sandbox.stats()).traces, { timeout: 60_000 }).toBe(2501);

  await page.goto("/");
  await expectLive(page);
  await expect(page.getByTestId(TRACES_PAGE.count)).toContainText("2,000 of 2,501");
  await expect(traceRow(page, String(slowest.trace_id))).toHaveCount(0);

  await sortButton(page, "responsetime").click();
  await expect(traceRows(page).first()).toHaveAttribute("data-trace-id", String(slowest.trace_id));
  await expect(traceRows(page).first().getByTestId(TRACE_LIST.duration)).toHaveText("7.50 s");
  await expect(page.locator("th", { has: sortButton(page, "responsetime") })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  expect(new URL(page.url()).searchParams.get("sort")).toBe("responsetime");
  await expect(page.getByTestId(LIST_CONTROLS.order)).toContainText("2,501 of 2,501 kept traces");
  // The distribution covers every kept trace too.
  await expect(page.getByTestId(LATENCY_CHART.summary)).toContainText("2,501 of 2,501");
  await page.getByTestId(LATENCY_CHART.scatterMode).click();
  await expect(page.getByTestId(LATENCY_CHART.point).first()).toBeVisible();
  await docsScreenshot(page, "slow-requests-over-time");
  await page.getByTestId(LATENCY_CHART.histogramMode).click();

  // A second click: fastest first.
  await sortButton(page, "responsetime").click();
  await expect(page.locator("th", { has: sortButton(page, "responsetime") })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await expect(traceRows(page).first().getByTestId(TRACE_LIST.duration)).toHaveText("5.00 ms");

  await page.getByTestId(LIST_CONTROLS.backToLive).click();
  expect(new URL(page.url()).searchParams.has("sort")).toBe(false);
  await expect(page.getByTestId(TRACES_PAGE.count)).toContainText("2,000 of 2,501");
});

test("brushing the histogram narrows the list and writes the filter expression", async ({
  page,
  send,
}) => {
  const fast = ordinaryRequests(20);
  const slow = [0, 1, 2].map(() => requestSegment({ path: "/report", duration: 2.2 }));
  await page.goto("/");
  await expectLive(page);
  await send.documents([...fast, ...slow]);
  await expect(traceRows(page)).toHaveCount(23);
  const bars = page.getByTestId(LATENCY_CHART.bar);
  await expect(page.getByTestId(LATENCY_CHART.summary)).toContainText("23 of 23");
  await docsScreenshot(page, "slow-requests-histogram");

  // Keyboard: Enter on the slow bar.
  const slowBar = bars.and(page.locator('[data-count="3"]'));
  await slowBar.focus();
  await slowBar.press("Enter");
  const input = page.getByTestId(FILTER_BAR.input);
  await expect(input).toHaveValue(/^responsetime >= [\d.]+ AND responsetime <= [\d.]+$/);
  await expect(traceRows(page)).toHaveCount(3);

  // Pointer: a drag across every bar from the first to the last takes them all back.
  await page.getByTestId(FILTER_BAR.clear).click();
  await expect(traceRows(page)).toHaveCount(23);
  await expect(bars.first()).toBeVisible();
  const first = await bars.first().boundingBox();
  const last = await bars.last().boundingBox();
  if (!first || !last) throw new Error("the bars have no box");
  await page.mouse.move(first.x + 2, first.y + first.height - 4);
  await page.mouse.down();
  await page.mouse.move(last.x + last.width / 2, last.y + last.height - 4, { steps: 5 });
  await page.mouse.up();
  await expect(input).toHaveValue(/^responsetime >= [\d.]+ AND responsetime <= [\d.]+$/);
  await expect(traceRows(page)).toHaveCount(23);
  const filter = new URL(page.url()).searchParams.get("filter") ?? "";
  expect(filter).toMatch(/^responsetime >= /);

  // The quick bounds write the same language.
  await page.getByTestId(LIST_CONTROLS.minResponseTime).fill("1000");
  await page.getByTestId(LIST_CONTROLS.maxResponseTime).fill("");
  await page.getByTestId(LIST_CONTROLS.applyBounds).click();
  await expect(input).toHaveValue("responsetime >= 1");
  await expect(traceRows(page)).toHaveCount(3);

  await page.getByTestId(LATENCY_CHART.scatterMode).click();
  await expect(page.getByTestId(LATENCY_CHART.point)).toHaveCount(3);
  await page.getByTestId(FILTER_BAR.clear).click();
  await expect(page.getByTestId(LATENCY_CHART.point)).toHaveCount(23);
});

test("the time range is kept in the URL and survives a reload", async ({ page, send }) => {
  await page.goto("/");
  await expectLive(page);
  await send.documents(ordinaryRequests(4));
  await expect(traceRows(page)).toHaveCount(4);

  await page.getByTestId(LIST_CONTROLS.range).selectOption("15m");
  expect(new URL(page.url()).searchParams.get("range")).toBe("15m");
  await expect(traceRows(page)).toHaveCount(4);
  await expect(page.getByTestId(LIST_CONTROLS.order)).toContainText("4 of 4 kept traces");

  await page.reload();
  await expect(page.getByTestId(LIST_CONTROLS.range)).toHaveValue("15m");
  await expect(traceRows(page)).toHaveCount(4);

  // A custom range in the future holds nothing, and says so.
  await page.getByTestId(LIST_CONTROLS.range).selectOption("custom");
  await page.getByTestId(LIST_CONTROLS.customFrom).fill("2099-01-01T00:00");
  await expect(page.getByTestId(TRACES_PAGE.emptyNoMatch)).toBeVisible();
  expect(new URL(page.url()).searchParams.get("from")).toBe("2099-01-01T00:00");
  await page.reload();
  await expect(page.getByTestId(LIST_CONTROLS.customFrom)).toHaveValue("2099-01-01T00:00");
  await expect(page.getByTestId(TRACES_PAGE.emptyNoMatch)).toBeVisible();

  // The page fits a phone's width.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByTestId(LIST_CONTROLS.range).selectOption("all");
  await expect(traceRows(page)).toHaveCount(4);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const list = page.getByTestId(TRACE_LIST.root);
  expect(await list.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
  await expect(page.getByTestId(LATENCY_CHART.plot)).toBeInViewport();
});

test("a file dropped on the page is imported", async ({ page, send, sandbox }) => {
  const request = requestSegment({ path: "/imported" });
  await send.documents([request]);
  await sandbox.waitForTrace((trace) => trace.id === request.trace_id);
  const exported = await (await fetch(`${sandbox.url}/api/export`)).text();
  await sandbox.reset();

  await page.goto("/");
  await expectLive(page);
  await expect(traceRows(page)).toHaveCount(0);
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "traces.ndjson", { type: "application/x-ndjson" }));
    return data;
  }, exported);
  const target = page.getByTestId(TRACES_PAGE.root);
  await target.dispatchEvent("dragover", { dataTransfer: transfer });
  await expect(page.getByTestId(TRACES_PAGE.dropHint)).toBeVisible();
  await target.dispatchEvent("drop", { dataTransfer: transfer });
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toContainText(
    "from traces.ndjson",
  );
  await expect(traceRow(page, String(request.trace_id))).toBeVisible();
});
