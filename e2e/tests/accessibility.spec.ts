import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { LAYOUT } from "../../apps/viewer/src/app/Layout.markers.ts";
import { COMPARE } from "../../apps/viewer/src/compare/Compare.markers.ts";
import { GROUPS } from "../../apps/viewer/src/groups/GroupsPage.markers.ts";
import { mapNodeTestId } from "../../apps/viewer/src/map/ServiceMap.markers.ts";
import { REJECTED } from "../../apps/viewer/src/rejected/RejectedPage.markers.ts";
import { SAMPLING } from "../../apps/viewer/src/sampling/SamplingPage.markers.ts";
import { SEGMENT_DETAILS } from "../../apps/viewer/src/trace/details/SegmentDetails.markers.ts";
import {
  type AxeFinding,
  axeFindings,
  expectNoAxeViolations,
  pageWidth,
  type Theme,
  useTheme,
} from "../support/axe.ts";
import { docsScreenshotsDir } from "../support/paths.ts";
import { twoServiceTrace, userRequest } from "../support/segments.ts";
import { expect, type Sender, test } from "../support/test.ts";
import { timelineRow } from "../support/viewer.ts";

const PHONE = { width: 390, height: 844 } as const;
const TABLET = { width: 768, height: 1024 } as const;

interface Seeded {
  readonly userTraceId: string;
  readonly checkoutTraceId: string;
}

interface View {
  readonly name: string;
  readonly path: (seeded: Seeded) => string;
  /** Visible once the view shows the seeded data. */
  readonly ready: (page: Page) => Locator;
  /** What to do once it is ready, e.g. open a panel; its own check. */
  readonly open?: (page: Page) => Promise<void>;
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
    name: "trace details",
    path: (seeded) => `/traces/${seeded.userTraceId}`,
    ready: (page) => timelineRow(page, "UserData"),
    open: async (page) => {
      await timelineRow(page, "UserData").click();
      await expect(page.getByTestId(SEGMENT_DETAILS.panel)).toBeVisible();
    },
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
    // An SDK's statistics report, so that the clients and reports tables show too.
    open: async (page) => {
      const response = await page.request.post("/SamplingTargets", {
        data: {
          SamplingStatisticsDocuments: [
            {
              RuleName: "Default",
              ClientID: "0123456789abcdef01234567",
              RequestCount: 12,
              SampledCount: 12,
              BorrowCount: 1,
              Timestamp: Date.now() / 1000,
            },
          ],
        },
      });
      expect(response.ok()).toBe(true);
      await expect(page.getByTestId(SAMPLING.reportRow).first()).toBeVisible({ timeout: 15_000 });
    },
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
      await view.open?.(page);
      await expectNoAxeViolations(page, testInfo);
    });
  }
}

/**
 * Every view again at phone width, where the layout folds (the menu, stacked panels, the
 * details sheet): one page walks them all, and the findings of every view are reported
 * together.
 */
for (const theme of ["light", "dark"] satisfies Theme[]) {
  test(`axe finds no violations on any view at phone width in the ${theme} theme`, async ({
    page,
    send,
    sandbox,
  }, testInfo) => {
    await page.setViewportSize(PHONE);
    const seeded = await seed(send, (id) => sandbox.waitForTrace((trace) => trace.id === id));
    const findings: Record<string, AxeFinding[]> = {};
    for (const view of VIEWS) {
      await page.goto(view.path(seeded));
      await useTheme(page, theme);
      await expect(view.ready(page)).toBeVisible();
      await view.open?.(page);
      const found = await axeFindings(page, testInfo);
      if (found.length > 0) findings[view.name] = found;
    }
    expect(findings, `axe violations at ${PHONE.width} px (view: findings)`).toEqual({});
  });
}

for (const screen of [
  { ...PHONE, kind: "phone", screenshots: true },
  { ...TABLET, kind: "tablet", screenshots: false },
]) {
  test(`no view is wider than a ${screen.width} px ${screen.kind}`, async ({
    page,
    send,
    sandbox,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: screen.width, height: screen.height });
    const seeded = await seed(send, (id) => sandbox.waitForTrace((trace) => trace.id === id));
    await mkdir(docsScreenshotsDir, { recursive: true });
    const widths: Record<string, number> = {};
    for (const view of VIEWS) {
      await page.goto(view.path(seeded));
      await useTheme(page, "light");
      await expect(view.ready(page)).toBeVisible();
      await view.open?.(page);
      widths[view.name] = await pageWidth(page);
      if (screen.screenshots) {
        await page.screenshot({
          path: join(docsScreenshotsDir, `phone-${view.name.replaceAll(" ", "-")}.png`),
          animations: "disabled",
          caret: "hide",
        });
      }
    }
    const tooWide = Object.entries(widths).filter(([, width]) => width > screen.width);
    expect(tooWide, `views wider than the ${screen.kind} (name, scrollWidth)`).toEqual([]);
  });
}

test("on a phone the sections fold into a menu that closes once one is picked", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  const sections = page.getByRole("navigation", { name: "Sections" });
  const menu = page.getByTestId(LAYOUT.menu);
  await expect(sections).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(sections).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await sections.getByRole("link", { name: "Sampling" }).click();
  await expect(page).toHaveURL(/\/sampling$/);
  await expect(sections).toBeHidden();
  await expect(page.getByTestId(SAMPLING.root)).toBeVisible();
});

test("on a phone a trace's details open as a sheet within the screen, and close", async ({
  page,
  send,
  sandbox,
}) => {
  await page.setViewportSize(PHONE);
  const seeded = await seed(send, (id) => sandbox.waitForTrace((trace) => trace.id === id));
  await page.goto(`/traces/${seeded.userTraceId}`);
  await timelineRow(page, "UserData").click();
  const sheet = page.getByTestId(SEGMENT_DETAILS.panel);
  await expect(sheet).toBeVisible();
  const box = await sheet.boundingBox();
  expect(box?.x).toBe(0);
  expect(box?.width).toBe(PHONE.width);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
  await sheet.getByTestId(SEGMENT_DETAILS.close).click();
  await expect(sheet).toHaveCount(0);
});
