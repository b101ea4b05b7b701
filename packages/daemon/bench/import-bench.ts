/**
 * `pnpm bench:import [--mib 200] [--rate 10000] [--baseline-seconds 5]`: a large NDJSON import
 * into a real daemon (started through its CLI) while `rate` datagrams a second arrive on UDP.
 * `GET /api/health` is polled every 50 ms (latency p50/p99/max) and the daemon's RSS read from
 * `/proc/<pid>/status` every 100 ms. A baseline phase with the same UDP load and polling but
 * no import is measured first in the same run. Reports UDP loss, health latency, peak RSS
 * against the bytes stored, the import's duration and the daemon's CPU time per document,
 * each with the 1-minute load average. It measures; it never fails on a number.
 */

import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { ImportProgressBody, ImportResultBody, SandboxStats } from "@xray-sandbox/segments";
import { DaemonProcess } from "./daemon-process.ts";
import { writeImportFile } from "./import-file-generator.ts";
import { percentile } from "./percentile.ts";
import { forkUdpLoad } from "./udp-load.ts";

const MIB = 1024 * 1024;
const HEALTH_EVERY_MS = 50;
const RSS_EVERY_MS = 100;
const PROGRESS_EVERY_MS = 500;

interface Options {
  readonly mib: number;
  readonly rate: number;
  readonly baselineSeconds: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options = { mib: 200, rate: 10_000, baselineSeconds: 5 };
  for (let index = 0; index < argv.length; index++) {
    const name = argv[index];
    const value = Number(argv[index + 1]);
    if (name === "--") continue;
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`${name} needs a positive number; usage: ${USAGE}`);
    }
    if (name === "--mib") options.mib = value;
    else if (name === "--rate") options.rate = value;
    else if (name === "--baseline-seconds") options.baselineSeconds = value;
    else throw new Error(`unknown option ${name}; usage: ${USAGE}`);
    index++;
  }
  return options;
}

const USAGE = "pnpm bench:import [--mib 200] [--rate 10000] [--baseline-seconds 5]";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load1 = (): string => loadavg()[0]?.toFixed(2) ?? "n/a";

async function rawStats(daemon: DaemonProcess): Promise<SandboxStats> {
  const response = await fetch(`${daemon.httpUrl}/api/stats`);
  return (await response.json()) as SandboxStats;
}

async function readRss(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Health latencies and peak RSS while `during` runs, with the UDP load on. */
async function observe<T>(
  daemon: DaemonProcess,
  options: Options,
  run: number,
  during: () => Promise<T>,
): Promise<{
  readonly result: T;
  readonly health: number[];
  readonly healthFailures: number;
  readonly peakRss: number;
  readonly sent: number;
  readonly udpReceived: (importedDocuments: number) => Promise<number>;
  readonly load: string;
}> {
  const before = await settledReceived(daemon);
  const health: number[] = [];
  let healthFailures = 0;
  let peakRss = 0;
  let observing = true;
  const healthLoop = (async () => {
    while (observing) {
      const started = performance.now();
      try {
        const response = await fetch(`${daemon.httpUrl}/api/health`);
        await response.arrayBuffer();
        if (response.ok) health.push(performance.now() - started);
        else healthFailures++;
      } catch {
        healthFailures++;
      }
      await sleep(Math.max(0, HEALTH_EVERY_MS - (performance.now() - started)));
    }
  })();
  const rssLoop = (async () => {
    while (observing) {
      peakRss = Math.max(peakRss, (await readRss(daemon.pid)) ?? 0);
      await sleep(RSS_EVERY_MS);
    }
  })();
  const udp = await forkUdpLoad(daemon.udpHost, daemon.udpPort, options.rate, run);
  let result: T;
  try {
    result = await during();
  } finally {
    observing = false;
  }
  const { sent } = await udp.stop();
  const load = load1();
  await Promise.all([healthLoop, rssLoop]);
  return {
    result,
    health,
    healthFailures,
    peakRss,
    sent,
    load,
    udpReceived: async (importedDocuments) =>
      (await settledReceived(daemon)) - before - importedDocuments,
  };
}

/** Waits until the daemon's received count stops moving. */
async function settledReceived(daemon: DaemonProcess): Promise<number> {
  let last = -1;
  for (let quiet = 0; quiet < 3; ) {
    await sleep(200);
    const { received } = await daemon.stats();
    quiet = received === last ? quiet + 1 : 0;
    last = received;
  }
  return last;
}

interface ImportRun {
  readonly status: number;
  readonly body: ImportResultBody;
  readonly durationMs: number;
  readonly cpuMicros: number | undefined;
  readonly phases: ReadonlySet<string>;
  readonly progressReadings: number;
}

async function importFile(daemon: DaemonProcess, path: string, size: number): Promise<ImportRun> {
  const phases = new Set<string>();
  let progressReadings = 0;
  let polling = true;
  const progressLoop = (async () => {
    while (polling) {
      await sleep(PROGRESS_EVERY_MS);
      const body = (await fetch(`${daemon.httpUrl}/api/import/progress`)
        .then((response) => response.json())
        .catch(() => undefined)) as ImportProgressBody | undefined;
      if (body?.running && body.import) {
        const current = body.import;
        phases.add(current.phase);
        progressReadings++;
        if (progressReadings % 20 === 0) {
          process.stderr.write(
            `  ${current.phase}: ${mib(current.bytesReceived)} received, ${current.documentsApplied}/${current.documentsTotal ?? "?"} applied (load ${load1()})\n`,
          );
        }
      }
    }
  })();
  const cpuBefore = await daemon.cpuMicros();
  const started = performance.now();
  const response = await fetch(`${daemon.httpUrl}/api/import`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson", "content-length": String(size) },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    duplex: "half",
  } as RequestInit);
  const body = (await response.json()) as ImportResultBody;
  const durationMs = performance.now() - started;
  const cpuAfter = await daemon.cpuMicros();
  polling = false;
  await progressLoop;
  return {
    status: response.status,
    body,
    durationMs,
    cpuMicros: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    phases,
    progressReadings,
  };
}

