import { SEGMENT_DETAILS } from "../../apps/viewer/src/trace/details/SegmentDetails.markers.ts";
import { ROOT_CAUSE } from "../../apps/viewer/src/trace/root-cause/RootCauseLine.markers.ts";
import { newTraceId, requestSegment, subsegment } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { timelineRow } from "../support/viewer.ts";

/** GET /checkout fails (500) because its `charge-card` step threw. */
function failedCheckout(traceId: string) {
  const start = Date.now() / 1000;
  return requestSegment({
    traceId,
    start,
    name: "checkout",
    path: "/checkout",
    status: 500,
    duration: 0.05,
    subsegments: [
      subsegment({ name: "load-cart", start: start + 0.001, duration: 0.01 }),
      subsegment({
        name: "charge-card",
        start: start + 0.02,
        duration: 0.02,
        extra: {
          fault: true,
          cause: {
            exceptions: [{ id: "0123456789abcdef", type: "CardDeclined", message: "do not honor" }],
          },
        },
      }),
    ],
  });
}

test("the trace view names the root cause, links to its node and marks its row", async ({
  page,
  send,
  sandbox,
}) => {
  const traceId = newTraceId();
  await send.documents([failedCheckout(traceId)]);
  await sandbox.waitForTrace((trace) => trace.id === traceId);
  await page.goto(`/traces/${traceId}`);

  const line = page.getByTestId(ROOT_CAUSE.line);
  await expect(line).toHaveAttribute("data-kind", "fault");
  await expect(line).toContainText("Root cause");
  await expect(line).toContainText("in checkout");
  await expect(line).toContainText("CardDeclined: do not honor");

  // The row of the node the fault started at carries the mark; the others do not.
  const marked = (name: string) =>
    timelineRow(page, name).evaluate(
      (row) => getComputedStyle(row.querySelector(".timeline-name") ?? row, "::after").content,
    );
  await expect.poll(() => marked("charge-card")).toBe('"root cause"');
  expect(await marked("load-cart")).not.toBe('"root cause"');

  // The link, from the keyboard, opens that node's details.
  const link = page.getByRole("link", { name: "Show charge-card, where the fault originated" });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]node=/);
  await expect(page.getByTestId(SEGMENT_DETAILS.title)).toContainText("charge-card");
});

test("the root-cause line fits a phone screen, in light and dark themes", async ({
  page,
  send,
  sandbox,
}) => {
  const traceId = newTraceId();
  await send.documents([failedCheckout(traceId)]);
  await sandbox.waitForTrace((trace) => trace.id === traceId);
  await page.setViewportSize({ width: 390, height: 800 });
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(`/traces/${traceId}`);
    await expect(page.getByTestId(ROOT_CAUSE.line)).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
  }
});

test("a trace without fault or error has no root-cause line", async ({ page, send, sandbox }) => {
  const traceId = newTraceId();
  await send.documents([requestSegment({ traceId, name: "calm", path: "/ok" })]);
  await sandbox.waitForTrace((trace) => trace.id === traceId);
  await page.goto(`/traces/${traceId}`);
  await expect(timelineRow(page, "calm")).toBeVisible();
  await expect(page.getByTestId(ROOT_CAUSE.line)).toHaveCount(0);
});
