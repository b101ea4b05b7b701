import { startForeignOrigin } from "../support/foreign-origin.ts";
import { userRequest } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";
import { timelineRow } from "../support/viewer.ts";

test("a page from another origin cannot frame the viewer", async ({ page, daemon }) => {
  const foreign = await startForeignOrigin({
    "/": `<!doctype html><title>elsewhere</title>
      <iframe id="own" src="/own"></iframe>
      <iframe id="viewer" src="${daemon.url}/"></iframe>`,
    "/own": "<!doctype html><p id='own-content'>a frame of this site</p>",
  });
  try {
    const refused = page.waitForEvent("console", (message) =>
      message.text().includes("frame-ancestors 'none'"),
    );
    await page.goto(foreign.url);
    // The page can frame its own pages: the check below would see a framed viewer.
    await expect(page.frameLocator("#own").locator("#own-content")).toHaveText(
      "a frame of this site",
    );
    await refused;
    const viewer = await (await page.locator("#viewer").elementHandle())?.contentFrame();
    expect(viewer?.url()).not.toContain(daemon.url);
    await expect(page.frameLocator("#viewer").locator("#root")).toHaveCount(0);
  } finally {
    await foreign.close();
  }
});

test("the viewer runs under its content security policy without a violation", async ({
  page,
  send,
  sandbox,
}) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    Reflect.set(window, "__cspViolations", violations);
    document.addEventListener("securitypolicyviolation", (event) => {
      violations.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  const request = userRequest();
  await send.documents([request]);
  await sandbox.waitForTrace((trace) => trace.id === request.trace_id);

  for (const path of [
    "/",
    `/traces/${String(request.trace_id)}`,
    "/map",
    "/groups",
    "/sampling",
    "/rejected",
  ]) {
    await page.goto(path);
    if (path.startsWith("/traces/")) {
      await timelineRow(page, "UserData").click();
      await expect(timelineRow(page, "UserData")).toHaveAttribute("aria-selected", "true");
    }
    await page.waitForLoadState("networkidle");
    const violations = await page.evaluate(() => Reflect.get(window, "__cspViolations"));
    expect(violations, path).toEqual([]);
  }
  expect(consoleErrors.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
});
