import { mapEdgeTestId } from "../../apps/viewer/src/map/ServiceMap.markers.ts";
import { REJECTED } from "../../apps/viewer/src/rejected/RejectedPage.markers.ts";
import {
  DETAIL_TAB_IDS,
  SEGMENT_DETAILS,
} from "../../apps/viewer/src/trace/details/SegmentDetails.markers.ts";
import { saveScreenshot } from "../support/screenshots.ts";
import { requestSegment, twoServiceTrace, userRequest } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { expectLive, timelineRow, traceRow, traceRows } from "../support/viewer.ts";

test("screenshots of the main views", async ({ page, send, sandbox }) => {
  const user = userRequest();
  const checkout = twoServiceTrace("web-frontend", "orders-api");
  await page.goto("/");
  await expectLive(page);
  await send.fixtureRun("run1-basic");
  await send.documents([
    ...checkout.documents,
    requestSegment({ path: "/cart", status: 429 }),
    requestSegment({ path: "/search", status: 404 }),
    requestSegment({ path: "/orders", status: 500 }),
    user,
  ]);
  await send.datagrams([new TextEncoder().encode('{"format":"json","version":1}\n{"id": oops}')]);
  await send.fixtureRun("adot-otlp-udp");
  await expect(traceRow(page, String(user.trace_id))).toBeVisible();
  await expect(traceRows(page)).toHaveCount(18);
  await saveScreenshot(page, "traces-list");

  await traceRow(page, String(user.trace_id)).click();
  await timelineRow(page, "UserData").click();
  const details = page.getByTestId(SEGMENT_DETAILS.panel);
  await details.getByTestId(DETAIL_TAB_IDS.metadata).click();
  await expect(details.getByTestId(SEGMENT_DETAILS.tabpanel)).toContainText("andrewbrown");
  await saveScreenshot(page, "trace-timeline");

  await sandbox.waitForTrace((trace) => trace.id === checkout.traceId);
  await page.goto("/map");
  await expect(page.getByTestId(mapEdgeTestId("web-frontend", "orders-api"))).toBeVisible();
  await saveScreenshot(page, "service-map");

  await page.goto("/rejected");
  await expect(page.getByTestId(REJECTED.row).first()).toBeVisible();
  await saveScreenshot(page, "rejected");
});
