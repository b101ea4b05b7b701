/**
 * `tsx e2e/bench/filter-enter-profile.ts`: where the list's filter Enter → narrowed list goes,
 * the same step `pnpm bench:viewer` times. Types the bench's two filters alternately into the
 * list's filter bar and splits each Enter into its parts (the keydown's handlers, the
 * `subscribe` sent, the snapshot's message taken and handled, the matching rows in the DOM,
 * the animation frame that sees them); with `--profile`, also records Chromium's CPU profile
 * over the Enters and prints the functions that took the most time. Build the viewer
 * unminified to read the names:
 *
 *   pnpm --filter @xray-sandbox/viewer exec vite build --minify false --outDir /tmp/viewer-plain
 *   XRAY_SANDBOX_VIEWER_DIR=/tmp/viewer-plain tsx e2e/bench/filter-enter-profile.ts --profile
 *
 *   tsx e2e/bench/filter-enter-profile.ts [--traces 1000] [--reps 10] [--profile]
 */

import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../support/chromium.ts";
import { startBenchDaemon } from "./bench-daemon.ts";
import { type Profile, selfTimes, totalTimes } from "./cpu-profile.ts";
import {
  armEnterParts,
  type EnterParts,
  enterParts,
  recordSocketTimes,
} from "./filter-enter-probes.ts";
import { type BenchFilter, FILTERS, pressFilter, ROW } from "./list-filters.ts";
import { median, renderTable } from "./summary-stats.ts";
import { syntheticDatagrams } from "./synthetic-traces.ts";

function timeEnter(page: Page, filter: BenchFilter): Promise<EnterParts> {
  return pressFilter(page, filter, armEnterParts, enterParts);
}

const PARTS: readonly { name: string; at: (parts: EnterParts) => number }[] = [
  { name: "keydown handled (URL render)", at: (p) => p.keydownDoneMs },
  { name: "subscribe sent", at: (p) => p.subscribeSentMs },
  { name: "snapshot message taken", at: (p) => p.snapshotEventMs },
  { name: "snapshot handler returned", at: (p) => p.snapshotHandledMs },
  { name: "matching rows in the DOM", at: (p) => p.rowsInDomMs },
  { name: "frame that sees them", at: (p) => p.frameMs },
  { name: "distribution asked", at: (p) => p.distributionAskedMs },
  { name: "distribution answered", at: (p) => p.distributionAnsweredMs },
  { name: "commits on the way", at: (p) => p.commits },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      traces: { type: "string", default: "1000" },
      reps: { type: "string", default: "10" },
      profile: { type: "boolean", default: false },
      raw: { type: "boolean", default: false },
      trace: { type: "string" },
    },
  });
  const traces = Number(values.traces);
  const reps = Number(values.reps);
  const daemon = await startBenchDaemon({ maxTraces: traces + 1000, maxBytes: 2 * 1024 ** 3 });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    for (const payload of syntheticDatagrams(traces)) daemon.ingestDatagram(payload);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: "globalThis.__name = (target) => target;" });
    await context.addInitScript(recordSocketTimes);
    const page = await context.newPage();
    await page.goto(`${daemon.url}/`);
    await page.locator(ROW).first().waitFor();
    // Warm up: the first filters compile the code paths and build the daemon's summaries.
    for (const filter of FILTERS) await timeEnter(page, filter);
    const session = await context.newCDPSession(page);
    if (values.profile) {
      await session.send("Profiler.enable");
      await session.send("Profiler.setSamplingInterval", { interval: 100 });
      await session.send("Profiler.start");
    }
    if (values.trace) {
      await browser.startTracing(page, {
        path: values.trace,
        categories: [
          "devtools.timeline",
          "disabled-by-default-devtools.timeline",
          "blink.user_timing",
          "v8.execute",
          "toplevel",
        ],
      });
      await page.evaluate(() => performance.mark("enters-start"));
    }
    const measured: EnterParts[] = [];
    for (let rep = 0; rep < reps; rep++) {
      for (const filter of FILTERS) measured.push(await timeEnter(page, filter));
    }
    if (values.trace) await browser.stopTracing();
    const rows = PARTS.map((part) => {
      const values = measured.map(part.at);
      return [
        part.name,
        median(values).toFixed(1),
        Math.min(...values).toFixed(1),
        Math.max(...values).toFixed(1),
      ];
    });
    process.stdout.write(
      `\n${traces} traces, ${measured.length} Enters (ms since the keydown)\n\n${renderTable(["", "median", "min", "max"], rows)}\n`,
    );
    if (values.raw) {
      for (const parts of measured)
        process.stdout.write(`${PARTS.map((part) => part.at(parts).toFixed(1)).join("\t")}\n`);
    }
    if (values.profile) {
      const { profile } = (await session.send("Profiler.stop")) as { profile: Profile };
      process.stdout.write(`\nself time by function, over the ${measured.length} Enters:\n`);
      process.stdout.write(`${selfTimes(profile, 30).join("\n")}\n`);
      process.stdout.write(`\ntotal time by function (with what it called):\n`);
      process.stdout.write(`${totalTimes(profile, 70).join("\n")}\n`);
    }
  } finally {
    await browser.close();
    await daemon.close();
  }
}

await main();