const ms = (value: number | undefined) => (value === undefined ? "n/a" : `${value.toFixed(1)} ms`);
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
const pct = (part: number, whole: number) =>
  whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(3)} %`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? "n/a" : `${(a / b).toFixed(2)}×`;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dir = await mkdtemp(join(tmpdir(), "xray-sandbox-import-bench-"));
  let daemon: DaemonProcess | undefined;
  process.on("exit", () => daemon?.kill());
  try {
    const file = join(dir, "export.ndjson");
    process.stderr.write(`writing a ${options.mib} MiB export to ${file}…\n`);
    const written = await writeImportFile(file, options.mib * MIB);
    daemon = await DaemonProcess.start({
      cliPath: fileURLToPath(new URL("../src/cli.ts", import.meta.url)),
      // e.g. IMPORT_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof --trace-gc"
      nodeArgs: (process.env.IMPORT_BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean),
      maxTraces: 5_000_000,
      maxBytes: "4GiB",
      dataDir: undefined,
      startTimeoutMs: 60_000,
    });
    const started = daemon;
    const rssAtStart = (await readRss(started.pid)) ?? 0;
    process.stderr.write(`baseline: ${options.baselineSeconds} s of UDP load, no import…\n`);
    const baseline = await observe(started, options, 1, () =>
      sleep(options.baselineSeconds * 1000),
    );
    const baselineUdp = await baseline.udpReceived(0);
    process.stderr.write(`importing ${mib(written.bytes)} under UDP load…\n`);
    const loadBefore = load1();
    const during = await observe(started, options, 2, () =>
      importFile(started, file, written.bytes),
    );
    const run = during.result;
    const applied = run.body.imported + run.body.skipped;
    const duringUdp = await during.udpReceived(applied);
    const stats = await rawStats(started);
    const storedBytes = stats.store.bytes;
    const rssAfter = (await readRss(started.pid)) ?? 0;

    const lines = [
      `import bench: ${mib(written.bytes)} NDJSON, ${written.documents} documents, UDP ${options.rate}/s, health every ${HEALTH_EVERY_MS} ms`,
      `load (1 min): ${loadBefore} before the import, ${during.load} at its end; baseline ended at ${baseline.load}`,
      `import: status ${run.status}, imported ${run.body.imported}, skipped ${run.body.skipped}, ${(run.durationMs / 1000).toFixed(1)} s wall, daemon CPU ${run.cpuMicros === undefined ? "n/a" : `${(run.cpuMicros / 1e6).toFixed(1)} s = ${(run.cpuMicros / written.documents).toFixed(1)} µs/document`} (includes the UDP load's)`,
      `progress: ${run.progressReadings} readings, phases seen: ${[...run.phases].join(", ")}`,
      `UDP loss: baseline ${baseline.sent - baselineUdp} of ${baseline.sent} (${pct(baseline.sent - baselineUdp, baseline.sent)}); during import ${during.sent - duringUdp} of ${during.sent} (${pct(during.sent - duringUdp, during.sent)})`,
      `UDP drops in the daemon: kernel ${stats.udp.kernelDrops ?? "n/a"}, receive queue overflow ${stats.udp.queue.overflowDatagrams} (whole run)`,
      `health: baseline p50 ${ms(percentile(baseline.health, 0.5))}, p99 ${ms(percentile(baseline.health, 0.99))}, max ${ms(Math.max(...baseline.health))} (${baseline.health.length} requests, ${baseline.healthFailures} failed)`,
      `health: during import p50 ${ms(percentile(during.health, 0.5))}, p99 ${ms(percentile(during.health, 0.99))}, max ${ms(Math.max(...during.health))} (${during.health.length} requests, ${during.healthFailures} failed); p99 ${ratio(percentile(during.health, 0.99), percentile(baseline.health, 0.99))} baseline`,
      `RSS: ${mib(rssAtStart)} at start, baseline peak ${mib(baseline.peakRss)}, import peak ${mib(during.peakRss)}, ${mib(rssAfter)} after; stored ${mib(storedBytes)} (${stats.documents} documents); bound 2 × stored + 200 MiB = ${mib(2 * storedBytes + 200 * MIB)}; peak / bound ${ratio(during.peakRss, 2 * storedBytes + 200 * MIB)}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await daemon?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`import bench failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
