import type { Page } from "@playwright/test";
import {
  DETAIL_TAB_IDS,
  SEGMENT_DETAILS,
} from "../../apps/viewer/src/trace/details/SegmentDetails.markers.ts";
import { TIMELINE } from "../../apps/viewer/src/trace/Timeline.markers.ts";
import { TRACE_PAGE } from "../../apps/viewer/src/trace/TracePage.markers.ts";
import { TRACE_LIST } from "../../apps/viewer/src/traces/TraceList.markers.ts";
import { hasLoadedScript } from "../bench/page-probes.ts";
import { userRequest } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { expectLive, timelineRow, traceRow } from "../support/viewer.ts";

/** Records, in the page, whether the view's own loading message (its code loading) ever shows. */
function watchForViewFallback(): void {
  const observer = new MutationObserver(() => {
    if (document.body?.textContent?.includes("Loading the trace…"))
      Reflect.set(window, "__viewFallbackShown", true);
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

function viewFallbackShown(page: Page): Promise<boolean> {
  return page.evaluate(() => Reflect.get(window, "__viewFallbackShown") === true);
}

test("opening a trace shows its timeline; UserData's metadata is in the Metadata tab", async ({
  page,
  send,
}) => {
  const document = userRequest();
  const traceId = String(document.trace_id);
  await page.goto("/");
  await expectLive(page);
  await send.documents([document]);

  await traceRow(page, traceId).click();
  await expect(page).toHaveURL(`/traces/${traceId}`);
  await expect(page.getByTestId(TRACE_PAGE.traceId)).toContainText(traceId);
  await expect(page.getByTestId(TIMELINE.row)).toHaveCount(3);
  await expect(timelineRow(page, "sample-express")).toBeVisible();
  await expect(timelineRow(page, "UserData")).toBeVisible();
  await expect(timelineRow(page, "format")).toBeVisible();

  await timelineRow(page, "UserData").click();
  const details = page.getByTestId(SEGMENT_DETAILS.panel);
  await expect(details.getByTestId(SEGMENT_DETAILS.title)).toHaveText("UserData");
  await details.getByTestId(DETAIL_TAB_IDS.metadata).click();
  await expect(details.getByTestId(SEGMENT_DETAILS.tabpanel)).toHaveAttribute(
    "data-tab",
    "metadata",
  );
  const metadata = details.locator(
    `[data-testid="${SEGMENT_DETAILS.metadataTree}"][data-namespace="default"]`,
  );
  await expect(metadata).toContainText("username");
  await expect(metadata).toContainText("andrewbrown");
  await expect(metadata).toContainText("timestamp");
  await expect(metadata).toContainText("2026-11-26T10:15:30.000Z");
});

test("a row's entry point links to its trace, and a click on it opens the trace without a page load", async ({
  page,
  send,
}) => {
  const document = userRequest();
  const traceId = String(document.trace_id);
  await page.goto("/");
  await expectLive(page);
  await send.documents([document]);

  const link = traceRow(page, traceId).getByTestId(TRACE_LIST.entryPoint).getByRole("link");
  await expect(link).toHaveAttribute("href", `/traces/${traceId}`);
  await page.evaluate(() => Reflect.set(window, "__samePage", true));
  await link.click();
  await expect(page).toHaveURL(`/traces/${traceId}`);
  await expect(page.getByTestId(TRACE_PAGE.traceId)).toContainText(traceId);
  expect(await page.evaluate(() => Reflect.get(window, "__samePage"))).toBe(true);
});

test("the list loads the trace view's code while it is idle, so a trace opens from it with no loading message", async ({
  page,
  send,
}) => {
  await page.addInitScript(watchForViewFallback);
  const request = userRequest();
  const traceId = String(request.trace_id);
  await page.goto("/");
  await expectLive(page);
  await send.documents([request]);
  await expect
    .poll(() => page.evaluate(hasLoadedScript, "/assets/TracePage-[^/]*\\.js$"))
    .toBe(true);

  await traceRow(page, traceId).click();
  await expect(timelineRow(page, "UserData")).toBeVisible();
  expect(await viewFallbackShown(page)).toBe(false);
});

test("a deep link to /traces/<id> opens the trace directly, its view's code loaded before it shows", async ({
  page,
  send,
  sandbox,
}) => {
  await page.addInitScript(watchForViewFallback);
  const request = userRequest();
  const traceId = String(request.trace_id);
  await send.documents([request]);
  await sandbox.waitForTrace((trace) => trace.id === traceId);

  await page.goto(`/traces/${traceId}`);
  await expect(page.getByTestId(TRACE_PAGE.traceId)).toContainText(traceId);
  await expect(timelineRow(page, "UserData")).toBeVisible();
  expect(await viewFallbackShown(page)).toBe(false);
});

test("a deep link to a trace the daemon does not hold says so", async ({ page }) => {
  await page.goto("/traces/1-6b080246-000000000000000000000000");
  await expect(page.getByTestId(TRACE_PAGE.notFound)).toContainText(
    "1-6b080246-000000000000000000000000",
  );
});
