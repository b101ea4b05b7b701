/**
 * `pnpm bench:map`: the service map of 50 services in Debian's Chromium, against a 5-service
 * map measured in the same run. For each size: the daemon's `GetServiceGraph` answer over
 * HTTP, the time from navigating to `/map` until every service is drawn (loading the page, the
 * live connection, that answer, the layout and the drawing), and the part of it from the
 * answer reaching the page to every service drawn (the model, the layout and the SVG). It measures; it never fails on
 * a slow number. The layout alone is in `pnpm bench:map-layout`.
 *
 *   pnpm bench:map [--sizes 5,50] [--reps 3]
 */

import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import type { Daemon } from "xray-sandbox";
import { SERVICE_MAP } from "../../apps/viewer/src/map/ServiceMap.markers.ts";
import { chromiumLaunchOptions } from "../support/chromium.ts";
import {
  type Document,
  datagram,
  newSegmentId,
  newTraceId,
  requestSegment,
  subsegment,
} from "../support/segments.ts";
import { startBenchDaemon } from "./bench-daemon.ts";
import { median, renderTable } from "./summary-stats.ts";

/** Traces sent for each call between two services. */
const TRACES_PER_CALL = 5;

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Calls between `count` services in layers: an entry point, APIs, services, stores. */
function calls(count: number): [number, number][] {
  const layers = [1, Math.ceil(count * 0.1), Math.ceil(count * 0.3)];
  layers.push(Math.max(1, count - layers.reduce((a, b) => a + b, 0)));
  const layerOf: number[] = [];
  for (const [layer, size] of layers.entries()) {
    for (let i = 0; i < size && layerOf.length < count; i++) layerOf.push(layer);
  }
  const result: [number, number][] = [];
  for (const [from, layer] of layerOf.entries()) {
    const later = layerOf.flatMap((other, index) => (other === layer + 1 ? [index] : []));
    for (let k = 0; k < Math.min(3, later.length); k++) {
      const to = later[(from * 7 + k * 3) % later.length];
      if (to !== undefined && !result.some(([a, b]) => a === from && b === to)) {
        result.push([from, to]);
      }
    }
  }
  // Services no one calls yet are called by the entry point, so that all are drawn.
  for (let id = 1; id < count; id++) {
    if (!result.some(([, to]) => to === id)) result.push([0, id]);
  }
  return result;
}

/** One trace of `from` calling `to`: the caller's segment with its call, the callee's segment. */
function callTrace(from: string, to: string, index: number): Document[] {
  const traceId = newTraceId();
  const start = Date.now() / 1000 - 60 + index * 0.01;
  const callId = newSegmentId();
  const status = index % 40 === 0 ? 500 : 200;
  const call = subsegment({
    name: to,
    id: callId,
    start: start + 0.001,
    duration: 0.02,
    extra: {
      namespace: "remote",
      http: { request: { url: `http://${to}/`, method: "GET" }, response: { status } },
      ...(status === 500 ? { fault: true } : {}),
      traced: true,
    },
  });
  return [
    requestSegment({ name: from, traceId, start, duration: 0.03, subsegments: [call] }),
    requestSegment({
      name: to,
      traceId,
      parentId: callId,
      start: start + 0.002,
      duration: 0.015,
      status,
    }),
  ];
}

async function graphAnswerMs(daemon: Daemon): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${daemon.url}/ServiceGraph`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ StartTime: 0, EndTime: Date.now() / 1000 + 3600 }),
  });
  await response.json();
  return performance.now() - started;
}

interface SizeResult {
  readonly services: number;
  readonly calls: number;
  readonly apiMs: number[];
  readonly drawnMs: number[];
  /** From the graph's answer arriving in the page to every service drawn: model, layout, SVG. */
  readonly afterAnswerMs: number[];
  /** From navigating to the page asking for the graph: loading and starting the viewer. */
  readonly askedMs: number[];
}

/** Installed before the page's own scripts: records when `services` nodes are on the page. */
function recordAllDrawn(args: { selector: string; services: number }): void {
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll(args.selector).length < args.services) return;
    Reflect.set(window, "__benchAllDrawn", performance.now());
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function measure(services: number, reps: number): Promise<SizeResult> {
  const daemon = await startBenchDaemon();
  try {
    const edges = calls(services);
    let sent = 0;
    for (const [from, to] of edges) {
      for (let i = 0; i < TRACES_PER_CALL; i++) {
        for (const document of callTrace(`svc-${from}`, `svc-${to}`, sent++)) {
          daemon.ingestDatagram(datagram(document));
        }
      }
    }
    const apiMs: number[] = [];
    for (let rep = 0; rep < reps; rep++) apiMs.push(await graphAnswerMs(daemon));

    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(recordAllDrawn, {
        selector: `[data-testid^="${SERVICE_MAP.node}:"]`,
        services,
      });
      const drawnMs: number[] = [];
      const afterAnswerMs: number[] = [];
      const askedMs: number[] = [];
      // The first load warms the browser (its cache, the assets' compilation); the next ones count.
      for (let load = 0; load <= reps; load++) {
        const page = await context.newPage();
        await page.goto(`${daemon.url}/map`);
        const selector = `[data-testid^="${SERVICE_MAP.node}:"]`;
        await page.waitForFunction(
          ({ selector, services }) => document.querySelectorAll(selector).length >= services,
          { selector, services },
          { timeout: 60_000 },
        );
        const at = await page.evaluate(() => {
          const drawn = Reflect.get(window, "__benchAllDrawn") as number;
          const answers = performance
            .getEntriesByType("resource")
            .filter((entry) => entry.name.endsWith("/ServiceGraph"));
          const answered = Math.min(
            ...answers.map((entry) => (entry as PerformanceResourceTiming).responseEnd),
          );
          const asked = Math.min(...answers.map((entry) => entry.startTime));
          return { drawn, answered, asked };
        });
        if (load > 0) {
          drawnMs.push(at.drawn);
          afterAnswerMs.push(at.drawn - at.answered);
          askedMs.push(at.asked);
        }
        await page.close();
      }
      progress(`${services} services: drawn after ${median(drawnMs).toFixed(0)} ms (median)`);
      return { services, calls: edges.length, apiMs, drawnMs, afterAnswerMs, askedMs };
    } finally {
      await browser.close();
    }
  } finally {
    await daemon.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: "string", default: "5,50" }, reps: { type: "string", default: "3" } },
  });
  const sizes = values.sizes.split(",").map(Number);
  const reps = Number(values.reps);
  if (sizes.some((size) => !Number.isInteger(size) || size < 2) || !(reps >= 1)) {
    throw new Error("--sizes takes whole numbers of at least 2, --reps a whole number");
  }
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await measure(size, reps));
  const baseline = results[0];
  const rows = results.map((result) => [
    `${result.services} services, ${result.calls} calls`,
    `${median(result.apiMs).toFixed(0)} ms`,
    `${median(result.askedMs).toFixed(0)} ms`,
    `${median(result.drawnMs).toFixed(0)} ms`,
    `${median(result.afterAnswerMs).toFixed(0)} ms`,
    baseline === undefined
      ? "–"
      : `${(median(result.drawnMs) / median(baseline.drawnMs)).toFixed(2)}×`,
  ]);
  process.stdout.write(
    `${renderTable(
      [
        "map",
        "GetServiceGraph (HTTP)",
        "navigation → graph asked",
        "navigation → every service drawn",
        "graph answer → drawn (layout)",
        "drawn, against the first",
      ],
      rows,
    )}\n(medians of ${reps}; the machine may be shared, so read the ratio beside the times)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
