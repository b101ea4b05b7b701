/**
 * `pnpm bench:viewer`: the viewer with 100k traces in the daemon, against a baseline of 1k
 * traces measured in the same run, in Debian's Chromium. Measures time to the first row of
 * the list, frames while the list scrolls, and how long a filter takes to narrow the list
 * (and, for comparison, the daemon's own answer to the same filter over HTTP); for the
 * slow-requests workflow, the daemon's sorted query, time range and response-time
 * distribution over HTTP, the longest the event loop waited during those scans, and the time
 * from a click on a column header or a time range to the list showing the daemon's answer. It
 * measures; it never fails on a slow number.
 *
 *   pnpm bench:viewer [--sizes 1000,100000] [--reps 3]
 */

import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import type { Daemon } from "xray-sandbox";
import { LIST_CONTROLS } from "../../apps/viewer/src/slow/ListControls.markers.ts";
import { TRACE_LIST } from "../../apps/viewer/src/traces/TraceList.markers.ts";
import { chromiumLaunchOptions } from "../support/chromium.ts";
import { startBenchDaemon } from "./bench-daemon.ts";
import { type BenchFilter, byTestId, FILTERS, pressFilter, ROW } from "./list-filters.ts";
import {
  armFilterWatch,
  filterTiming,
  recordFirstAppearance,
  type ScrollResult,
  scrollSteadily,
} from "./page-probes.ts";
import {
  chooseUntil,
  clickUntilFirstRow,
  longestScanSlice,
  QUERY_CALLS,
  type QueryCallName,
  timeQueryCalls,
} from "./slow-requests-probes.ts";
import { median, percentile, renderTable } from "./summary-stats.ts";
import { syntheticDatagrams } from "./synthetic-traces.ts";

const SCROLL = { pixelsPerSecond: 3000, durationMs: 3000 } as const;

interface SizeResult {
  readonly traces: number;
  readonly ingestMs: number;
  readonly firstRowMs: number[];
  readonly scroll: ScrollResult;
  readonly filterMs: number[];
  readonly apiFilterMs: number[];
  readonly queryMs: Record<QueryCallName, number[]>;
  readonly longestSliceMs: number;
  readonly sortToListMs: number[];
  readonly rangeToListMs: number[];
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function measureSize(traces: number, reps: number): Promise<SizeResult> {
  const daemon = await startBenchDaemon({ maxTraces: traces + 1000, maxBytes: 2 * 1024 ** 3 });
  try {
    const datagrams = syntheticDatagrams(traces);
    const ingestStart = performance.now();
    for (const payload of datagrams) daemon.ingestDatagram(payload);
    const ingestMs = performance.now() - ingestStart;
    const held = daemon.stats().traces;
    if (held !== traces) throw new Error(`the daemon holds ${held} traces, not ${traces}`);
    progress(`${traces} traces: ingested in ${ingestMs.toFixed(0)} ms`);

    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      // tsx compiles this script keeping function names: nested functions become
      // `__name(fn, "name")` calls, which the page must be able to run.
      await context.addInitScript({ content: "globalThis.__name = (target) => target;" });
      await context.addInitScript(recordFirstAppearance, ROW);
      // The first load warms the browser (its cache, the assets' compilation); the next ones count.
      const firstRowMs: number[] = [];
      let page: Page | undefined;
      for (let load = 0; load <= reps; load++) {
        await page?.close();
        page = await context.newPage();
        await page.goto(`${daemon.url}/`);
        await page.locator(ROW).first().waitFor();
        const at = await page.evaluate(
          () => Reflect.get(window, "__benchFirstAppearance") as number,
        );
        if (load > 0) firstRowMs.push(at);
      }
      if (!page) throw new Error("no page was opened");
      progress(`${traces} traces: first row after ${median(firstRowMs).toFixed(0)} ms (median)`);

      const scroll = await page.evaluate(scrollSteadily, {
        selector: byTestId(TRACE_LIST.root),
        ...SCROLL,
      });
      progress(`${traces} traces: scrolled ${scroll.scrolledPixels} px`);

      const filterMs: number[] = [];
      for (let rep = 0; rep < reps; rep++) {
        for (const filter of FILTERS) filterMs.push(await timeFilter(page, filter));
      }
      progress(`${traces} traces: filters applied`);
      const apiFilterMs = await timeApiFilters(daemon, reps);
      const queryMs = await timeQueryCalls(daemon, reps);
      const longestSliceMs = await longestScanSlice(daemon);
      progress(`${traces} traces: queries timed`);
      const { sortToListMs, rangeToListMs } = await timeListInputs(daemon, page, reps);
      progress(`${traces} traces: sort and time range timed`);
      return {
        traces,
        ingestMs,
        firstRowMs,
        scroll,
        filterMs,
        apiFilterMs,
        queryMs,
        longestSliceMs,
        sortToListMs,
        rangeToListMs,
      };
    } finally {
      await browser.close();
    }
  } finally {
    await daemon.close();
  }
}

function timeFilter(page: Page, filter: BenchFilter): Promise<number> {
  return pressFilter(page, filter, armFilterWatch, filterTiming);
}

/**
 * A click on the Response time header (slowest first, then back to the live list) and a
 * time range chosen, each until the list shows the daemon's answer.
 */
