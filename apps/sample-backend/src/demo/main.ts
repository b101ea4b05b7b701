/**
 * `pnpm demo`: the daemon, the sample backend (with its notifications service) and traffic,
 * each but the traffic in its own process; Ctrl-C stops them all. `--otel` runs the
 * OpenTelemetry flavour of the backend instead, `--both` runs the two side by side with the
 * same traffic sent to each. See `--help`.
 */

import { describeExit, type ProcessExit } from "../process/exit-description.ts";
import { type ServiceProcess, startServiceProcess } from "../process/service-process.ts";
import { StatusLine } from "../terminal/status-line.ts";
import { runTraffic } from "../traffic/run-traffic.ts";
import { formatProgress, type TrafficCounts } from "../traffic/traffic-counts.ts";
import { buildViewer } from "./build-viewer.ts";
import { type DaemonProcess, startDaemonProcess } from "./daemon-process.ts";
import { FLAVOURS } from "./demo-flavours.ts";
import { type DemoBackend, type DemoOptions, parseDemoArgs } from "./demo-options.ts";
import { isPortFree } from "./port-check.ts";
import { tryCommands } from "./try-commands.ts";
import { waitForHttp } from "./wait-for-http.ts";

const HOST = "127.0.0.1";

const screen = new StatusLine(process.stdout);
const say = (line: string) => screen.log(`[demo] ${line}`);

function fail(message: string, code = 1): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(code);
}

async function checkPorts({ daemonPort, backends }: DemoOptions): Promise<string | undefined> {
  const daemonFree =
    (await isPortFree(HOST, daemonPort, "tcp")) && (await isPortFree(HOST, daemonPort, "udp"));
  if (!daemonFree) {
    return (
      `port ${daemonPort} (the X-Ray daemon, UDP and TCP) is already in use: is another ` +
      `xray-sandbox or the AWS X-Ray daemon running? Pick another with --daemon-port ${daemonPort + 1}`
    );
  }
  for (const [index, { flavour, port }] of backends.entries()) {
    if (!(await isPortFree(HOST, port, "tcp"))) {
      const flag = index === 0 ? "--port" : "--otel-port";
      return `port ${port} (${FLAVOURS[flavour].label}) is already in use; pick another with ${flag} ${port + 1}`;
    }
  }
  return undefined;
}

/** Loading the SDKs, Express and sql.js takes a while on a busy machine. */
const BACKEND_READY_TIMEOUT_MS = 60_000;

/** Which flavours run, where, and where their traces go. */
function runningLines(
  running: readonly (DemoBackend & { readonly url: string })[],
  daemon: DaemonProcess,
): string[] {
  return running.map(({ flavour, url }) => {
    const info = FLAVOURS[flavour];
    return `${info.label}: ${url}  (service ${info.serviceName}; ${info.destination({ url: daemon.url, sdkAddress: daemon.sdkAddress })})`;
  });
}

/** `[traffic] sent 12 · 2xx 10 …`, or one part per backend with `--both`. */
function trafficLine(
  running: readonly DemoBackend[],
  progress: readonly (TrafficCounts | undefined)[],
): string {
  if (running.length === 1) {
    const counts = progress[0];
    return `[traffic] ${counts ? formatProgress(counts) : "starting"}`;
  }
  const parts = running.map(({ flavour }, index) => {
    const counts = progress[index];
    return `${flavour}: ${counts ? formatProgress(counts) : "starting"}`;
  });
  return `[traffic] ${parts.join(" | ")}`;
}

function lastLines(lines: readonly string[]): string {
  const shown = lines.filter((line) => line.trim() !== "").slice(-5);
  return shown.length === 0 ? "" : `; its last output:\n${shown.map((l) => `  ${l}`).join("\n")}`;
}

