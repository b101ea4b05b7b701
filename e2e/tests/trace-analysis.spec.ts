import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { COMPARE } from "../../apps/viewer/src/compare/Compare.markers.ts";
import { TIMELINE } from "../../apps/viewer/src/trace/Timeline.markers.ts";
import { TRACE_PAGE } from "../../apps/viewer/src/trace/TracePage.markers.ts";
import { TRACE_TOOLS } from "../../apps/viewer/src/trace/TraceTools.markers.ts";
import { docsScreenshotsDir } from "../support/paths.ts";
import {
  type Document,
  newSegmentId,
  newTraceId,
  requestSegment,
  subsegment,
} from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { timelineRow } from "../support/viewer.ts";

/** Epoch seconds in whole milliseconds, as the X-Ray SDK for Node.js writes them. */
const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

interface Checkout {
  readonly traceId: string;
  readonly documents: readonly Document[];
}

/**
 * GET /checkout on web-frontend: auth, a 1 ms validate, a call to orders-api (whose own segment
 * runs `SELECT orders` and, beside it, `cache`), then render. `slow` stretches the query and
 * adds the cache lookup; the fast one has none.
 */
function checkout(slow: boolean, start = ms(Date.now() / 1000)): Checkout {
  const traceId = newTraceId();
  const callId = newSegmentId();
  const query = slow ? 0.65 : 0.05;
  const callEnd = 0.05 + query + 0.04;
  const front = requestSegment({
    name: "web-frontend",
    traceId,
    start,
    path: "/checkout",
    duration: ms(callEnd + 0.06),
    subsegments: [
      subsegment({ name: "auth", start: ms(start + 0.001), duration: 0.012 }),
      subsegment({ name: "validate", start: ms(start + 0.014), duration: 0.001 }),
      subsegment({
        name: "orders-api",
        id: callId,
        start: ms(start + 0.02),
        duration: ms(callEnd - 0.02),
        extra: {
          namespace: "remote",
          http: { request: { url: "http://orders-api/orders", method: "GET" } },
        },
      }),
      subsegment({ name: "render", start: ms(start + callEnd + 0.005), duration: 0.04 }),
    ],
  });
  const back = requestSegment({
    name: "orders-api",
    traceId,
    parentId: callId,
    start: ms(start + 0.03),
    path: "/orders",
    duration: ms(callEnd - 0.04),
    subsegments: [
      subsegment({
        name: "SELECT orders",
        start: ms(start + 0.05),
        duration: query,
        extra: {
          namespace: "remote",
          sql: { sanitized_query: "SELECT * FROM orders WHERE customer = ?", database_type: "pg" },
        },
      }),
      ...(slow ? [subsegment({ name: "cache", start: ms(start + 0.05), duration: 0.1 })] : []),
    ],
  });
  return { traceId, documents: [front, back] };
}

async function openTrace(page: Page, traceId: string): Promise<void> {
  await page.goto(`/traces/${traceId}`);
  await expect(page.getByTestId(TRACE_PAGE.traceId)).toContainText(traceId);
  await expect(timelineRow(page, "SELECT orders")).toBeVisible();
}

async function docsScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: join(docsScreenshotsDir, `${name}.png`),
    animations: "disabled",
    caret: "hide",
  });
}

test("find in trace highlights matches across names, SQL and URLs and steps through them", async ({
  page,
  send,
  sandbox,
}) => {
  const trace = checkout(true);
  await send.documents(trace.documents);
  await sandbox.waitForTrace((found) => found.id === trace.traceId && found.documents.length === 2);
  await openTrace(page, trace.traceId);

  const find = page.getByTestId(TRACE_TOOLS.find);
  const count = page.getByTestId(TRACE_TOOLS.findCount);
  await find.fill("customer = ?");
  await expect(count).toHaveText("1 match");
  await find.press("Enter");
  await expect(count).toHaveText("1 of 1");
  await expect(timelineRow(page, "SELECT orders")).toHaveAttribute("data-match", "current");

  // "orders" is in two names, a URL and the SQL: web-frontend's call, orders-api, the query
  await find.fill("orders");
  await expect(count).toHaveText("3 matches");
  await expect(page.locator(`[data-testid="${TIMELINE.row}"][data-match]`)).toHaveCount(3);
  await find.press("Enter");
  await find.press("Enter");
  await expect(count).toHaveText("2 of 3");
  await find.press("Shift+Enter");
  await expect(count).toHaveText("1 of 3");
  await find.press("Shift+Enter");
  await expect(count).toHaveText("3 of 3");
  await find.fill("no such thing");
  await expect(count).toHaveText("No matches");
  await find.press("Escape");
  await expect(find).toHaveValue("");
  await expect(page.getByTestId(TRACE_PAGE.root)).toBeVisible();
});

