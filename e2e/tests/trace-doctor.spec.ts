import { join } from "node:path";
import { DOCTOR } from "../../apps/viewer/src/doctor/Doctor.markers.ts";
import { docsScreenshotsDir } from "../support/paths.ts";
import { newSegmentId, newTraceId, requestSegment } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { expectLive, traceRow } from "../support/viewer.ts";

/** A request whose handler recorded a bad annotation key and a query with its values in it. */
function sloppyTrace(traceId: string, dbId: string) {
  const start = Date.now() / 1000;
  return requestSegment({
    traceId,
    path: "/search",
    start,
    duration: 0.02,
    annotations: { "user.id": "u1" },
    subsegments: [
      {
        id: dbId,
        name: "db",
        start_time: start + 0.002,
        end_time: start + 0.008,
        sql: { sanitized_query: "SELECT * FROM posts WHERE author = 'bob'" },
      },
    ],
  });
}

test("a trace with problems has a badge in the list and a Problems panel linked to its nodes", async ({
  page,
  send,
}) => {
  const sloppy = newTraceId();
  const clean = newTraceId();
  const dbId = newSegmentId();
  await page.goto("/");
  await expectLive(page);
  await send.documents([
    sloppyTrace(sloppy, dbId),
    requestSegment({ traceId: clean, path: "/clean" }),
  ]);

  const badge = traceRow(page, sloppy).getByTestId(DOCTOR.badge);
  await expect(badge).toHaveAttribute("data-severity", "warning");
  await expect(badge).toContainText("2 problems, worst: warning");
  await expect(traceRow(page, clean)).toBeVisible();
  await expect(traceRow(page, clean).getByTestId(DOCTOR.badge)).toHaveCount(0);

  await traceRow(page, sloppy).click();
  const panel = page.getByTestId(DOCTOR.panel);
  await expect(panel.getByTestId(DOCTOR.problem)).toHaveCount(2);
  const sql = panel.locator(`[data-testid="${DOCTOR.problem}"][data-code="sql-unsanitised"]`);
  await expect(sql.getByTestId(DOCTOR.fix)).toHaveAttribute("data-sdk", "node");
  await expect(sql.getByTestId(DOCTOR.fix)).toContainText(
    "Fix for the SDK that sent it (Node.js X-Ray SDK)",
  );

  const why = sql.getByTestId(DOCTOR.why);
  await expect(why).toBeHidden();
  await sql.getByRole("button", { name: /Why X-Ray behaves this way/ }).click();
  await expect(why).toBeVisible();
  await expect(why).toContainText("placeholders");

  await sql.getByRole("button", { name: "Show “db” in the timeline" }).click();
  await expect(page).toHaveURL(new RegExp(`node=${dbId}`));

  await page.screenshot({
    path: join(docsScreenshotsDir, "trace-doctor.png"),
    animations: "disabled",
    caret: "hide",
  });
});

test("the Problems panel fits a 390 px screen and is reachable by keyboard", async ({
  page,
  send,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const sloppy = newTraceId();
  await send.documents([sloppyTrace(sloppy, newSegmentId())]);
  await page.goto(`/traces/${sloppy}`);
  const panel = page.getByTestId(DOCTOR.panel);
  await expect(panel.getByTestId(DOCTOR.problem)).toHaveCount(2);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const button = panel.getByRole("button", { name: /Why X-Ray behaves this way/ }).first();
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
});
