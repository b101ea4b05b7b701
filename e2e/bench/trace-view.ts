/**
 * `pnpm bench:trace-view`: the trace view of a 10,000-node trace, against a baseline of a
 * 100-node trace measured in the same run, in Debian's Chromium: time from a click on the
 * trace in the list to its first timeline row; from navigation to it (a page loaded on the
 * trace's link: the app's own start included), and from the trace's data arriving to it (the
 * viewer's own work); then a find over every node and a zoom with the minimap's brush. And the
 * compare page of two 1,000-node traces against two 100-node ones: time to the aligned outline
 * from a Shift+click on the second in the list (the first marked), from navigation and from
 * both traces' data.
 * It measures; it never fails on a slow number.
 *
 *   pnpm bench:trace-view [--reps 3]
 */

import { parseArgs } from "node:util";
import { type BrowserContext, chromium, type Page } from "@playwright/test";
import { COMPARE } from "../../apps/viewer/src/compare/Compare.markers.ts";
import { TIMELINE } from "../../apps/viewer/src/trace/Timeline.markers.ts";
import { TRACE_TOOLS } from "../../apps/viewer/src/trace/TraceTools.markers.ts";
import { TRACE_LIST } from "../../apps/viewer/src/traces/TraceList.markers.ts";
import { chromiumLaunchOptions } from "../support/chromium.ts";
import { type Document, datagram } from "../support/segments.ts";
import { startBenchDaemon } from "./bench-daemon.ts";
import { bigTrace } from "./big-trace.ts";
import { loadUntilFirstAppearance } from "./first-appearance.ts";
import {
  hasLoadedScript,
  longestTaskAfter,
  recordLongTasks,
  timeClickTo,
  traceReadEndBefore,
} from "./page-probes.ts";
import { median, renderTable } from "./summary-stats.ts";

const byTestId = (id: string) => `[data-testid="${id}"]`;

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

interface ViewResult {
  readonly nodes: number;
  readonly fromListMs: number[];
  readonly longestAfterMs: number[];
  readonly openMs: number[];
  readonly afterDataMs: number[];
  readonly findMs: number[];
  readonly zoomMs: number[];
}

/** How long after the first row the page's long tasks are watched. */
const SETTLE_MS = 1500;

/**
 * Time from navigation to the first row of `selector`, and from the last trace read from the
 * daemon (`GET /api/traces/:id` fully received) to it: the viewer's own work on the trace;
 * and the longest task in the `SETTLE_MS` after that row (what is worked out once the first
 * rows are on screen: how long a key or a scroll may wait then). The first load only warms
 * the browser.
 */
async function openTimes(
  context: BrowserContext,
  url: string,
  selector: string,
  reps: number,
): Promise<{ times: number[]; afterData: number[]; longestAfter: number[]; page: Page }> {
  const times: number[] = [];
  const afterData: number[] = [];
  const longestAfter: number[] = [];
  let page: Page | undefined;
  for (let load = 0; load <= reps; load++) {
    await page?.close();
    page = await context.newPage();
    await page.addInitScript(recordLongTasks);
    const at = await loadUntilFirstAppearance(page, url, selector);
    await page.waitForTimeout(SETTLE_MS);
    if (load > 0) {
      times.push(at);
      afterData.push(at - (await page.evaluate(traceReadEndBefore, at)));
      longestAfter.push(await page.evaluate(longestTaskAfter, at));
    }
  }
  if (!page) throw new Error("no page was opened");
  return { times, afterData, longestAfter, page };
}

const listRow = (traceId: string) => `${byTestId(TRACE_LIST.row)}[data-trace-id="${traceId}"]`;

/**
 * Time from a click on the trace's row in the list to the trace's first timeline row, as a
 * user opens it: the list loaded and idle (the trace view's code loaded while it was). The
 * first load only warms the browser.
 */
