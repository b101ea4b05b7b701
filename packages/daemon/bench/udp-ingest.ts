/**
 * `pnpm bench`: UDP ingest throughput of the daemon against a count-only baseline receiver,
 * both fed by a paced sender in its own process. It measures; it never fails on loss. The
 * exit code is nonzero only when something could not run, and every child process is ended
 * on the way out, also on Ctrl-C.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PoolSummary } from "./child-protocol.ts";
import { DaemonProcess } from "./daemon-process.ts";
import { ForkedChild } from "./forked-child.ts";
import { waitForQuiet } from "./host-cpu.ts";
import {
  type BaselineReceiver,
  measureBaseline,
  measureDaemon,
  type RunPlan,
  type Sender,
  send,
} from "./measure-run.ts";
import { type BenchOptions, benchCells, parseBenchOptions, USAGE } from "./options.ts";
import { formatCount, formatRate, renderReport } from "./report.ts";
import { cpuPercent, lossPercent, summarize, type TargetRun } from "./results.ts";
import { readWhenSettled } from "./settle.ts";

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/**
 * High enough that a run never evicts by count; the byte bound still applies, and any
 * eviction is reported.
 */
const DAEMON_MAX_TRACES = 2_000_000;
const DAEMON_MAX_BYTES = "1GiB";
/** Sent to each fresh target before measuring, so the numbers are not those of cold code. */
const WARMUP = { rate: 10_000, seconds: 0.5 } as const;

interface Stoppable {
  stop(): Promise<void>;
  kill(): void;
}

const running = new Set<Stoppable>();

function track<T extends Stoppable>(child: T): T {
  running.add(child);
  return child;
}

