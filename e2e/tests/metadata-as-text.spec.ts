import {
  DETAIL_TAB_IDS,
  SEGMENT_DETAILS,
} from "../../apps/viewer/src/trace/details/SegmentDetails.markers.ts";
import { requestSegment } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { timelineRow } from "../support/viewer.ts";

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = "<script>window.__pwned=2</script>";

test("markup in metadata and annotations is shown as text and never runs", async ({
  page,
  send,
  sandbox,
}) => {
  const document = requestSegment({
    name: "markup-service",
    path: "/comment",
    annotations: { comment: IMG },
    metadata: { default: { bio: IMG, note: SCRIPT }, [SCRIPT]: { [IMG]: "key" } },
  });
  const traceId = String(document.trace_id);
  await send.documents([document]);
  await sandbox.waitForTrace((trace) => trace.id === traceId);

  await page.goto(`/traces/${traceId}`);
  await timelineRow(page, "markup-service").click();
  const details = page.getByTestId(SEGMENT_DETAILS.panel);

  await details.getByTestId(DETAIL_TAB_IDS.metadata).click();
  const metadata = details.getByTestId(SEGMENT_DETAILS.tabpanel);
  await expect(metadata).toContainText(IMG);
  await expect(metadata).toContainText(SCRIPT);

  await details.getByTestId(DETAIL_TAB_IDS.annotations).click();
  await expect(details.getByTestId(SEGMENT_DETAILS.tabpanel)).toContainText(IMG);

  await details.getByTestId(DETAIL_TAB_IDS.raw).click();
  await expect(details.getByTestId(SEGMENT_DETAILS.tabpanel)).toContainText("window.__pwned=2");

  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  const injectedScripts = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.filter((s) => s.textContent?.includes("__pwned")).length);
  expect(injectedScripts).toBe(0);
  expect(await page.evaluate(() => Reflect.get(window, "__pwned"))).toBeUndefined();
});
