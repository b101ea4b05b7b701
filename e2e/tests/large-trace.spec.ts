import { TIMELINE } from "../../apps/viewer/src/trace/Timeline.markers.ts";
import { TRACE_TOOLS } from "../../apps/viewer/src/trace/TraceTools.markers.ts";
import { bigTrace } from "../bench/big-trace.ts";
import { expect, test } from "../support/test.ts";
import { timelineRow } from "../support/viewer.ts";

test("a 10,000-node trace opens on its first rows, then finds, zooms and scrolls to its last node", async ({
  page,
  send,
  sandbox,
}) => {
  const trace = bigTrace(10_000);
  const subsegments = trace.documents.flatMap((document) =>
    Array.isArray(document.subsegments) ? (document.subsegments as { name?: unknown }[]) : [],
  );
  const lastService = trace.documents.at(-1)?.subsegments;
  const lastNode = Array.isArray(lastService) ? (lastService.at(-1) as { id: string }) : undefined;
  if (!lastNode) throw new Error("the trace has no last node");
  await send.documents(trace.documents);
  await sandbox.waitForTrace(
    (found) => found.id === trace.traceId && found.documents.length === trace.documents.length,
  );

  await page.goto(`/traces/${trace.traceId}`);
  await expect(timelineRow(page, "front")).toBeVisible();
  const nodes = trace.documents.length + subsegments.length;
  await expect(page.getByTestId(TIMELINE.root)).toContainText(
    `${nodes.toLocaleString("en-US")} nodes`,
  );
  // Only the rows in view are in the page.
  expect(await page.getByTestId(TIMELINE.row).count()).toBeLessThan(100);

  const find = page.getByTestId(TRACE_TOOLS.find);
  const queries = subsegments.filter((node) => node.name === "SELECT orders").length;
  await find.fill("SELECT orders");
  await expect(page.getByTestId(TRACE_TOOLS.findCount)).toHaveText(`${queries} matches`);
  await find.fill("");

  // The minimap draws every node, and its brush zooms the axis.
  await expect
    .poll(() =>
      page
        .getByTestId(TRACE_TOOLS.minimap)
        .locator("canvas")
        .evaluate((canvas: HTMLCanvasElement) => {
          const pixels = canvas
            .getContext("2d")
            ?.getImageData(0, 0, canvas.width, canvas.height).data;
          let drawn = 0;
          for (let at = 3; at < (pixels?.length ?? 0); at += 4)
            if ((pixels?.[at] ?? 0) > 0) drawn++;
          return drawn;
        }),
    )
    .toBeGreaterThan(0);
  const brush = page.getByTestId(TRACE_TOOLS.brush);
  await brush.focus();
  await page.keyboard.press("+");
  await expect(brush).toHaveAttribute("aria-valuetext", /^Showing 500 ms to 1\.50 s of 2\.00 s/);
  await page.keyboard.press("Home");

  await page.getByRole("tree").evaluate((tree) => {
    tree.scrollTop = tree.scrollHeight;
  });
  await expect(
    page.locator(`[data-testid="${TIMELINE.row}"][data-id="${lastNode.id}"]`),
  ).toBeInViewport();
});
