/**
 * Takes the README's screenshots from what `pnpm demo` shows: it runs the demo (daemon, sample
 * backend, traffic) in an empty temporary folder, lets traffic arrive, and photographs the
 * viewer in Debian's Chromium. The service map is taken with and without a service's panel open
 * (at phone width too). The rejected view is taken after one malformed datagram and one
 * OpenTelemetry datagram are sent, since the demo's own traffic is never refused.
 *
 *   pnpm docs:screenshots            (writes docs/screenshots/*.png)
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, expect } from "@playwright/test";
import { loadFixtureRun } from "@xray-sandbox/fixtures";
import type { SandboxStats, TraceListBody } from "@xray-sandbox/segments";
import {
  mapEdgeTestId,
  mapNodeTestId,
  SERVICE_MAP_PANEL,
} from "../../apps/viewer/src/map/ServiceMap.markers.ts";
import { REJECTED } from "../../apps/viewer/src/rejected/RejectedPage.markers.ts";
import {
  DETAIL_TAB_IDS,
  SEGMENT_DETAILS,
} from "../../apps/viewer/src/trace/details/SegmentDetails.markers.ts";
import { chromiumLaunchOptions } from "../support/chromium.ts";
import { docsScreenshotsDir, repoRoot } from "../support/paths.ts";
import { expectLive, timelineRow, traceRows } from "../support/viewer.ts";

const HOST = "127.0.0.1";
const DEMO_MAIN = join(repoRoot, "apps/sample-backend/src/demo/main.ts");
const TSX_ESM = pathToFileURL(
  createRequire(join(repoRoot, "package.json")).resolve("tsx/esm"),
).href;
/** Traces in the store before the first picture, so the list looks as it does after a while. */
const WANTED_TRACES = 40;

function say(line: string): void {
  process.stderr.write(`[screenshots] ${line}\n`);
}

/** A TCP port nobody listens on now (the demo asks for fixed ports: it prints URLs to type). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

function startDemo(cwd: string, daemonPort: number, backendPort: number): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      "--import",
      TSX_ESM,
      DEMO_MAIN,
      "--daemon-port",
      String(daemonPort),
      "--port",
      String(backendPort),
      "--rate",
      "10",
    ],
    { cwd, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", () => {});
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

async function getJson<T>(url: string): Promise<T | undefined> {
  try {
    const response = await fetch(url);
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Polls `read` every 250 ms until it gives a value; fails after `seconds` with `what`. */
async function until<T>(what: string, seconds: number, read: () => Promise<T | undefined>) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${seconds} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function sendDatagrams(port: number, payloads: readonly Uint8Array[]): Promise<void> {
  const socket = createSocket("udp4");
  return new Promise((resolve, reject) => {
    let left = payloads.length;
    for (const payload of payloads) {
      socket.send(payload, port, HOST, (error) => {
        if (error) reject(error);
        else if (--left === 0) socket.close(() => resolve());
      });
    }
  });
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "xray-sandbox-demo-"));
  const daemonPort = await freePort();
  const backendPort = await freePort();
  const viewer = `http://${HOST}:${daemonPort}`;
  say(`starting pnpm demo in ${folder} (daemon ${daemonPort}, backend ${backendPort})`);
  const demo = startDemo(folder, daemonPort, backendPort);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    await until("the demo's traffic", 180, async () => {
      const stats = await getJson<SandboxStats>(`${viewer}/api/stats`);
      const count = stats?.traces ?? 0;
      return count >= WANTED_TRACES ? count : undefined;
    });
    const userTrace = await until("a GET /api/activities/@andrewbrown trace", 60, async () => {
      const filter = encodeURIComponent('http.url ENDSWITH "/api/activities/@andrewbrown"');
      const body = await getJson<TraceListBody>(`${viewer}/api/traces?filter=${filter}&limit=1`);
      return body?.traces[0]?.id;
    });

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await mkdir(docsScreenshotsDir, { recursive: true });
    const save = async (name: string) => {
      await page.screenshot({
        path: join(docsScreenshotsDir, `${name}.png`),
        animations: "disabled",
        caret: "hide",
      });
      say(`docs/screenshots/${name}.png`);
    };

    await page.goto(`${viewer}/`);
    await expectLive(page);
    await expect(traceRows(page).first()).toBeVisible();
    await save("traces-list");

    await page.goto(`${viewer}/traces/${userTrace}`);
    await timelineRow(page, "UserData").click();
    const details = page.getByTestId(SEGMENT_DETAILS.panel);
    await details.getByTestId(DETAIL_TAB_IDS.metadata).click();
    await expect(details.getByTestId(SEGMENT_DETAILS.tabpanel)).toContainText("andrewbrown");
    await save("trace-timeline");

    await page.goto(`${viewer}/map`);
    await expect(page.getByTestId(mapEdgeTestId("sample-backend", "notifications"))).toBeVisible();
    await save("service-map");

    await page.getByTestId(mapNodeTestId("sample-backend")).click();
    await expect(
      page.getByTestId(SERVICE_MAP_PANEL.root).getByTestId(SERVICE_MAP_PANEL.percentiles),
    ).toBeVisible();
    await save("service-map-panel");
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByTestId(SERVICE_MAP_PANEL.histogram)).toBeVisible();
    await save("service-map-panel-phone");
    await page.setViewportSize({ width: 1280, height: 800 });

    await sendDatagrams(daemonPort, [
      new TextEncoder().encode('{"format":"json","version":1}\n{"id": oops}'),
      ...loadFixtureRun("adot-otlp-udp")
        .slice(0, 1)
        .map((fixture) => fixture.bytes),
    ]);
    await page.goto(`${viewer}/rejected`);
    await expect(page.getByTestId(REJECTED.row).nth(1)).toBeVisible();
    await save("rejected");
  } finally {
    await browser.close();
    demo.kill("SIGINT");
    await new Promise((resolve) => demo.once("exit", resolve));
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