test("the minimap's brush zooms the time axis, by mouse and by keyboard", async ({
  page,
  send,
  sandbox,
}) => {
  const trace = checkout(true);
  await send.documents(trace.documents);
  await sandbox.waitForTrace((found) => found.id === trace.traceId && found.documents.length === 2);
  await openTrace(page, trace.traceId);

  const endTick = page.getByTestId(TIMELINE.axis).locator(".timeline-tick").last();
  await expect(endTick).toHaveText("800 ms");
  const area = page.getByTestId(TRACE_TOOLS.minimap).locator(".trace-minimap-area");
  const box = await area.boundingBox();
  if (!box) throw new Error("the minimap has no box");
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const brush = page.getByTestId(TRACE_TOOLS.brush);
  await expect(brush).toHaveAttribute("aria-valuetext", /^Showing \d+ ms to \d+ ms of 800 ms/);
  await expect(endTick).not.toHaveText("800 ms");
  // render (after the query) is outside the window: its bar is hidden, its row stays
  await expect(timelineRow(page, "render").getByTestId(TIMELINE.bar)).toBeHidden();

  await page.getByTestId(TRACE_TOOLS.zoomReset).click();
  await expect(endTick).toHaveText("800 ms");
  await brush.focus();
  await page.keyboard.press("+");
  await expect(brush).toHaveAttribute("aria-valuetext", /^Showing 200 ms to 600 ms of 800 ms/);
  await page.keyboard.press("ArrowRight");
  await expect(brush).toHaveAttribute("aria-valuetext", /^Showing 300 ms to 700 ms/);
  await page.keyboard.press("Home");
  await expect(page.getByTestId(TRACE_TOOLS.zoomReset)).toBeDisabled();

  // At phone width the tabs, find bar and minimap fit the screen.
  await page.setViewportSize({ width: 390, height: 800 });
  for (const selector of [".trace-tabs", ".trace-tools", ".trace-minimap"]) {
    const box = await page.locator(selector).boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0), selector).toBeLessThanOrEqual(390);
  }
  await expect(page.getByTestId(TRACE_TOOLS.findNext)).toBeInViewport();
  await expect(page.getByTestId(TRACE_TOOLS.zoomReset)).toBeInViewport();
});

test("the critical path, self time and a tooltip show where the time went", async ({
  page,
  send,
  sandbox,
}) => {
  const trace = checkout(true);
  await send.documents(trace.documents);
  await sandbox.waitForTrace((found) => found.id === trace.traceId && found.documents.length === 2);
  await openTrace(page, trace.traceId);

  const critical = page.locator(`[data-testid="${TIMELINE.row}"][data-critical="true"]`);
  // auth, validate, the call and render run one after the other; cache ran beside the query
  await expect(critical).toHaveCount(7);
  expect(await critical.evaluateAll((rows) => rows.map((row) => row.dataset.name))).toEqual([
    "web-frontend",
    "auth",
    "validate",
    "orders-api",
    "orders-api",
    "SELECT orders",
    "render",
  ]);
  await expect(timelineRow(page, "cache")).not.toHaveAttribute("data-critical", "true");
  await expect(timelineRow(page, "validate")).toContainText("1 ms");
  await expect(timelineRow(page, "validate")).not.toContainText("1.00 ms");

  await timelineRow(page, "SELECT orders").getByTestId(TIMELINE.bar).hover();
  const tooltip = page.getByTestId(TIMELINE.tooltip);
  await expect(tooltip).toContainText("SELECT orders");
  await expect(tooltip).toContainText("orders-api");
  await expect(tooltip).toContainText("+50 ms");
  await expect(tooltip).toContainText("650 ms");
  await expect(tooltip).toContainText("On the critical path");
  await docsScreenshot(page, "trace-critical-path");

  // From the keyboard: the selected row's facts, and the same in its accessible name.
  await page.mouse.move(0, 0);
  await expect(tooltip).toBeHidden();
  await page.getByRole("tree").focus();
  await page.keyboard.press("Home");
  await expect(tooltip).toContainText("web-frontend");
  await expect(tooltip).toContainText("Self time");
  await expect(timelineRow(page, "web-frontend")).toHaveAttribute(
    "aria-label",
    /service web-frontend, starts at \+0 ms, self time \d+ ms, on the critical path/,
  );

  await page.getByTestId(TRACE_TOOLS.criticalToggle).uncheck();
  await expect(critical).toHaveCount(0);
});

