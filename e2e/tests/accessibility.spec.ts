import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { COMPARE } from "../../apps/viewer/src/compare/Compare.markers.ts";
import { GROUPS } from "../../apps/viewer/src/groups/GroupsPage.markers.ts";
import { mapNodeTestId } from "../../apps/viewer/src/map/ServiceMap.markers.ts";
import { REJECTED } from "../../apps/viewer/src/rejected/RejectedPage.markers.ts";
import { SAMPLING } from "../../apps/viewer/src/sampling/SamplingPage.markers.ts";
import { expectNoAxeViolations, pageWidth, type Theme, useTheme } from "../support/axe.ts";
import { docsScreenshotsDir } from "../support/paths.ts";
import { twoServiceTrace, userRequest } from "../support/segments.ts";
import { expect, type Sender, test } from "../support/test.ts";
import { timelineRow } from "../support/viewer.ts";

const PHONE = { width: 390, height: 844 } as const;

interface Seeded {
  readonly userTraceId: string;
  readonly checkoutTraceId: string;
}

interface View {
  readonly name: string;
  readonly path: (seeded: Seeded) => string;
  /** Visible once the view shows the seeded data. */
  readonly ready: (page: Page) => Locator;
}

const VIEWS: readonly View[] = [
  {
    name: "traces list",
    path: () => "/",
    ready: (page) => page.getByRole("link", { name: /\/user/ }).first(),
  },
  {
    name: "trace page",
    path: (seeded) => `/traces/${seeded.userTraceId}`,
    ready: (page) => timelineRow(page, "UserData"),
  },
  {
    name: "compare",
    path: (seeded) => `/compare?a=${seeded.userTraceId}&b=${seeded.checkoutTraceId}`,
    ready: (page) => page.getByRole("region", { name: "Trace B" }).getByTestId(COMPARE.row).first(),
  },
  {
    name: "service map",
    path: () => "/map",
    ready: (page) => page.getByTestId(mapNodeTestId("orders-api")),
  },
  {
    name: "sampling",
    path: () => "/sampling",
    ready: (page) => page.getByTestId(SAMPLING.ruleRow).first(),
  },
  {
    name: "groups",
    path: () => "/groups",
    ready: (page) => page.getByTestId(GROUPS.row).first(),
  },
  {
    name: "rejected",
    path: () => "/rejected",
    ready: (page) => page.getByTestId(REJECTED.row).first(),
  },
  {
    name: "not found",
    path: () => "/no-such-view",
    ready: (page) => page.getByRole("heading", { level: 1, name: /Nothing at/ }),
  },
];

/** A trace of one service, one of two services, and a datagram the daemon refuses. */
async function seed(send: Sender, waitFor: (traceId: string) => Promise<unknown>) {
  const user = userRequest();
  const checkout = twoServiceTrace("web-frontend", "orders-api");
  await send.documents([user, ...checkout.documents]);
  await send.datagrams([new TextEncoder().encode('{"format":"json","version":1}\n{"id": oops}')]);
  const seeded: Seeded = {
    userTraceId: String(user.trace_id),
    checkoutTraceId: checkout.traceId,
  };
  await waitFor(seeded.userTraceId);
  await waitFor(seeded.checkoutTraceId);
  return seeded;
}

for (const theme of ["light", "dark"] satisfies Theme[]) {
  for (const view of VIEWS) {
    test(`axe finds no violations on the ${view.name} view in the ${theme} theme`, async ({
      page,
      send,
      sandbox,
    }, testInfo) => {
      const seeded = await seed(send, (id) => sandbox.waitForTrace((trace) => trace.id === id));
      await page.goto(view.path(seeded));
      await useTheme(page, theme);
      await expect(view.ready(page)).toBeVisible();
      await expectNoAxeViolations(page, testInfo);
    });
  }
}

test(`no view is wider than a ${PHONE.width} px phone`, async ({ page, send, sandbox }) => {
  test.setTimeout(90_000);
  await page.setViewportSize(PHONE);
  const seeded = await seed(send, (id) => sandbox.waitForTrace((trace) => trace.id === id));
  await mkdir(docsScreenshotsDir, { recursive: true });
  const widths: Record<string, number> = {};
  for (const view of VIEWS) {
    await page.goto(view.path(seeded));
    await useTheme(page, "light");
    await expect(view.ready(page)).toBeVisible();
    widths[view.name] = await pageWidth(page);
    await page.screenshot({
      path: join(docsScreenshotsDir, `phone-${view.name.replaceAll(" ", "-")}.png`),
      animations: "disabled",
      caret: "hide",
    });
  }
  const tooWide = Object.entries(widths).filter(([, width]) => width > PHONE.width);
  expect(tooWide, "views wider than the phone (name, scrollWidth)").toEqual([]);
});