async function stopAll(): Promise<void> {
  const children = [...running];
  running.clear();
  await Promise.allSettled(children.map((child) => child.stop()));
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function quietMoment(pids: readonly (number | undefined)[]): Promise<void> {
  let reported = false;
  const waited = await waitForQuiet(
    pids.filter((pid) => pid !== undefined),
    (percent) => {
      if (!reported) progress(`  waiting: other processes use ${percent.toFixed(0)} % of a core`);
      reported = true;
    },
  );
  if (reported) progress(`  waited ${(waited / 1000).toFixed(0)} s`);
}

function describeMachine(loadBefore: readonly number[]): string {
  const processors = cpus();
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(" ");
  return (
    `Machine: ${processors.length} × ${processors[0]?.model.trim() ?? "unknown CPU"}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, ${type()} ${release()}, Node ${process.version}; ` +
    "sender, baseline and daemon on the same host. " +
    `Load average (1/5/15 min) before: ${load(loadBefore)}, after: ${load(loadavg())}.`
  );
}

function describeRun(run: TargetRun): string {
  const base =
    `${run.target.padEnd(8)} sent ${formatCount(run.sent)} at ${formatRate(run.achievedRate)}, ` +
    `received ${formatCount(run.received)} (${lossPercent(run).toFixed(2)} % lost), ` +
    `CPU ${cpuPercent(run).toFixed(0)} %` +
    (run.drainMs === undefined ? "" : `, drained in ${run.drainMs.toFixed(0)} ms`);
  if (run.target === "baseline") return base;
  return (
    `${base}, stored ${formatCount(run.storedDocuments ?? 0)} documents, ` +
    `RSS ${(run.rssBytes / 2 ** 20).toFixed(0)} MiB, ` +
    `queue peak ${((run.queuePeakBytes ?? 0) / 2 ** 20).toFixed(1)} MiB` +
    ((run.queueOverflow ?? 0) > 0 ? `, ${run.queueOverflow} OVERFLOWED` : "") +
    ((run.rejected ?? 0) > 0 ? `, ${run.rejected} REJECTED` : "") +
    ((run.evictedTraces ?? 0) > 0 ? `, ${run.evictedTraces} traces evicted` : "")
  );
}

async function startBaseline(
  sender: Sender,
  options: BenchOptions,
): Promise<{ receiver: BaselineReceiver; host: string; port: number; bufferBytes: number }> {
  const receiver: BaselineReceiver = track(
    new ForkedChild("baseline receiver", here("./baseline-receiver.ts")),
  );
  const ready = await receiver.next(30_000);
  if (ready.type !== "listening") throw new Error(`baseline receiver sent ${ready.type} first`);
  for (const sizeBytes of benchSizes(options)) {
    await send(sender, ready.host, ready.port, { sizeBytes, ...WARMUP });
  }
  return { receiver, host: ready.host, port: ready.port, bufferBytes: ready.receiveBufferBytes };
}

async function daemonRun(
  sender: Sender,
  options: BenchOptions,
  plan: RunPlan,
): Promise<{ run: TargetRun; bufferBytes: number }> {
  const nodeArgs =
    options.cpuProfileDir === undefined
      ? []
      : [
          "--cpu-prof",
          // One folder per run: Node writes a profile per thread (tsx adds a loader thread),
          // named CPU.<date>.<time>.<pid>.<thread>.<seq>; the main thread's is thread 0.
          `--cpu-prof-dir=${resolve(options.cpuProfileDir, `daemon-${plan.sizeBytes}B-${plan.rate}ps-rep${plan.rep}`)}`,
        ];
  const dataDir = options.persist
    ? await mkdtemp(join(tmpdir(), "xray-sandbox-bench-"))
    : undefined;
  let starting: Stoppable | undefined;
  const daemon = await DaemonProcess.start({
    cliPath: here("../src/cli.ts"),
    nodeArgs,
    maxTraces: DAEMON_MAX_TRACES,
    maxBytes: DAEMON_MAX_BYTES,
    dataDir,
    startTimeoutMs: 30_000,
    onSpawn: (kill) => {
      starting = track({ kill, stop: async () => kill() });
    },
  })
    .catch(async (error: unknown) => {
      if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
      throw error;
    })
    .finally(() => {
      if (starting !== undefined) running.delete(starting);
    });
  track(daemon);
  try {
    await send(sender, daemon.udpHost, daemon.udpPort, { sizeBytes: plan.sizeBytes, ...WARMUP });
    await readWhenSettled(
      () => daemon.stats(),
      (previous, next) => next.received !== previous.received,
    );
    if (options.waitQuiet) await quietMoment([sender.pid, daemon.pid]);
    const run = await measureDaemon(sender, daemon, plan);
    return { run, bufferBytes: (await daemon.stats()).receiveBufferBytes };
  } finally {
    running.delete(daemon);
    await daemon.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  }
}

function benchSizes(options: BenchOptions): number[] {
  return [...new Set(benchCells(options).map((cell) => cell.sizeBytes))];
}

async function bench(options: BenchOptions): Promise<void> {
  const loadBefore = loadavg();
  const cells = benchCells(options);
  const runCount = cells.length * options.reps;
  const perRun = (options.daemonOnly ? 1 : 2) * options.seconds + 4;
  progress(
    `UDP ingest benchmark: ${runCount} runs per target ` +
      `(${cells.map((cell) => `${cell.sizeBytes} B at ${formatRate(cell.rate)}`).join(", ")}; ` +
      `${options.reps} × ${options.seconds} s); about ${Math.ceil((runCount * perRun) / 60)} min.`,
  );

  const sender: Sender = track(new ForkedChild("sender", here("./sender.ts")));
  const prepared = await sender.request({ type: "prepare", sizes: benchSizes(options) }, 120_000);
  if (prepared.type !== "prepared") throw new Error(`sender answered ${prepared.type} to prepare`);
  const pools: readonly PoolSummary[] = prepared.pools;
  for (const pool of pools) {
    progress(
      `  pool ${pool.targetBytes} B: ${pool.traces} traces, ${pool.datagrams} datagrams, ` +
        `mean ${Math.round(pool.meanBytes)} B (${pool.minBytes}–${pool.maxBytes} B)`,
    );
  }

  const baseline = options.daemonOnly ? undefined : await startBaseline(sender, options);
  let daemonBufferBytes: number | undefined;
  const runs: TargetRun[] = [];
  let index = 0;
  for (const { sizeBytes, rate } of cells) {
    for (let rep = 1; rep <= options.reps; rep++) {
      index++;
      const plan: RunPlan = { sizeBytes, rate, seconds: options.seconds, rep };
      const label = `[${index}/${runCount}] ${sizeBytes} B at ${formatRate(rate)}, rep ${rep}/${options.reps}`;
      if (baseline !== undefined) {
        if (options.waitQuiet) await quietMoment([sender.pid, baseline.receiver.pid]);
        const run = await measureBaseline(sender, baseline.receiver, baseline, plan);
        runs.push(run);
        progress(`${label}  ${describeRun(run)}`);
      }
      const { run, bufferBytes } = await daemonRun(sender, options, plan);
      daemonBufferBytes = bufferBytes;
      runs.push(run);
      progress(`${label}  ${describeRun(run)}`);
    }
  }

  const summaries = summarize(runs);
  const machine = describeMachine(loadBefore);
  if (options.json) {
    const output = {
      options,
      machine: {
        description: machine,
        cpus: cpus().length,
        loadBefore,
        loadAfter: loadavg(),
        node: process.version,
      },
      receiveBufferBytes: { baseline: baseline?.bufferBytes, daemon: daemonBufferBytes },
      pools,
      runs,
      summaries,
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    const report = renderReport(
      {
        seconds: options.seconds,
        reps: options.reps,
        pools,
        machine,
        daemonFlags:
          `--max-traces ${DAEMON_MAX_TRACES} --max-bytes ${DAEMON_MAX_BYTES} ` +
          (options.persist ? "--data-dir <a new temporary folder>" : "--in-memory"),
        baselineReceiveBufferBytes: baseline?.bufferBytes,
        daemonReceiveBufferBytes: daemonBufferBytes,
      },
      summaries,
    );
    process.stdout.write(`\n${report}\n`);
  }
}

async function main(): Promise<number> {
  const parsed = parseBenchOptions(process.argv.slice(2));
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    process.stderr.write(`bench: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }

  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) return;
    interrupted = true;
    progress(`\n${signal}: stopping the sender, the baseline and the daemon`);
    void stopAll().then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", () => {
    for (const child of running) child.kill();
  });

  try {
    await bench(parsed.options);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    progress(`bench: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await stopAll();
  }
}

main().then((code) => process.exit(code));
