/** Page loads timed to the first appearance of an element, with nothing run in the page meanwhile. */

import type { Page } from "@playwright/test";
import { FIRST_APPEARANCE_MESSAGE, recordFirstAppearance } from "./page-probes.ts";

/**
 * Loads `url` in `page` and waits until `selector` first appears, without running anything in
 * the page meanwhile: a Playwright locator would inject its selector engine into the page
 * while the page starts (about 14 ms of its main thread, in the middle of what is measured);
 * the page says on its console when the element is there instead. Resolves with when it first
 * appeared, in milliseconds from navigation.
 */
export async function loadUntilFirstAppearance(
  page: Page,
  url: string,
  selector: string,
  timeout = 120_000,
): Promise<number> {
  await page.addInitScript(recordFirstAppearance, selector);
  const appeared = page.waitForEvent("console", {
    predicate: (message) => message.text() === FIRST_APPEARANCE_MESSAGE,
    timeout,
  });
  await page.goto(url);
  await appeared;
  return page.evaluate(() => Reflect.get(window, "__benchFirstAppearance") as number);
}
