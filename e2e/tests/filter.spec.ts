import { FILTER_BAR } from "../../apps/viewer/src/filter/FilterBar.markers.ts";
import { requestSegment } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { applyFilter, expectLive, traceRow, traceRows } from "../support/viewer.ts";

test("a filter that does not parse is underlined, explained, and not applied", async ({ page }) => {
  await page.goto("/");
  const input = page.getByTestId(FILTER_BAR.input);
  const underline = page.getByTestId(FILTER_BAR.underline);
  const message = page.getByTestId(FILTER_BAR.error);

  await input.fill("responsetime > fast");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(underline).toHaveText("fast");
  await expect(message).toContainText("expected a number");

  // Nothing to underline when the number is missing: a mark is drawn where it should be.
  await input.fill("responsetime >");
  await expect(underline).toBeAttached();
  await expect(underline).toHaveText("");
  expect(
    await underline.evaluate((mark) => getComputedStyle(mark, "::after").borderBottomStyle),
  ).not.toBe("none");
  await expect(message).toContainText("expected a number");

  await input.press("Enter");
  expect(new URL(page.url()).searchParams.has("filter")).toBe(false);
  await input.fill("");
  await expect(message).toHaveText("");
  await expect(input).toHaveAttribute("aria-invalid", "false");
});

test("a matching filter narrows the list, is kept in the URL and survives a reload", async ({
  page,
  send,
}) => {
  const tagged = requestSegment({ path: "/tagged", annotations: { x: "y" } });
  const failed = requestSegment({ path: "/failed", status: 500 });
  const plain = requestSegment({ path: "/plain", annotations: { x: "z" } });
  await page.goto("/");
  await expectLive(page);
  await send.documents([tagged, failed, plain]);
  await expect(traceRows(page)).toHaveCount(3);

  await applyFilter(page, 'annotation.x = "y"');
  await expect(traceRows(page)).toHaveCount(1);
  await expect(traceRow(page, String(tagged.trace_id))).toBeVisible();
  expect(new URL(page.url()).searchParams.get("filter")).toBe('annotation.x = "y"');

  await page.reload();
  await expect(page.getByTestId(FILTER_BAR.input)).toHaveValue('annotation.x = "y"');
  await expect(traceRow(page, String(tagged.trace_id))).toBeVisible();
  await expect(traceRows(page)).toHaveCount(1);

  await applyFilter(page, "http.status = 500");
  await expect(traceRow(page, String(failed.trace_id))).toBeVisible();
  await expect(traceRows(page)).toHaveCount(1);
  expect(new URL(page.url()).searchParams.get("filter")).toBe("http.status = 500");
});
