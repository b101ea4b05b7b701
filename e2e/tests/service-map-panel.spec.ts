import type { Locator, Page } from "@playwright/test";
import { CONNECTION_STATUS } from "../../apps/viewer/src/live/ConnectionStatus.markers.ts";
import {
  mapEdgeTestId,
  mapNodeTestId,
  SERVICE_MAP,
  SERVICE_MAP_PANEL,
} from "../../apps/viewer/src/map/ServiceMap.markers.ts";
import { THEME_TOGGLE } from "../../apps/viewer/src/theme/ThemeToggle.markers.ts";
import { TRACES_PAGE } from "../../apps/viewer/src/traces/TraceList.markers.ts";
import { saveScreenshot } from "../support/screenshots.ts";
import {
  type Document,
  datagram,
  newSegmentId,
  newTraceId,
  requestSegment,
  subsegment,
  twoServiceTrace,
} from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { sendDatagrams } from "../support/udp.ts";
import { expectLive, traceRow, traceRows } from "../support/viewer.ts";
import { startViewerDaemon } from "../support/viewer-daemon.ts";

/** A caller whose request calls `callee` once; the call answers `status`. */
function callTrace(caller: string, callee: string, status: number): Document {
  const start = Date.now() / 1000;
  const call = subsegment({
    name: callee,
    id: newSegmentId(),
    start: start + 0.001,
    duration: 0.01,
    extra: {
      namespace: "remote",
      http: { request: { url: `http://${callee}/stock`, method: "GET" }, response: { status } },
      ...(status >= 500 ? { fault: true } : {}),
    },
  });
  return requestSegment({
    name: caller,
    traceId: newTraceId(),
    start,
    path: "/buy",
    duration: 0.02,
    status: status >= 500 ? 500 : 200,
    subsegments: [call],
  });
}

function outcomeRow(panel: Locator, outcome: string): Locator {
  return panel.getByTestId(SERVICE_MAP_PANEL.outcomes).locator(`tr[data-outcome="${outcome}"]`);
}

async function nodePlace(page: Page, name: string) {
  const box = page.getByTestId(mapNodeTestId(name)).locator(".map-node-box");
  return { x: await box.getAttribute("x"), y: await box.getAttribute("y") };
}

test("clicking a service opens a panel with the numbers of the traces sent to it", async ({
  page,
  send,
  sandbox,
}) => {
  const start = Date.now() / 1000;
  const statuses = [200, 200, 200, 404, 200, 429, 200, 200, 500, 200];
  const documents = statuses.map((status, index) =>
    requestSegment({
      name: "checkout-api",
      path: "/checkout",
      status,
      start: start - 10 + index,
      duration: (index + 1) / 100,
    }),
  );
  await send.documents(documents);
  for (const document of documents) {
    await sandbox.waitForTrace((trace) => trace.id === document.trace_id);
  }

  await page.goto("/map");
  const node = page.getByTestId(mapNodeTestId("checkout-api"));
  await node.click();
  const panel = page.getByTestId(SERVICE_MAP_PANEL.root);
  await expect(panel.getByTestId(SERVICE_MAP_PANEL.title)).toHaveText("checkout-api");
  await expect(panel.getByTestId(SERVICE_MAP_PANEL.title)).toBeFocused();
  await expect(panel.getByTestId(SERVICE_MAP_PANEL.requests)).toContainText("10 requests");
  await expect(outcomeRow(panel, "ok").locator("td")).toHaveText(["7", "70 %"]);
  await expect(outcomeRow(panel, "error").locator("td")).toHaveText(["1", "10 %"]);
  await expect(outcomeRow(panel, "throttle").locator("td")).toHaveText(["1", "10 %"]);
  await expect(outcomeRow(panel, "fault").locator("td")).toHaveText(["1", "10 %"]);
  const percentiles = panel.getByTestId(SERVICE_MAP_PANEL.percentiles);
  await expect(percentiles.locator('[data-percentile="p50"] dd')).toHaveText("50.0 ms");
  await expect(percentiles.locator('[data-percentile="p90"] dd')).toHaveText("90.0 ms");
  await expect(percentiles.locator('[data-percentile="p99"] dd')).toHaveText("100 ms");
  await expect(panel.getByTestId(SERVICE_MAP_PANEL.histogram).locator("rect")).toHaveCount(10);
  await expect(node).toHaveAttribute("aria-pressed", "true");
  await saveScreenshot(page, "service-map-panel");
  const theme = page.getByTestId(THEME_TOGGLE.button);
  if ((await theme.getAttribute("data-theme-now")) !== "dark") await theme.click();
  await expect(theme).toHaveAttribute("data-theme-now", "dark");
  await saveScreenshot(page, "service-map-panel-dark");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(panel.getByTestId(SERVICE_MAP_PANEL.percentiles)).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(node).toBeFocused();
  await expect(page.getByTestId(SERVICE_MAP.legend)).toBeVisible();

  await page.keyboard.press("Enter");
  await panel.getByRole("link", { name: "With a fault" }).click();
  expect(new URL(page.url()).searchParams.get("filter")).toBe('service("checkout-api") { fault }');
  await expect(traceRows(page)).toHaveCount(1);
  await expect(traceRow(page, String(documents[8]?.trace_id))).toBeVisible();
});

