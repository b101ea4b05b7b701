/** The viewer's test ids (shared with its components) and the steps several specs take. */

import { expect, type Locator, type Page } from "@playwright/test";
import { FILTER_BAR } from "../../apps/viewer/src/filter/FilterBar.markers.ts";
import { CONNECTION_STATUS } from "../../apps/viewer/src/live/ConnectionStatus.markers.ts";
import { TIMELINE } from "../../apps/viewer/src/trace/Timeline.markers.ts";
import { TRACE_LIST } from "../../apps/viewer/src/traces/TraceList.markers.ts";

/** Waits until the page's live connection is open, so what arrives next comes over it. */
export async function expectLive(page: Page): Promise<void> {
  await expect(page.getByTestId(CONNECTION_STATUS.state)).toHaveAttribute("data-state", "live");
}

export function traceRows(page: Page): Locator {
  return page.getByTestId(TRACE_LIST.row);
}

export function traceRow(page: Page, traceId: string): Locator {
  return page.locator(`[data-testid="${TRACE_LIST.row}"][data-trace-id="${traceId}"]`);
}

export function timelineRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="${TIMELINE.row}"][data-name="${name}"]`);
}

/** Types `expression` in the filter bar and applies it with Enter. */
export async function applyFilter(page: Page, expression: string): Promise<void> {
  const input = page.getByTestId(FILTER_BAR.input);
  await input.fill(expression);
  await input.press("Enter");
}

/** Marks the current document; `isSameDocument` is true until the page reloads or navigates away. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => Reflect.set(window, "__e2eDocumentMark", true));
}

export function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => Reflect.get(window, "__e2eDocumentMark") === true);
}
