import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  // One sandbox for every worker: started here, its URL passed on in XRAY_SANDBOX_URL.
  globalSetup: "./global-setup.ts",
  workers: 2,
  fullyParallel: true,
});
