import { fixtureTraceId, loadFixtureRun } from "@xray-sandbox/fixtures";
import { CONNECTION_STATUS } from "../../apps/viewer/src/live/ConnectionStatus.markers.ts";
import { TRACE_LIST, TRACES_PAGE } from "../../apps/viewer/src/traces/TraceList.markers.ts";
import { requestSegment } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import {
  expectLive,
  isSameDocument,
  markDocument,
  traceRow,
  traceRows,
} from "../support/viewer.ts";

/** The trace ids in a fixture run, from the documents themselves. */
function traceIdsOf(run: "run1-basic"): string[] {
  const decoder = new TextDecoder();
  const ids = loadFixtureRun(run).map((fixture) => {
    const body = decoder.decode(fixture.bytes).split("\n").slice(1).join("\n");
    return String((JSON.parse(body) as { trace_id: unknown }).trace_id);
  });
  return [...new Set(ids)];
}

test("with no traces, the list says how to point an SDK at the daemon", async ({
  page,
  daemon,
}) => {
  await page.goto("/");
  await expect(page.getByTestId(TRACES_PAGE.emptyNoTraces)).toBeVisible();
  const hint = page.getByTestId(TRACES_PAGE.daemonAddress);
  await expect(hint).toContainText("export AWS_XRAY_DAEMON_ADDRESS=");
  await expect(hint).toContainText(daemon.sdkAddress);
});

test("traces appear in the list as their datagrams arrive over UDP, without a reload", async ({
  page,
  send,
}) => {
  await page.goto("/");
  await expect(page.getByTestId(TRACES_PAGE.emptyNoTraces)).toBeVisible();
  await expectLive(page);
  await markDocument(page);

  await send.fixtureRun("run1-basic");

  const ids = traceIdsOf("run1-basic");
  await expect(traceRows(page)).toHaveCount(ids.length);
  for (const id of ids) await expect(traceRow(page, id)).toBeVisible();
  const fault = traceRow(page, fixtureTraceId("run1-basic", "004.dgram"));
  await expect(fault.getByTestId(TRACE_LIST.entryPoint)).toContainText("/error");
  await expect(fault.getByTestId(TRACE_LIST.status)).toHaveText("500");
  await expect(
    fault.locator(`[data-testid="${TRACE_LIST.flag}"][data-flag="fault"]`),
  ).toBeVisible();
  await expect(page.getByTestId(CONNECTION_STATUS.traces)).toHaveText(`${ids.length} traces`);
  expect(await isSameDocument(page)).toBe(true);
});

test("while paused, new traces are counted but not shown; resume shows them", async ({
  page,
  send,
}) => {
  const before = requestSegment({ path: "/before" });
  const during = [requestSegment({ path: "/during-1" }), requestSegment({ path: "/during-2" })];
  await page.goto("/");
  await expectLive(page);
  await send.documents([before]);
  await expect(traceRow(page, String(before.trace_id))).toBeVisible();

  const pause = page.getByTestId(TRACES_PAGE.pause);
  await pause.click();
  await expect(page.getByTestId(CONNECTION_STATUS.state)).toHaveAttribute("data-state", "paused");
  await send.documents(during);
  await expect(pause).toContainText("2 new");
  await expect(traceRows(page)).toHaveCount(1);

  await pause.click();
  await expect(traceRows(page)).toHaveCount(3);
  for (const document of during) {
    await expect(traceRow(page, String(document.trace_id))).toBeVisible();
  }
  await expect(page.getByTestId(CONNECTION_STATUS.state)).toHaveAttribute("data-state", "live");
});