test("an edge's line shows its mix of outcomes, and its panel the rates", async ({
  page,
  send,
  sandbox,
}) => {
  const documents = Array.from({ length: 20 }, (_, index) =>
    callTrace("storefront", "inventory", index === 7 ? 503 : 200),
  );
  await send.documents(documents);
  for (const document of documents) {
    await sandbox.waitForTrace((trace) => trace.id === document.trace_id);
  }
  await page.goto("/map");
  const label = page.getByTestId(mapEdgeTestId("storefront", "inventory"));
  await expect(label).toHaveAttribute("aria-label", /20 requests: 19 ok, 1 fault \(5\.0 %\)/);

  const line = page.getByTestId(SERVICE_MAP.edgeLine);
  const mix = (await line.getAttribute("data-mix")) ?? "";
  const shares = Object.fromEntries(
    mix.split(" ").map((part) => {
      const [status, share] = part.split(":");
      return [status, Number(share)];
    }),
  );
  expect(Object.keys(shares)).toEqual(["fault", "ok"]);
  expect(shares.ok).toBeGreaterThan(0.9);
  const strokes = await line
    .locator(".map-edge-line")
    .evaluateAll((paths) => paths.map((path) => getComputedStyle(path).stroke));
  expect(strokes).toHaveLength(2);
  expect(strokes[0]).not.toBe(strokes[1]);
  await saveScreenshot(page, "service-map-edge-mix");

  await label.click();
  const panel = page.getByTestId(SERVICE_MAP_PANEL.root);
  await expect(panel.getByTestId(SERVICE_MAP_PANEL.title)).toHaveText("storefront → inventory");
  await expect(outcomeRow(panel, "fault").locator("td")).toHaveText(["1", "5.0 %"]);
  await expect(outcomeRow(panel, "ok").locator("td")).toHaveText(["19", "95 %"]);
  await panel.getByRole("link", { name: "All its traces" }).click();
  expect(new URL(page.url()).searchParams.get("filter")).toBe('edge("storefront", "inventory")');
  await expect(traceRows(page)).toHaveCount(20);
});

test("a new service joins the map live, and the services drawn before stay where they were", async ({
  page,
  send,
  sandbox,
}) => {
  const first = twoServiceTrace("web-frontend", "orders-api");
  await send.documents(first.documents);
  await sandbox.waitForTrace((trace) => trace.id === first.traceId);
  await page.goto("/map");
  await expectLive(page);
  await expect(page.getByTestId(mapEdgeTestId("web-frontend", "orders-api"))).toBeVisible();
  await page.getByTestId(mapNodeTestId("web-frontend")).click();
  const panel = page.getByTestId(SERVICE_MAP_PANEL.root);
  await expect(panel.getByTestId(SERVICE_MAP_PANEL.requests)).toContainText("1 request");
  const before = {
    web: await nodePlace(page, "web-frontend"),
    orders: await nodePlace(page, "orders-api"),
    webOnScreen: await page.getByTestId(mapNodeTestId("web-frontend")).boundingBox(),
  };

  const second = twoServiceTrace("web-frontend", "payments-api");
  await send.documents(second.documents);
  await expect(page.getByTestId(mapNodeTestId("payments-api"))).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId(mapEdgeTestId("web-frontend", "payments-api"))).toBeVisible();
  expect(await nodePlace(page, "web-frontend")).toEqual(before.web);
  expect(await nodePlace(page, "orders-api")).toEqual(before.orders);
  expect(await page.getByTestId(mapNodeTestId("web-frontend")).boundingBox()).toEqual(
    before.webOnScreen,
  );
  await expect(panel.getByTestId(SERVICE_MAP_PANEL.requests)).toContainText("2 requests");
});

