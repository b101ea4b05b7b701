import { FILTER_BAR } from "../../apps/viewer/src/filter/FilterBar.markers.ts";
import {
  mapEdgeTestId,
  mapNodeTestId,
  SERVICE_MAP,
  SERVICE_MAP_PANEL,
} from "../../apps/viewer/src/map/ServiceMap.markers.ts";
import { requestSegment, twoServiceTrace } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { traceRow, traceRows } from "../support/viewer.ts";

test("the map draws both services of a two-service trace and the call between them", async ({
  page,
  send,
  sandbox,
}) => {
  const trace = twoServiceTrace("web-frontend", "orders-api");
  const unrelated = requestSegment({ name: "billing", path: "/invoice" });
  await send.documents([...trace.documents, unrelated]);
  await sandbox.waitForTrace((record) => record.id === trace.traceId);
  await sandbox.waitForTrace((record) => record.id === unrelated.trace_id);

  await page.goto("/map");
  const map = page.getByTestId(SERVICE_MAP.root);
  await expect(map.getByTestId(mapNodeTestId("web-frontend"))).toBeVisible();
  await expect(map.getByTestId(mapNodeTestId("orders-api"))).toBeVisible();
  await expect(map.getByTestId(mapEdgeTestId("web-frontend", "orders-api"))).toBeVisible();

  await map.getByTestId(mapNodeTestId("orders-api")).click();
  await page
    .getByTestId(SERVICE_MAP_PANEL.root)
    .getByRole("link", { name: "All its traces" })
    .click();
  await expect(page).toHaveURL(/^[^?]*\/\?/);
  expect(new URL(page.url()).searchParams.get("filter")).toBe('service("orders-api")');
  await expect(page.getByTestId(FILTER_BAR.input)).toHaveValue('service("orders-api")');
  await expect(traceRow(page, trace.traceId)).toBeVisible();
  await expect(traceRows(page)).toHaveCount(1);
});
