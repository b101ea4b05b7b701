import { TRACE_PAGE } from "../../apps/viewer/src/trace/TracePage.markers.ts";
import { TRACE_LIST } from "../../apps/viewer/src/traces/TraceList.markers.ts";
import { requestSegment } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { expectLive, traceRows } from "../support/viewer.ts";

test("arrow keys move through the list, Enter opens a trace, Escape goes back", async ({
  page,
  send,
}) => {
  await page.goto("/");
  await expectLive(page);
  await send.documents(["/one", "/two", "/three"].map((path) => requestSegment({ path })));
  const rows = traceRows(page);
  await expect(rows).toHaveCount(3);

  const list = page.getByTestId(TRACE_LIST.root);
  await list.focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(2)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowUp");
  const second = rows.nth(1);
  await expect(second).toHaveAttribute("aria-selected", "true");
  await expect(rows.nth(2)).toHaveAttribute("aria-selected", "false");
  const secondId = await second.getAttribute("data-trace-id");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/traces/${secondId}`);
  await expect(page.getByTestId(TRACE_PAGE.traceId)).toContainText(String(secondId));

  await page.keyboard.press("Escape");
  await expect(page).toHaveURL("/");
  await expect(rows).toHaveCount(3);
});
