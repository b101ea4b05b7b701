import { acceptedHostileTraces } from "@xray-sandbox/fixtures";
import { TRACE_PAGE } from "../../apps/viewer/src/trace/TracePage.markers.ts";
import { expect, test } from "../support/test.ts";
import { timelineRow } from "../support/viewer.ts";

/** A trace of ten thousand nodes takes a while to send, assemble and lay out on a busy machine. */
const LOADED = { timeout: 30_000 };

/** The timeline of each accepted hostile trace, in a real browser over the real API. */
for (const hostile of acceptedHostileTraces()) {
  test(`the viewer shows ${hostile.name}`, async ({ page, daemon }) => {
    test.setTimeout(90_000);
    const imported = await fetch(`${daemon.url}/api/import`, {
      method: "POST",
      body: hostile.documents.join("\n"),
    });
    expect(imported.status).toBe(200);

    await page.goto(`/traces/${hostile.traceId}`);
    await expect(page.getByTestId(TRACE_PAGE.traceId)).toContainText(hostile.traceId, LOADED);
    const first = JSON.parse(hostile.documents[0] ?? "{}") as { name: string };
    await expect(timelineRow(page, first.name)).toBeVisible(LOADED);
    // The bottom of the tree: End moves to the last row and opens it.
    await page.keyboard.press("End");
    const last = JSON.parse(hostile.documents.at(-1) ?? "{}") as { name: string };
    const deepest = hostile.documents.length === 1 ? undefined : last.name;
    if (deepest !== undefined) await expect(timelineRow(page, deepest)).toBeVisible(LOADED);
  });
}