function fromListTimes(
  context: BrowserContext,
  listUrl: string,
  traceId: string,
  reps: number,
): Promise<number[]> {
  return clickTimes(context, listUrl, reps, "TracePage", async (page) => {
    return page.evaluate(timeClickTo, {
      clickSelector: listRow(traceId),
      awaitedSelector: byTestId(TIMELINE.row),
    });
  });
}

/**
 * Time from the Shift+click on the second of two traces in the list (the first marked with
 * one already) to the comparison's first aligned row.
 */
function compareFromListTimes(
  context: BrowserContext,
  listUrl: string,
  traceIds: readonly [string, string],
  reps: number,
): Promise<number[]> {
  return clickTimes(context, listUrl, reps, "ComparePage", async (page) => {
    await page.locator(listRow(traceIds[0])).click({ modifiers: ["Shift"] });
    return page.evaluate(timeClickTo, {
      clickSelector: listRow(traceIds[1]),
      awaitedSelector: byTestId(COMPARE.alignedRow),
      shiftKey: true,
    });
  });
}

/**
 * Opens the list `reps + 1` times (the first only warms the browser), waits until it is idle
 * with `view`'s code loaded, and times `click` on it each time.
 */
async function clickTimes(
  context: BrowserContext,
  listUrl: string,
  reps: number,
  view: string,
  click: (page: Page) => Promise<number>,
): Promise<number[]> {
  const times: number[] = [];
  for (let load = 0; load <= reps; load++) {
    const page = await context.newPage();
    await page.goto(listUrl);
    await page.locator(byTestId(TRACE_LIST.row)).first().waitFor({ timeout: 120_000 });
    await page.waitForFunction(hasLoadedScript, `/assets/${view}-[^/]*\\.js$`, {
      timeout: 120_000,
    });
    const ms = await click(page);
    if (load > 0) times.push(ms);
    await page.close();
  }
  return times;
}

/** Types `query` and waits, in the page, for the count to say how many matched. */
async function timeFind(page: Page, query: string): Promise<number> {
  const input = page.locator(byTestId(TRACE_TOOLS.find));
  await input.fill("");
  return page.evaluate(
    async ({ query, inputSelector, countSelector }) => {
      const input = document.querySelector(inputSelector) as HTMLInputElement;
      const count = document.querySelector(countSelector) as HTMLElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
      const started = performance.now();
      setter?.call(input, query);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      while (!/match/.test(count.textContent ?? "")) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - started;
    },
    {
      query,
      inputSelector: byTestId(TRACE_TOOLS.find),
      countSelector: byTestId(TRACE_TOOLS.findCount),
    },
  );
}

