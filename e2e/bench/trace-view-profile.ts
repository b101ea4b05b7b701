/**
 * `tsx e2e/bench/trace-view-profile.ts`: where the trace view's open time goes. Opens a large trace
 * (or the compare page of two) once to warm the browser, then again under Chromium's CPU
 * profiler, and prints the requests' timings and the functions that took the most time
 * between navigation and the first row. Build the viewer unminified to read the names:
 *
 *   pnpm --filter @xray-sandbox/viewer exec vite build --minify false --outDir /tmp/viewer-plain
 *   XRAY_SANDBOX_VIEWER_DIR=/tmp/viewer-plain tsx e2e/bench/trace-view-profile.ts [--nodes 10000] [--compare]
 */

import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { COMPARE } from "../../apps/viewer/src/compare/Compare.markers.ts";
import { TIMELINE } from "../../apps/viewer/src/trace/Timeline.markers.ts";
import { chromiumLaunchOptions } from "../support/chromium.ts";
import { datagram } from "../support/segments.ts";
import { startBenchDaemon } from "./bench-daemon.ts";
import { bigTrace } from "./big-trace.ts";
import { type Profile, selfTimes } from "./cpu-profile.ts";
import { recordFirstAppearance } from "./page-probes.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      nodes: { type: "string", default: "10000" },
      compare: { type: "boolean", default: false },
    },
  });
  const nodes = Number(values.nodes) || 10_000;
  const daemon = await startBenchDaemon();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const a = bigTrace(nodes, true);
    const b = bigTrace(nodes);
    for (const document of [...a.documents, ...b.documents]) {
      daemon.ingestDatagram(datagram(document));
    }
    const url = values.compare
      ? `${daemon.url}/compare?a=${a.traceId}&b=${b.traceId}`
      : `${daemon.url}/traces/${b.traceId}`;
    const selector = `[data-testid="${values.compare ? COMPARE.alignedRow : TIMELINE.row}"]`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: "globalThis.__name = (target) => target;" });
    for (const profiled of [false, true]) {
      const page = await context.newPage();
      await page.addInitScript(recordFirstAppearance, selector);
      const session = await context.newCDPSession(page);
      if (profiled) {
        await session.send("Profiler.enable");
        await session.send("Profiler.setSamplingInterval", { interval: 200 });
        await session.send("Profiler.start");
      }
      await page.goto(url);
      await page.locator(selector).first().waitFor({ timeout: 120_000 });
      const timings = await page.evaluate(() => {
        const at = Reflect.get(window, "__benchFirstAppearance") as number;
        const lines = performance
          .getEntriesByType("resource")
          .map((entry) => entry as PerformanceResourceTiming)
          .filter((entry) => entry.startTime <= at)
          .map(
            (entry) =>
              `${entry.startTime.toFixed(0).padStart(6)} → ${entry.responseEnd.toFixed(0).padStart(6)} ms  ${new URL(entry.name).pathname}`,
          );
        const navigation = performance.getEntriesByType(
          "navigation",
        )[0] as PerformanceNavigationTiming;
        return [
          `document ${navigation.responseEnd.toFixed(0)} ms, DOMContentLoaded ${navigation.domContentLoadedEventEnd.toFixed(0)} ms`,
          ...lines,
          `first row ${at.toFixed(0)} ms`,
        ];
      });
      if (profiled) {
        const { profile } = (await session.send("Profiler.stop")) as { profile: Profile };
        process.stdout.write(`${timings.join("\n")}\n\nself time by function:\n`);
        process.stdout.write(`${selfTimes(profile, 40).join("\n")}\n`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await daemon.close();
  }
}

await main();
