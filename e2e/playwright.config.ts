import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./support/chromium.ts";

const ci = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

export default defineConfig({
  testDir: "tests",
  testMatch: "*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: ci ? 1 : 2,
  // No retries: a test that passes only on a second try is a flaky test, and it must show.
  retries: 0,
  forbidOnly: ci,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: ci ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    browserName: "chromium",
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
