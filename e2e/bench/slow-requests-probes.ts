/**
 * What `pnpm bench:viewer` measures of the slow-requests workflow: the daemon's query and
 * distribution answers over HTTP, and, in the page, the time from an input (a column header, the
 * time range) to the list showing the daemon's answer. Page functions run in the browser: no
 * imports.
 */

import type { Daemon } from "xray-sandbox";

/** The API calls a user's input makes, each timed over HTTP from Node. */
export const QUERY_CALLS = [
  { name: "distribution", path: "/api/traces/distribution?points=600" },
  { name: "sort by response time", path: "/api/traces/query?sort=responsetime&limit=200" },
  { name: "time range (last 5 min)", path: "/api/traces/query?from=-5m&limit=200" },
  {
    name: "filter + sort",
    path: `/api/traces/query?sort=responsetime&limit=200&filter=${encodeURIComponent("http.status = 500")}`,
  },
] as const;

export type QueryCallName = (typeof QUERY_CALLS)[number]["name"];

export async function timeQueryCalls(
  daemon: Daemon,
  reps: number,
): Promise<Record<QueryCallName, number[]>> {
  const times = Object.fromEntries(
    QUERY_CALLS.map((call) => [call.name, [] as number[]]),
  ) as Record<QueryCallName, number[]>;
  for (let rep = 0; rep < reps; rep++) {
    for (const call of QUERY_CALLS) {
      const start = performance.now();
      const response = await fetch(`${daemon.url}${call.path}`);
      await response.arrayBuffer();
      times[call.name].push(performance.now() - start);
      if (!response.ok) throw new Error(`GET ${call.path}: ${response.status}`);
    }
  }
  return times;
}

/** The longest the event loop went without a turn during the scans (`/api/stats` filters). */
export async function longestScanSlice(daemon: Daemon): Promise<number> {
  const response = await fetch(`${daemon.url}/api/stats`);
  const body = (await response.json()) as { filters: { longestSliceMs: number } };
  return body.filters.longestSliceMs;
}

/**
 * Clicks `button` and resolves with the milliseconds until `doneSelector` is shown (the list
 * is the daemon's) and the first row of `rowSelector` is trace `expectedId` (checked every
 * animation frame).
 */
export function clickUntilFirstRow(args: {
  button: string;
  rowSelector: string;
  doneSelector: string;
  expectedId: string;
  timeoutMs: number;
}): Promise<number> {
  const button = document.querySelector<HTMLElement>(args.button);
  if (!button) throw new Error(`no ${args.button}`);
  const start = performance.now();
  button.click();
  return new Promise((resolve, reject) => {
    const check = () => {
      const row = document.querySelector(args.rowSelector);
      const done = document.querySelector(args.doneSelector);
      if (done && row?.getAttribute("data-trace-id") === args.expectedId) {
        resolve(performance.now() - start);
      } else if (performance.now() - start > args.timeoutMs) {
        reject(new Error(`the first row did not become ${args.expectedId}`));
      } else requestAnimationFrame(check);
    };
    check();
  });
}

/**
 * Chooses `value` in the select `selector` and resolves with the milliseconds until
 * `doneSelector` shows text matching `donePattern` and a row is shown.
 */
export function chooseUntil(args: {
  selector: string;
  value: string;
  doneSelector: string;
  donePattern: string;
  rowSelector: string;
  timeoutMs: number;
}): Promise<number> {
  const select = document.querySelector<HTMLSelectElement>(args.selector);
  if (!select) throw new Error(`no ${args.selector}`);
  const pattern = new RegExp(args.donePattern);
  const start = performance.now();
  // React reads a select's value through its own setter: set it the way the browser would.
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")?.set;
  setter?.call(select, args.value);
  select.dispatchEvent(new Event("change", { bubbles: true }));
  return new Promise((resolve, reject) => {
    const check = () => {
      const done = document.querySelector(args.doneSelector);
      if (
        done &&
        pattern.test(done.textContent ?? "") &&
        document.querySelector(args.rowSelector)
      ) {
        resolve(performance.now() - start);
      } else if (performance.now() - start > args.timeoutMs) {
        reject(new Error(`${args.doneSelector} never matched ${args.donePattern}`));
      } else requestAnimationFrame(check);
    };
    check();
  });
}