test("the trace list says when a filter in the URL is not valid, not how many traces it shows", async ({
  page,
  send,
  sandbox,
}) => {
  const documents = [requestSegment({ path: "/a" }), requestSegment({ path: "/b" })];
  await send.documents(documents);
  for (const document of documents) {
    await sandbox.waitForTrace((trace) => trace.id === document.trace_id);
  }
  await page.goto("/?filter=http.status%20%3D");
  await expect(page.getByTestId(TRACES_PAGE.invalidFilter)).toContainText("not valid");
  await expect(page.getByTestId(TRACES_PAGE.count)).toHaveText("No list: the filter is not valid");
});

test("with the daemon stopped the list says it is unreachable, and reconnects once it is back", async ({
  page,
}) => {
  let daemon = await startViewerDaemon();
  const port = daemon.httpAddress.port;
  try {
    await page.goto(daemon.url);
    await expectLive(page);
    await expect(page.getByTestId(TRACES_PAGE.emptyNoTraces)).toBeVisible();

    await daemon.close();
    await expect(page.getByTestId(TRACES_PAGE.unreachable)).toContainText(
      "Cannot reach the daemon",
    );
    await expect(page.getByTestId(TRACES_PAGE.emptyNoTraces)).toBeHidden();
    await expect(page.getByTestId(TRACES_PAGE.count)).toHaveText("Daemon unreachable");
    await saveScreenshot(page, "traces-daemon-unreachable");

    daemon = await startViewerDaemon({ tcp: { host: "127.0.0.1", port } });
    await expect(page.getByTestId(CONNECTION_STATUS.state)).toHaveAttribute("data-state", "live");
    await expect(page.getByTestId(TRACES_PAGE.reconnected)).toContainText("Reconnected");
    const trace = requestSegment({ path: "/after-restart" });
    await sendDatagrams(daemon.udpAddress, [datagram(trace)]);
    await expect(traceRow(page, String(trace.trace_id))).toBeVisible();
  } finally {
    await daemon.close();
  }
});

test("the map says when the daemon is unreachable, and follows it again once it is back", async ({
  page,
}) => {
  let daemon = await startViewerDaemon();
  const port = daemon.httpAddress.port;
  try {
    const before = twoServiceTrace("web-frontend", "orders-api");
    await sendDatagrams(daemon.udpAddress, before.documents.map(datagram));
    await page.goto(`${daemon.url}/map`);
    await expect(page.getByTestId(mapNodeTestId("orders-api"))).toBeVisible();

    await daemon.close();
    await expect(page.getByTestId(SERVICE_MAP.error)).toContainText("Cannot reach the daemon");
    await expect(page.getByTestId(mapNodeTestId("orders-api"))).toBeVisible();

    daemon = await startViewerDaemon({ tcp: { host: "127.0.0.1", port } });
    await expect(page.getByTestId(SERVICE_MAP.error)).toBeHidden();
    // The restarted daemon keeps nothing in memory: the map empties, then draws what arrives.
    await expect(page.getByTestId(SERVICE_MAP.empty)).toBeVisible();
    const after = twoServiceTrace("web-frontend", "billing-api");
    await sendDatagrams(daemon.udpAddress, after.documents.map(datagram));
    await expect(page.getByTestId(mapNodeTestId("billing-api"))).toBeVisible({ timeout: 15_000 });
  } finally {
    await daemon.close();
  }
});
