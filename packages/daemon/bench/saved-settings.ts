/**
 * What keeping groups in the data dir costs an API call: `CreateGroup` + `UpdateGroup` +
 * `DeleteGroup` over HTTP against an in-memory daemon (the baseline) and one with a data dir
 * (each call then rewrites and fsyncs `groups.json`), in alternating rounds of the same run.
 * Prints per-call wall time (median) and this process's CPU time per call, with the ratio to
 * the baseline and the 1-minute load average. `npx tsx packages/daemon/bench/saved-settings.ts [rounds]`
 */

import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type Daemon, startDaemon } from "../src/daemon.ts";
import { silentLogger } from "../src/logger.ts";

const rounds = Number(process.argv[2] ?? 5);
const callsPerRound = 60;

async function call(daemon: Daemon, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${daemon.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}

/** Wall ms of each call, and the CPU microseconds of the whole round. */
async function round(daemon: Daemon): Promise<{ walls: number[]; cpuMicros: number }> {
  const walls: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < callsPerRound / 3; i++) {
    const name = `g${i}`;
    for (const [path, body] of [
      ["/CreateGroup", { GroupName: name, FilterExpression: "responsetime > 1" }],
      ["/UpdateGroup", { GroupName: name, FilterExpression: "responsetime > 2" }],
      ["/DeleteGroup", { GroupName: name }],
    ] as const) {
      const started = performance.now();
      await call(daemon, path, body);
      walls.push(performance.now() - started);
    }
  }
  const used = process.cpuUsage(cpu);
  return { walls, cpuMicros: used.user + used.system };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "xray-sandbox-bench-"));
  const base = { udp: { host: "127.0.0.1", port: 0 }, tcp: { host: "127.0.0.1", port: 0 } };
  const options = { logger: silentLogger() };
  const memory = await startDaemon({ ...base }, options);
  const disk = await startDaemon({ ...base, dataDir }, options);
  const results = {
    memory: { walls: [] as number[], cpu: 0 },
    disk: { walls: [] as number[], cpu: 0 },
  };
  try {
    await round(memory);
    await round(disk);
    for (let i = 0; i < rounds; i++) {
      for (const [label, daemon] of i % 2 === 0
        ? ([
            ["memory", memory],
            ["disk", disk],
          ] as const)
        : ([
            ["disk", disk],
            ["memory", memory],
          ] as const)) {
        const { walls, cpuMicros } = await round(daemon);
        results[label].walls.push(...walls);
        results[label].cpu += cpuMicros;
      }
    }
  } finally {
    await memory.close();
    await disk.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const calls = rounds * callsPerRound;
  const memoryWall = median(results.memory.walls);
  const diskWall = median(results.disk.walls);
  const memoryCpu = results.memory.cpu / calls;
  const diskCpu = results.disk.cpu / calls;
  console.log(
    `calls per daemon: ${calls}; load average (1 min) at the end: ${loadavg()[0]?.toFixed(2)}`,
  );
  console.log(
    `in memory (baseline): median ${memoryWall.toFixed(3)} ms a call, CPU ${memoryCpu.toFixed(0)} µs a call`,
  );
  console.log(
    `data dir:             median ${diskWall.toFixed(3)} ms a call, CPU ${diskCpu.toFixed(0)} µs a call`,
  );
  console.log(
    `ratio data dir / in memory: wall ${(diskWall / memoryWall).toFixed(2)}, CPU ${(diskCpu / memoryCpu).toFixed(2)}`,
  );
}

await main();
