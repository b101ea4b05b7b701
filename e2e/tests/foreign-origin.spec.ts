import { LIVE_PATH } from "@xray-sandbox/segments";
import { startForeignOrigin } from "../support/foreign-origin.ts";
import { liveUrl, probeFetch, probeLive } from "../support/live-probe.ts";
import { rawGet } from "../support/raw-http.ts";
import { requestSegment } from "../support/segments.ts";
import { expect, test } from "../support/test.ts";

test.beforeEach(async ({ send, sandbox }) => {
  await send.documents([requestSegment({ path: "/private" })]);
  await sandbox.waitForTrace('http.url ENDSWITH "/private"');
});

test("the viewer's own origin reads the live stream", async ({ page, daemon }) => {
  await page.goto("/api/health");
  const probe = await page.evaluate(probeLive, liveUrl(daemon.url, LIVE_PATH));
  expect(probe).toMatchObject({ opened: true, firstMessageType: "hello" });
});

test("a page from another origin cannot read the live stream nor the API", async ({
  page,
  daemon,
}) => {
  const foreign = await startForeignOrigin();
  try {
    await page.goto(foreign.url);
    const live = await page.evaluate(probeLive, liveUrl(daemon.url, LIVE_PATH));
    expect(live.firstMessageType).toBeUndefined();
    expect(live.closeCode).toBeDefined();

    const api = await page.evaluate(probeFetch, `${daemon.url}/api/traces`);
    expect(api.readable, api.detail).toBe(false);

    // Refused by the daemon itself, not only by the browser's CORS check.
    expect(await rawGet(`${daemon.url}/api/traces`, { origin: foreign.url })).toBe(403);
  } finally {
    await foreign.close();
  }
});

test("a request naming another host (DNS rebinding) is refused", async ({ daemon }) => {
  const { port } = daemon.httpAddress;
  expect(await rawGet(`${daemon.url}/api/traces`, { host: `attacker.example:${port}` })).toBe(403);
  expect(await rawGet(`${daemon.url}/api/traces`, { host: `127.0.0.1:${port}` })).toBe(200);
});
