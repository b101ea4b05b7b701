import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { artifactsDir } from "./paths.ts";

/**
 * Saves the page as `e2e/artifacts/<name>.png`, to look at after a run. The README's pictures
 * come from the real demo instead (`pnpm docs:screenshots`).
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifactsDir, { recursive: true });
  await page.screenshot({
    path: join(artifactsDir, `${name}.png`),
    animations: "disabled",
    caret: "hide",
  });
}