test("the statistics table ranks services and names by self time", async ({
  page,
  send,
  sandbox,
}) => {
  const trace = checkout(true);
  await send.documents(trace.documents);
  await sandbox.waitForTrace((found) => found.id === trace.traceId && found.documents.length === 2);
  await openTrace(page, trace.traceId);

  await page.locator(`[data-testid="${TRACE_TOOLS.tab}"][data-view="stats"]`).click();
  const rows = page.getByTestId(TRACE_TOOLS.statsRow);
  await expect(rows).toHaveCount(8);
  await expect(rows.first()).toHaveAttribute("data-name", "SELECT orders");
  await expect(rows.first()).toHaveAttribute("data-service", "orders-api");
  await expect(rows.first()).toContainText("650 ms");
  await docsScreenshot(page, "trace-statistics");

  await page.setViewportSize({ width: 390, height: 800 });
  const table = page.getByRole("region", { name: "Statistics table" });
  const tableBox = await table.boundingBox();
  expect((tableBox?.x ?? 0) + (tableBox?.width ?? 0)).toBeLessThanOrEqual(390);
});

test("the whole trace downloads as <traceId>.json with every document", async ({
  page,
  send,
  sandbox,
}) => {
  const trace = checkout(false);
  await send.documents(trace.documents);
  await sandbox.waitForTrace((found) => found.id === trace.traceId && found.documents.length === 2);
  await openTrace(page, trace.traceId);

  await page.locator(`[data-testid="${TRACE_TOOLS.tab}"][data-view="json"]`).click();
  await expect(page.getByTestId(TRACE_TOOLS.rawJson)).toContainText("2 documents");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(TRACE_TOOLS.downloadJson).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${trace.traceId}.json`);
  const path = await download.path();
  const documents = JSON.parse(await readFile(path, "utf8")) as { name: string }[];
  expect(documents.map((document) => document.name).sort()).toEqual(["orders-api", "web-frontend"]);
});

test("a slow trace is compared with a fast one of its route, structure aligned", async ({
  page,
  send,
  sandbox,
}) => {
  test.setTimeout(60_000);
  const fast = checkout(false, ms(Date.now() / 1000 - 5));
  const slow = checkout(true);
  await send.documents([...fast.documents, ...slow.documents]);
  await sandbox.waitForTrace((found) => found.id === fast.traceId && found.documents.length === 2);
  await sandbox.waitForTrace((found) => found.id === slow.traceId && found.documents.length === 2);
  await openTrace(page, slow.traceId);

  await page.getByTestId(TRACE_PAGE.compareSameRoute).click();
  await expect(page).toHaveURL(new RegExp(`a=${slow.traceId}&b=${fast.traceId}`));
  const aligned = page.getByTestId(COMPARE.aligned);
  await expect(aligned.getByTestId(COMPARE.alignedSummary)).toContainText(
    "7 nodes in both, 1 only in A, 0 only in B",
  );
  await expect(aligned.getByTestId(COMPARE.alignedSummary)).toContainText(
    "B took 600 ms less than A",
  );
  const query = aligned.locator(`[data-testid="${COMPARE.alignedRow}"][data-name="SELECT orders"]`);
  await expect(query.getByTestId(COMPARE.alignedDelta)).toHaveText("−600 ms");
  await expect(
    aligned.locator(`[data-testid="${COMPARE.alignedRow}"][data-name="cache"]`),
  ).toHaveAttribute("data-presence", "a");
  await docsScreenshot(page, "compare-aligned");

  await page.setViewportSize({ width: 390, height: 800 });
  await expect(query).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