/** Presses + on the brush and waits, in the page, for the axis to change. */
async function timeZoom(page: Page): Promise<number> {
  await page.locator(byTestId(TRACE_TOOLS.brush)).focus();
  await page.keyboard.press("Home");
  return page.evaluate(async (axisSelector) => {
    const axis = document.querySelector(axisSelector) as HTMLElement;
    const before = axis.textContent;
    const brush = document.activeElement as HTMLElement;
    const started = performance.now();
    brush.dispatchEvent(new KeyboardEvent("keydown", { key: "+", bubbles: true }));
    while (axis.textContent === before) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - started;
  }, byTestId(TIMELINE.axis));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reps: { type: "string", default: "3" } } });
  const reps = Math.max(1, Number(values.reps) || 3);
  const daemon = await startBenchDaemon();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const send = (documents: readonly Document[]) => {
      for (const document of documents) daemon.ingestDatagram(datagram(document));
    };
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: "globalThis.__name = (target) => target;" });

    const views: ViewResult[] = [];
    for (const nodes of [100, 10_000]) {
      const trace = bigTrace(nodes);
      send(trace.documents);
      const fromListMs = await fromListTimes(context, `${daemon.url}/`, trace.traceId, reps);
      progress(
        `${nodes} nodes: first row ${median(fromListMs).toFixed(0)} ms after a click in the list`,
      );
      const { times, afterData, longestAfter, page } = await openTimes(
        context,
        `${daemon.url}/traces/${trace.traceId}`,
        byTestId(TIMELINE.row),
        reps,
      );
      const held = await page.locator(byTestId(TIMELINE.row)).count();
      progress(
        `${nodes} nodes: first row after ${median(times).toFixed(0)} ms, ${held} rows in the DOM`,
      );
      const findMs: number[] = [];
      const zoomMs: number[] = [];
      for (let rep = 0; rep < reps; rep++) {
        findMs.push(await timeFind(page, rep % 2 === 0 ? "orders" : "t-7"));
        zoomMs.push(await timeZoom(page));
      }
      const found = await page.locator(byTestId(TRACE_TOOLS.findCount)).textContent();
      progress(`${nodes} nodes: find says "${found}"`);
      views.push({
        nodes,
        fromListMs,
        longestAfterMs: longestAfter,
        openMs: times,
        afterDataMs: afterData,
        findMs,
        zoomMs,
      });
      await page.close();
    }

    const compares: { nodes: number; fromListMs: number[]; ms: number[]; afterData: number[] }[] =
      [];
    for (const nodes of [100, 1000]) {
      const a = bigTrace(nodes, true);
      const b = bigTrace(nodes);
      send([...a.documents, ...b.documents]);
      const fromListMs = await compareFromListTimes(
        context,
        `${daemon.url}/`,
        [a.traceId, b.traceId],
        reps,
      );
      progress(
        `compare ${nodes} nodes: aligned ${median(fromListMs).toFixed(0)} ms after a Shift+click in the list`,
      );
      const { times, afterData, page } = await openTimes(
        context,
        `${daemon.url}/compare?a=${a.traceId}&b=${b.traceId}`,
        byTestId(COMPARE.alignedRow),
        reps,
      );
      const rows = await page.locator(byTestId(COMPARE.alignedRow)).count();
      progress(
        `compare ${nodes} nodes: aligned after ${median(times).toFixed(0)} ms, ${rows} rows`,
      );
      compares.push({ nodes, fromListMs, ms: times, afterData });
      await page.close();
    }

    const [smallView, bigView] = views;
    const [smallCompare, bigCompare] = compares;
    if (!smallView || !bigView || !smallCompare || !bigCompare) throw new Error("missing results");
    /** A table row: the medians of the baseline and the large case, their ratio, the target. */
    const row = (label: string, base: number[], large: number[], target = "") => {
      const [baseMs, largeMs] = [median(base), median(large)];
      return [
        label,
        baseMs.toFixed(0),
        largeMs.toFixed(0),
        baseMs > 0 ? `${(largeMs / baseMs).toFixed(1)}x` : "-",
        target,
      ];
    };
    const view = (
      key: "fromListMs" | "openMs" | "afterDataMs" | "longestAfterMs" | "findMs" | "zoomMs",
    ) => [smallView[key], bigView[key]] as const;
    const compare = (key: "fromListMs" | "ms" | "afterData") =>
      [smallCompare[key], bigCompare[key]] as const;
    process.stdout.write(
      `${renderTable(
        ["measure (median ms)", "baseline", "large", "large/baseline", "target"],
        [
          row(
            "trace view: click in the list to first row (100 vs 10,000 nodes)",
            ...view("fromListMs"),
            "< 500",
          ),
          row("trace view: page load on its link to first row", ...view("openMs"), "< 500"),
          row("trace view: trace read to first row", ...view("afterDataMs"), "< 500"),
          row(
            `trace view: longest task in the ${SETTLE_MS / 1000} s after the first row`,
            ...view("longestAfterMs"),
          ),
          row("trace view: find over every node", ...view("findMs")),
          row("trace view: zoom with the minimap brush", ...view("zoomMs")),
          row(
            "compare: Shift+click in the list to aligned outline (2x100 vs 2x1,000)",
            ...compare("fromListMs"),
            "< 300",
          ),
          row("compare: page load on its link to aligned outline", ...compare("ms"), "< 300"),
          row("compare: both traces read to aligned outline", ...compare("afterData"), "< 300"),
        ],
      )}\n`,
    );
  } finally {
    await browser.close();
    await daemon.close();
  }
}

await main();