async function timeListInputs(
  daemon: Daemon,
  page: Page,
  reps: number,
): Promise<{ sortToListMs: number[]; rangeToListMs: number[] }> {
  const slowest = (await (
    await fetch(`${daemon.url}/api/traces/query?sort=responsetime&limit=1`)
  ).json()) as { traces: { id: string }[] };
  const expectedId = slowest.traces[0]?.id;
  if (!expectedId) throw new Error("the daemon has no slowest trace");
  const sortButton = `${byTestId(TRACE_LIST.sortButton)}[data-sort="responsetime"]`;
  const sortToListMs: number[] = [];
  const rangeToListMs: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    await page.goto(`${daemon.url}/`);
    await page.locator(ROW).first().waitFor();
    sortToListMs.push(
      await page.evaluate(clickUntilFirstRow, {
        button: sortButton,
        rowSelector: ROW,
        doneSelector: byTestId(LIST_CONTROLS.order),
        expectedId,
        timeoutMs: 60_000,
      }),
    );
    await page.goto(`${daemon.url}/`);
    await page.locator(ROW).first().waitFor();
    rangeToListMs.push(
      await page.evaluate(chooseUntil, {
        selector: byTestId(LIST_CONTROLS.range),
        value: "15m",
        doneSelector: byTestId(LIST_CONTROLS.order),
        donePattern: "kept traces match",
        rowSelector: ROW,
        timeoutMs: 60_000,
      }),
    );
  }
  return { sortToListMs, rangeToListMs };
}

/** The daemon's answer to the same filters, first page of 100, over HTTP from Node. */
async function timeApiFilters(daemon: Daemon, reps: number): Promise<number[]> {
  const times: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const { expression } of FILTERS) {
      const url = `${daemon.url}/api/traces?${new URLSearchParams({ filter: expression, limit: "100" })}`;
      const start = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      times.push(performance.now() - start);
      if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    }
  }
  return times;
}

function report(results: readonly SizeResult[]): string {
  const baseline = results[0];
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const metrics: {
    name: string;
    value: (result: SizeResult) => number;
    show: (n: number) => string;
  }[] = [
    { name: "ingest (in-process, all traces)", value: (r) => r.ingestMs, show: ms },
    { name: "first row of the list (median)", value: (r) => median(r.firstRowMs), show: ms },
    {
      name: "scroll: frames per second",
      value: (r) => 1000 / median(r.scroll.frameIntervals),
      show: (n) => n.toFixed(1),
    },
    {
      name: "scroll: p95 frame time",
      value: (r) => percentile(r.scroll.frameIntervals, 95),
      show: (n) => `${n.toFixed(1)} ms`,
    },
    {
      name: "scroll: worst frame time",
      value: (r) => Math.max(...r.scroll.frameIntervals),
      show: (n) => `${n.toFixed(1)} ms`,
    },
    { name: "scroll: long tasks (> 50 ms)", value: (r) => r.scroll.longTasks, show: String },
    { name: "filter: Enter to list narrowed (median)", value: (r) => median(r.filterMs), show: ms },
    { name: "filter: slowest", value: (r) => Math.max(...r.filterMs), show: ms },
    { name: "filter: GET /api/traces (median)", value: (r) => median(r.apiFilterMs), show: ms },
    ...QUERY_CALLS.map((call) => ({
      name: `API ${call.name} (median)`,
      value: (r: SizeResult) => median(r.queryMs[call.name]),
      show: ms,
    })),
    ...QUERY_CALLS.map((call) => ({
      name: `API ${call.name} (slowest)`,
      value: (r: SizeResult) => Math.max(...r.queryMs[call.name]),
      show: ms,
    })),
    {
      name: "scans: longest event-loop block",
      value: (r) => r.longestSliceMs,
      show: (n) => `${n.toFixed(1)} ms`,
    },
    {
      name: "sort click to list (median)",
      value: (r) => median(r.sortToListMs),
      show: ms,
    },
    { name: "sort click to list (slowest)", value: (r) => Math.max(...r.sortToListMs), show: ms },
    {
      name: "time range to list (median)",
      value: (r) => median(r.rangeToListMs),
      show: ms,
    },
    {
      name: "time range to list (slowest)",
      value: (r) => Math.max(...r.rangeToListMs),
      show: ms,
    },
  ];
  const header = ["", ...results.map((r) => `${r.traces.toLocaleString("en")} traces`)];
  if (results.length > 1) header.push("ratio");
  const rows = metrics.map((metric) => {
    const values = results.map(metric.value);
    const row = [metric.name, ...values.map(metric.show)];
    const last = values.at(-1);
    const first = baseline ? metric.value(baseline) : undefined;
    if (results.length > 1 && last !== undefined && first !== undefined) {
      row.push(first === 0 ? "–" : `×${(last / first).toFixed(2)}`);
    }
    return row;
  });
  return renderTable(header, rows);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,100000" },
      reps: { type: "string", default: "3" },
    },
  });
  const sizes = values.sizes.split(",").map((text) => Number(text.replaceAll("_", "")));
  const reps = Number(values.reps);
  if (sizes.some((size) => !Number.isSafeInteger(size) || size < 1) || !(reps >= 1)) {
    throw new Error("usage: list-100k [--sizes 1000,100000] [--reps 3]");
  }
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await measureSize(size, reps));
  process.stdout.write(
    `\nviewer with ${sizes.join(" vs ")} traces; scroll ${SCROLL.pixelsPerSecond} px/s for ${SCROLL.durationMs} ms; ${reps} × ${FILTERS.length} filters\n\n${report(results)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
