import type { Page } from "@playwright/test";
import { COMPARE } from "../../apps/viewer/src/compare/Compare.markers.ts";
import { TRACE_PAGE } from "../../apps/viewer/src/trace/TracePage.markers.ts";
import { otlpCheckoutTrace, postOtlpJson } from "../support/otlp.ts";
import { userRequest } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { expectLive, traceRow } from "../support/viewer.ts";

/** Wider than the window: the page scrolls sideways. */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

test("a trace is compared with another picked from the recent ones, side by side and stacked on a phone", async ({
  page,
  send,
  daemon,
}) => {
  // Many steps (list, trace page, picker, both panes, phone width): more than the default budget on a busy machine.
  test.setTimeout(60_000);
  const xray = userRequest();
  const xrayTraceId = String(xray.trace_id);
  const otlp = otlpCheckoutTrace();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  await expectLive(page);
  await send.documents([xray]);
  await postOtlpJson(daemon.url, otlp.body);
  await expect(traceRow(page, xrayTraceId)).toBeVisible();
  await expect(traceRow(page, otlp.xrayTraceId)).toBeVisible();

  await page.goto(`/traces/${xrayTraceId}`);
  await page.getByTestId(TRACE_PAGE.compare).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${xrayTraceId}$`));
  const picker = page.getByTestId(COMPARE.picker);
  await picker.getByTestId(COMPARE.pickerItem).filter({ hasText: "/cart" }).click();
  await expect(page).toHaveURL(new RegExp(`a=${xrayTraceId}&b=${otlp.xrayTraceId}`));

  const a = page.getByRole("region", { name: "Trace A" });
  const b = page.getByRole("region", { name: "Trace B" });
  await expect(a.getByTestId(COMPARE.row).first()).toHaveAttribute("data-kind", "segment");
  await expect(a.locator(`[data-testid="${COMPARE.row}"][data-name="UserData"]`)).toContainText(
    "metadata default",
  );
  await expect(b.getByTestId(COMPARE.row).first()).toHaveAttribute("data-name", "checkout");
  await expect(b.getByTestId(COMPARE.row)).toHaveCount(2);
  await expect(b.getByTestId(COMPARE.row).nth(1)).toContainText("subsegment");
  await expect(b).toContainText("OTLP/HTTP");
  const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
  expect(boxB?.x ?? 0).toBeGreaterThan((boxA?.x ?? 0) + (boxA?.width ?? 0) - 1);

  await page.getByTestId(COMPARE.swap).click();
  await expect(page).toHaveURL(new RegExp(`a=${otlp.xrayTraceId}&b=${xrayTraceId}`));
  await expect(
    page.getByRole("region", { name: "Trace A" }).getByTestId(COMPARE.row).first(),
  ).toHaveAttribute("data-name", "checkout");

  await page.setViewportSize({ width: 360, height: 740 });
  const [narrowA, narrowB] = [
    await page.getByRole("region", { name: "Trace A" }).boundingBox(),
    await page.getByRole("region", { name: "Trace B" }).boundingBox(),
  ];
  expect(narrowB?.y ?? 0).toBeGreaterThan((narrowA?.y ?? 0) + (narrowA?.height ?? 0) - 1);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});
