/**
 * The header's forward status: a sandbox forwarding to two OTLP targets, one a second sandbox
 * that takes the spans and one where nothing listens, shows each target with its counters and
 * the failing one's error; opened with the keyboard, at phone width, in both themes.
 */

import { createServer } from "node:net";
import type { Page } from "@playwright/test";
import { type Daemon, startDaemon } from "xray-sandbox";
import { FORWARD_STATUS } from "../../apps/viewer/src/live/ForwardStatus.markers.ts";
import { viewerDist } from "../support/paths.ts";
import { datagram, requestSegment } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { sendDatagrams } from "../support/udp.ts";

const PHONE = { width: 390, height: 800 };

/** A port nothing listens on: bound, read, released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

let receiving: Daemon;
let forwarding: Daemon;
let deadTarget: string;

test.beforeAll(async () => {
  receiving = await startDaemon({
    udp: { host: "127.0.0.1", port: 0 },
    tcp: { host: "127.0.0.1", port: 0 },
    logLevel: "silent",
    viewerDir: viewerDist,
  });
  deadTarget = `otlp-grpc://127.0.0.1:${await freePort()}`;
  forwarding = await startDaemon(
    {
      udp: { host: "127.0.0.1", port: 0 },
      tcp: { host: "127.0.0.1", port: 0 },
      logLevel: "silent",
      viewerDir: viewerDist,
      forwardTo: [`otlp-http://127.0.0.1:${receiving.httpAddress.port}`, deadTarget],
    },
    { otlpForwardBounds: { maxAttempts: 2, initialBackoffMs: 10, flushDelayMs: 10 } },
  );
  await sendDatagrams(forwarding.udpAddress, [
    datagram(requestSegment({ name: "checkout", path: "/cart" })),
    datagram(requestSegment({ name: "checkout", path: "/pay", status: 500 })),
  ]);
});

test.afterAll(async () => {
  await forwarding?.close();
  await receiving?.close();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`each forward target with its counters and error, by keyboard at 390 px (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize(PHONE);
    await page.goto(`${forwarding.url}/`);

    const summary = page.getByTestId(FORWARD_STATUS.summary);
    await expect(summary).toHaveText("Forwarding to 2 targets · 1 with problems", {
      timeout: 20_000,
    });
    await summary.focus();
    await expect(summary).toBeFocused();
    await page.keyboard.press("Enter");

    const list = page.getByRole("list", { name: "Forward targets" });
    await expect(list).toBeVisible();
    const targets = list.getByTestId(FORWARD_STATUS.target);
    await expect(targets).toHaveCount(2);
    const working = targets.nth(0);
    await expect(working).toHaveAttribute(
      "data-target",
      `otlp-http://127.0.0.1:${receiving.httpAddress.port}/v1/traces`,
    );
    await expect(working.locator('[data-counter="Sent"] dd')).toHaveText("2 spans");
    await expect(working.getByTestId(FORWARD_STATUS.error)).toHaveCount(0);
    const failing = targets.nth(1);
    await expect(failing).toHaveAttribute("data-target", deadTarget);
    await expect(failing.locator('[data-counter="Failed"] dd')).toHaveText("2");
    await expect(failing.getByTestId(FORWARD_STATUS.error)).toContainText(
      "Last error: gRPC UNAVAILABLE",
    );
    // The panel stays within the window, and the page does not scroll sideways.
    const box = await list.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= PHONE.width).toBe(true);
    expect(await horizontalOverflow(page)).toBe(0);

    await page.keyboard.press("Enter");
    await expect(list).toBeHidden();
  });
}
