import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { artifactsDir, docsScreenshotsDir } from "./paths.ts";

/**
 * Saves the page as `e2e/artifacts/<name>.png`; with `XRAY_SANDBOX_UPDATE_DOCS=1`
 * (`pnpm --filter @xray-sandbox/e2e screenshots`) also as `docs/screenshots/<name>.png`.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  const file = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
  if (process.env.XRAY_SANDBOX_UPDATE_DOCS === "1") {
    await mkdir(docsScreenshotsDir, { recursive: true });
    await copyFile(file, join(docsScreenshotsDir, `${name}.png`));
  }
}
