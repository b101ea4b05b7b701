import { expect, test } from "@xray-sandbox/testing/playwright";
import { startApp } from "../app.cjs";

let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async ({ sandbox }) => {
  app = await startApp(sandbox.env);
});
test.afterAll(() => app.close());

test("a page load is traced, and the sandbox's viewer lists the trace", async ({
  page,
  sandbox,
}) => {
  await page.goto(`${app.url}/user`);
  const trace = await sandbox.waitForTrace('http.url ENDSWITH "/user"');
  expect(trace).toHaveSubsegment("UserData", { annotations: { userId: "u-42" } });

  await page.goto(sandbox.url);
  await expect(
    page.locator(`[data-testid="trace-row"][data-trace-id="${trace.id}"]`),
  ).toBeVisible();
});