async function main(options: DemoOptions): Promise<number> {
  const busy = await checkPorts(options);
  if (busy) fail(busy);

  const stop = new AbortController();
  let stopReason: string | undefined;
  const stopAll = (reason: string) => {
    stopReason ??= reason;
    stop.abort();
  };
  process.once("SIGINT", () => stopAll("Ctrl-C"));
  process.once("SIGTERM", () => stopAll("SIGTERM"));

  say("building the viewer");
  const buildFailure = await buildViewer(stop.signal);
  if (stop.signal.aborted) return 0;
  if (buildFailure) fail(buildFailure);

  say(`starting the xray-sandbox daemon on ${HOST}:${options.daemonPort}`);
  const daemon: DaemonProcess = startDaemonProcess({
    host: HOST,
    port: options.daemonPort,
    onOutput: (line) => screen.log(`[daemon] ${line}`),
  });
  const stopped = new Promise<void>((resolve) =>
    stop.signal.addEventListener("abort", () => resolve()),
  );
  const daemonUp = await waitForHttp(`${daemon.url}/api/health`, {
    cancelled: Promise.race([daemon.exited, stopped]),
    timeoutMs: 30_000,
  });
  if (!daemonUp.ok) {
    const exit = await daemon.stop();
    if (stop.signal.aborted) return 0;
    const why = daemonUp.reason === "gave-up" ? daemonUp.message : `it ${describeExit(exit)}`;
    fail(`the daemon did not start: ${why}${lastLines(daemon.output())}`);
  }

  const backends: ServiceProcess[] = [];
  for (const { flavour, port } of options.backends) {
    const info = FLAVOURS[flavour];
    say(`starting ${info.label} on ${HOST}:${port}`);
    try {
      backends.push(
        await startServiceProcess({
          name: info.label,
          entry: info.entry,
          env: { ...process.env, ...info.env(daemon), HOST, PORT: String(port) },
          onOutput: (line) => screen.log(`[${info.tag}] ${line}`),
          readyTimeoutMs: BACKEND_READY_TIMEOUT_MS,
        }),
      );
    } catch (error) {
      await Promise.all(backends.map((backend) => backend.stop()));
      await daemon.stop();
      fail(error instanceof Error ? error.message : String(error));
    }
  }

  const watch = (name: string, exited: Promise<ProcessExit>, output: () => readonly string[]) => {
    void exited.then((exit) => {
      if (stop.signal.aborted) return;
      stopAll(`${name} ${describeExit(exit)}${lastLines(output())}`);
    });
  };
  watch("the daemon", daemon.exited, () => daemon.output());
  for (const backend of backends) watch(backend.name, backend.exited, () => backend.output());

  say(`viewer:  ${daemon.url}/`);
  const running = options.backends.map((backend, index) => ({
    ...backend,
    url: backends[index]?.url ?? "",
  }));
  for (const line of runningLines(running, daemon)) say(line);
  say("try:");
  for (const command of tryCommands(running[0]?.url ?? "")) say(`  ${command}`);
  for (const other of running.slice(1)) {
    say(`  …and the same paths on ${other.url} (${FLAVOURS[other.flavour].label}) to compare`);
  }
  say("Ctrl-C stops everything.");

  if (options.traffic) {
    const each = running.length > 1 ? " to each backend, the same requests" : "";
    say(`traffic: ${options.rate} req/s${each} (seed ${options.seed})`);
    const progress = running.map((): TrafficCounts | undefined => undefined);
    const show = () => trafficLine(running, progress);
    await Promise.all(
      running.map((backend, index) =>
        runTraffic({
          target: backend.url,
          rate: options.rate,
          seed: options.seed,
          signal: stop.signal,
          onProgress: (counts) => {
            progress[index] = counts;
            screen.update(show());
          },
        }).then((result) => {
          progress[index] = result.counts;
          // One generator giving up stops the other, and the demo.
          if (!result.ok) stopAll(`the traffic generator gave up: ${result.message}`);
        }),
      ),
    );
    screen.finish(show());
  } else {
    await stopped;
  }

  const unexpected = stopReason !== "Ctrl-C" && stopReason !== "SIGTERM";
  say(unexpected ? `stopping: ${stopReason}` : "stopping");
  await Promise.all(backends.map((backend) => backend.stop()));
  await daemon.stop();
  say("stopped");
  return unexpected ? 1 : 0;
}

const command = parseDemoArgs(process.argv.slice(2));
if (command.kind === "help") {
  process.stdout.write(command.text);
} else if (command.kind === "invalid") {
  fail(`${command.message} (see pnpm demo --help)`, 2);
} else {
  process.exitCode = await main(command.options);
}
