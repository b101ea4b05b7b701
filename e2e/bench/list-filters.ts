/** What the list benches type into the filter bar, and how they find the list's rows. */

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
