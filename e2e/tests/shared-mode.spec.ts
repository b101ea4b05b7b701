/**
 * A shared sandbox (started with a token) in the browser: the sign-in page, a wrong token,
 * the live list once signed in, the sign-in kept across reloads, and sign-out.
 */

import { test as base, expect, type Page } from "@playwright/test";
import type { Daemon } from "xray-sandbox";
import { AUTH } from "../../apps/viewer/src/auth/Auth.markers.ts";
import { GROUPS } from "../../apps/viewer/src/groups/GroupsPage.markers.ts";
import { TRACES_PAGE } from "../../apps/viewer/src/traces/TraceList.markers.ts";
import { datagram, requestSegment } from "../support/segments.ts";
import { sendDatagrams } from "../support/udp.ts";
import { expectLive, traceRow } from "../support/viewer.ts";
import { viewerDaemonFixture } from "../support/viewer-daemon.ts";

const TOKEN = "e2e-shared-sandbox-token-91b2";

const test = base.extend<{ pageErrors: undefined }, { shared: Daemon }>({
  shared: [viewerDaemonFixture({ authToken: TOKEN }), { scope: "worker" }],
  baseURL: async ({ shared }, use) => use(shared.url),
  pageErrors: [
    async ({ page }, use) => {
      const uncaught: string[] = [];
      page.on("pageerror", (error) => uncaught.push(error.stack ?? error.message));
      await use(undefined);
      expect(uncaught, "exceptions the page did not catch").toEqual([]);
    },
    { auto: true },
  ],
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel("Token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a shared sandbox asks for its token before showing anything, and says when it is wrong", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in to this shared sandbox" })).toBeVisible();
  await expect(page.getByLabel("Token")).toBeFocused();
  await expect(page.getByTestId(TRACES_PAGE.emptyNoTraces)).toHaveCount(0);

  await signIn(page, "not-the-token-000000000");
  await expect(page.getByRole("alert")).toHaveText(
    "That is not this sandbox's token. Check it with whoever runs the sandbox and try again.",
  );
  await expect(page.getByLabel("Token")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId(AUTH.page)).toBeVisible();
  // Nothing was let through: the API still refuses this browser.
  expect((await page.request.get("/api/stats")).status()).toBe(401);
});

test("after signing in, the live list works, the sign-in outlasts a reload, and sign-out ends it", async ({
  page,
  shared,
}) => {
  await page.goto("/");
  await signIn(page, TOKEN);
  await expect(page.getByTestId(AUTH.status)).toHaveText("Signed in");
  await expectLive(page);

  const segment = requestSegment({ name: "shared-team-service", path: "/orders" });
  await sendDatagrams(shared.udpAddress, [datagram(segment)]);
  await expect(traceRow(page, String(segment.trace_id))).toBeVisible();

  // The HttpOnly cookie, not the page, holds the sign-in: scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).toBe("");
  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });

  await page.reload();
  await expect(page.getByTestId(AUTH.status)).toHaveText("Signed in");
  await expectLive(page);
  await expect(traceRow(page, String(segment.trace_id))).toBeVisible();

  // The X-Ray query API too: the groups page reads them with POST /Groups.
  await page.getByRole("link", { name: "Groups" }).click();
  await expect(
    page.locator(`[data-testid="${GROUPS.row}"][data-group-name="Default"]`),
  ).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId(AUTH.page)).toBeVisible();
  expect((await page.request.get("/api/stats")).status()).toBe(401);
});

test("the sign-in page and the signed-in header fit a 390 px phone in both themes, with no sideways scrolling", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/");
  await expect(page.getByLabel("Token")).toBeVisible();
  const overflow = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  expect(await overflow()).toBe(0);
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.getByRole("button", { name: /Switch to the/ }).click();
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
    .not.toBe(before);
  expect(await overflow()).toBe(0);

  // Signed in, the header with its Signed in state and Sign out wraps instead of overflowing.
  await signIn(page, TOKEN);
  await expect(page.getByTestId(AUTH.status)).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await overflow()).toBe(0);
});
