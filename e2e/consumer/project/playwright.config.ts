import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "playwright",
  workers: 1,
  use: {
    browserName: "chromium",
    launchOptions: {
      // Debian's Chromium (or the one CHROMIUM_PATH names), not a Playwright download.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
});
