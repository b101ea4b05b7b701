/**
 * `tsx e2e/bench/trace-view-ab.ts DIR_A DIR_B [...] [--nodes 10000] [--loads 12]`: the trace
 * view's open (navigation → first timeline row, and trace read → first row) for viewer builds
 * side by side, each served by a daemon of its own holding the same trace, the page loads
 * alternating between them (A B, then B A, ...) so each build meets the same machine load.
 * Medians, and every load. One load of each warms the browser first.
 *
 *   pnpm --filter @xray-sandbox/viewer exec vite build --outDir /tmp/viewer-before   # on the old code
 *   pnpm build && tsx e2e/bench/trace-view-ab.ts /tmp/viewer-before apps/viewer/dist
 */

import { parseArgs } from "node:util";
import { type BrowserContext, chromium } from "@playwright/test";
import { TIMELINE } from "../../apps/viewer/src/trace/Timeline.markers.ts";
import { chromiumLaunchOptions } from "../support/chromium.ts";
import { datagram } from "../support/segments.ts";
import { startBenchDaemon } from "./bench-daemon.ts";
import { bigTrace } from "./big-trace.ts";
import { loadUntilFirstAppearance } from "./first-appearance.ts";
import { traceReadEndBefore } from "./page-probes.ts";
import { median } from "./summary-stats.ts";

const ROW = `[data-testid="${TIMELINE.row}"]`;

interface Load {
  /** Navigation → first row (ms). */
  readonly open: number;
  /** The trace's read fully received → first row (ms). */
  readonly afterRead: number;
}

async function openOnce(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  try {
    const at = await loadUntilFirstAppearance(page, url, ROW);
    return { open: at, afterRead: at - (await page.evaluate(traceReadEndBefore, at)) };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals: dirs } = parseArgs({
    allowPositionals: true,
    options: {
      nodes: { type: "string", default: "10000" },
      loads: { type: "string", default: "12" },
    },
  });
  if (dirs.length === 0) throw new Error("name the viewer builds to compare");
  const nodes = Number(values.nodes) || 10_000;
  const loads = Math.max(1, Number(values.loads) || 12);
  const trace = bigTrace(nodes);
  const daemons = await Promise.all(dirs.map((dir) => startBenchDaemon({}, dir)));
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    for (const daemon of daemons) {
      for (const document of trace.documents) daemon.ingestDatagram(datagram(document));
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: "globalThis.__name = (target) => target;" });
    const urls = daemons.map((daemon) => `${daemon.url}/traces/${trace.traceId}`);
    for (const url of urls) await openOnce(context, url);
    const results: Load[][] = urls.map(() => []);
    for (let load = 0; load < loads; load++) {
      const order = urls.map((_, at) => (load % 2 === 0 ? at : urls.length - 1 - at));
      for (const at of order) results[at]?.push(await openOnce(context, urls[at] as string));
    }
    process.stdout.write(`${nodes} nodes, ${loads} loads each, alternating\n`);
    for (const [at, dir] of dirs.entries()) {
      const taken = results[at] ?? [];
      const opens = taken.map((load) => load.open);
      const afterReads = taken.map((load) => load.afterRead);
      process.stdout.write(
        `${dir}: open → first row ${median(opens).toFixed(0)} ms (${opens.map((ms) => ms.toFixed(0)).join(" ")}), read → first row ${median(afterReads).toFixed(0)} ms\n`,
      );
    }
  } finally {
    await browser.close();
    await Promise.all(daemons.map((daemon) => daemon.close()));
  }
}

await main();
