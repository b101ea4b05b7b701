/**
 * `pnpm bench:flavours`: the CPU time one request costs the sample backend instrumented with
 * the X-Ray SDK and with OpenTelemetry, under the same seeded traffic, against a sandbox in
 * this process. The X-Ray SDK flavour is the baseline: the result is a ratio measured in the
 * same run, with the 1-minute load average next to each number. Linux only (`/proc`).
 *
 * --requests N   requests per flavour per round (default 400)
 * --rounds N     rounds; each sends to one flavour then the other, alternating which goes first (default 3)
 * --rate N       requests per second (default 40)
 */

import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startSandbox } from "@xray-sandbox/testing";
import { type ServiceProcess, startServiceProcess } from "../src/process/service-process.ts";
import { runTraffic } from "../src/traffic/run-traffic.ts";
import { processCpuMs } from "./process-cpu.ts";

const FLAVOURS = {
  xray: fileURLToPath(new URL("../src/main.ts", import.meta.url)),
  otel: fileURLToPath(new URL("../src/otel/main.ts", import.meta.url)),
} as const;
type Flavour = keyof typeof FLAVOURS;

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "400" },
    rounds: { type: "string", default: "3" },
    rate: { type: "string", default: "40" },
  },
});
const requests = positiveInteger("--requests", values.requests);
const rounds = positiveInteger("--rounds", values.rounds);
const rate = positiveInteger("--rate", values.rate);

function positiveInteger(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(
      `bench:flavours: ${flag} ${JSON.stringify(text)} must be an integer >= 1\n`,
    );
    process.exit(2);
  }
  return value;
}

const load = () => loadavg()[0]?.toFixed(2) ?? "?";

const sandbox = await startSandbox();
const backends = new Map<Flavour, ServiceProcess>();
try {
  for (const flavour of Object.keys(FLAVOURS) as Flavour[]) {
    backends.set(
      flavour,
      await startServiceProcess({
        name: flavour,
        entry: FLAVOURS[flavour],
        env: { ...process.env, ...sandbox.env, HOST: "127.0.0.1", PORT: "0" },
        onOutput: () => undefined,
        readyTimeoutMs: 60_000,
      }),
    );
  }

  /** Sends `count` requests of the seeded mix; the backend's CPU ms per answered request. */
  const measure = async (flavour: Flavour, count: number, seed: number) => {
    const backend = backends.get(flavour);
    if (backend?.pid === undefined) throw new Error(`${flavour} has no process`);
    const before = processCpuMs(backend.pid);
    const result = await runTraffic({ target: backend.url, rate, seed, requests: count });
    if (!result.ok) throw new Error(`${flavour}: ${result.message}`);
    if (result.counts.failed > 0) {
      process.stderr.write(
        `${flavour}: ${result.counts.failed} of ${count} requests got no answer\n`,
      );
    }
    return (processCpuMs(backend.pid) - before) / result.counts.answered;
  };

  process.stderr.write(`warming up (100 requests each), load ${load()}\n`);
  await measure("xray", 100, 99);
  await measure("otel", 100, 99);

  const totals: Record<Flavour, number> = { xray: 0, otel: 0 };
  process.stdout.write(
    `| round | X-Ray SDK CPU ms/request | OpenTelemetry CPU ms/request | OpenTelemetry ÷ X-Ray | 1-min load |\n| --- | --- | --- | --- | --- |\n`,
  );
  for (let round = 1; round <= rounds; round += 1) {
    const order: Flavour[] = round % 2 === 1 ? ["xray", "otel"] : ["otel", "xray"];
    const perRequest: Record<Flavour, number> = { xray: 0, otel: 0 };
    for (const flavour of order) perRequest[flavour] = await measure(flavour, requests, round);
    totals.xray += perRequest.xray;
    totals.otel += perRequest.otel;
    process.stdout.write(
      `| ${round} | ${perRequest.xray.toFixed(3)} | ${perRequest.otel.toFixed(3)} | ${(perRequest.otel / perRequest.xray).toFixed(2)} | ${load()} |\n`,
    );
  }
  process.stdout.write(
    `| all | ${(totals.xray / rounds).toFixed(3)} | ${(totals.otel / rounds).toFixed(3)} | ${(totals.otel / totals.xray).toFixed(2)} | ${load()} |\n`,
  );
} finally {
  await Promise.all([...backends.values()].map((backend) => backend.stop()));
  await sandbox.close();
}
