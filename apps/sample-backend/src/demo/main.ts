/**
 * `pnpm demo`: the daemon, the sample backend (with its notifications service) and traffic,
 * each but the traffic in its own process; Ctrl-C stops them all. See `--help`.
 */

import { fileURLToPath } from "node:url";
import { describeExit, type ProcessExit } from "../process/exit-description.ts";
import { type ServiceProcess, startServiceProcess } from "../process/service-process.ts";
import { StatusLine } from "../terminal/status-line.ts";
import { runTraffic } from "../traffic/run-traffic.ts";
import { formatProgress } from "../traffic/traffic-counts.ts";
import { buildViewer } from "./build-viewer.ts";
import { type DaemonProcess, startDaemonProcess } from "./daemon-process.ts";
import { type DemoOptions, parseDemoArgs } from "./demo-options.ts";
import { isPortFree } from "./port-check.ts";
import { tryCommands } from "./try-commands.ts";
import { waitForHttp } from "./wait-for-http.ts";

const HOST = "127.0.0.1";
const BACKEND_ENTRY = fileURLToPath(new URL("../main.ts", import.meta.url));

const screen = new StatusLine(process.stdout);
const say = (line: string) => screen.log(`[demo] ${line}`);

function fail(message: string, code = 1): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(code);
}

async function checkPorts({ daemonPort, port }: DemoOptions): Promise<string | undefined> {
  const daemonFree =
    (await isPortFree(HOST, daemonPort, "tcp")) && (await isPortFree(HOST, daemonPort, "udp"));
  if (!daemonFree) {
    return (
      `port ${daemonPort} (the X-Ray daemon, UDP and TCP) is already in use: is another ` +
      `xray-sandbox or the AWS X-Ray daemon running? Pick another with --daemon-port ${daemonPort + 1}`
    );
  }
  if (!(await isPortFree(HOST, port, "tcp"))) {
    return `port ${port} (the sample backend) is already in use; pick another with --port ${port + 1}`;
  }
  return undefined;
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

  say(`starting the sample backend on ${HOST}:${options.port}`);
  let backend: ServiceProcess;
  try {
    backend = await startServiceProcess({
      name: "the sample backend",
      entry: BACKEND_ENTRY,
      env: {
        ...process.env,
        HOST,
        PORT: String(options.port),
        AWS_XRAY_DAEMON_ADDRESS: daemon.sdkAddress,
      },
      onOutput: (line) => screen.log(`[backend] ${line}`),
    });
  } catch (error) {
    await daemon.stop();
    fail(error instanceof Error ? error.message : String(error));
  }

  const watch = (name: string, exited: Promise<ProcessExit>, output: () => readonly string[]) => {
    void exited.then((exit) => {
      if (stop.signal.aborted) return;
      stopAll(`${name} ${describeExit(exit)}${lastLines(output())}`);
    });
  };
  watch("the daemon", daemon.exited, () => daemon.output());
  watch("the sample backend", backend.exited, () => backend.output());

  say(`viewer:  ${daemon.url}/`);
  say(`backend: ${backend.url}  (segments go to ${daemon.sdkAddress})`);
  say("try:");
  for (const command of tryCommands(backend.url)) say(`  ${command}`);
  say("Ctrl-C stops everything.");

  if (options.traffic) {
    say(`traffic: ${options.rate} req/s (seed ${options.seed})`);
    const result = await runTraffic({
      target: backend.url,
      rate: options.rate,
      seed: options.seed,
      signal: stop.signal,
      onProgress: (counts) => screen.update(`[traffic] ${formatProgress(counts)}`),
    });
    screen.finish(`[traffic] ${formatProgress(result.counts)}`);
    if (!result.ok) stopAll(`the traffic generator gave up: ${result.message}`);
  } else {
    await stopped;
  }

  const unexpected = stopReason !== "Ctrl-C" && stopReason !== "SIGTERM";
  say(unexpected ? `stopping: ${stopReason}` : "stopping");
  await backend.stop();
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
