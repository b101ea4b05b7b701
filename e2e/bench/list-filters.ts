/** What the list benches type into the filter bar, and how they find the list's rows. */

import type { Page } from "@playwright/test";
import { FILTER_BAR } from "../../apps/viewer/src/filter/FilterBar.markers.ts";
import { TRACE_LIST } from "../../apps/viewer/src/traces/TraceList.markers.ts";

export const byTestId = (id: string): string => `[data-testid="${id}"]`;

/** A row of the trace list. */
export const ROW = byTestId(TRACE_LIST.row);

/** Each filter, and what every row shows once the list has narrowed to it. */
export const FILTERS = [
  { expression: "http.status = 500", cell: byTestId(TRACE_LIST.status), expected: "500" },
  {
    expression: 'annotation.route = "/user"',
    cell: byTestId(TRACE_LIST.entryPoint),
    expected: "/user",
  },
] as const;

export type BenchFilter = (typeof FILTERS)[number];

/** What an in-page watch waits for once Enter is pressed: every row showing the filter's value. */
export interface FilterWatch {
  rowSelector: string;
  cellSelector: string;
  expected: string;
  timeoutMs: number;
}

/**
 * Types `filter` into the filter bar, arms `arm` in the page (it starts watching the rows),
 * presses Enter and gives what `read` reads in the page once the watch is done.
 */
export async function pressFilter<T>(
  page: Page,
  filter: BenchFilter,
  arm: (watch: FilterWatch) => void,
  read: () => Promise<T>,
): Promise<T> {
  const input = page.locator(byTestId(FILTER_BAR.input));
  await input.fill(filter.expression);
  await page.evaluate(arm, {
    rowSelector: ROW,
    cellSelector: filter.cell,
    expected: filter.expected,
    timeoutMs: 60_000,
  });
  await input.press("Enter");
  return page.evaluate(read);
}
