import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ProcessExit } from "../process/exit-description.ts";
import { OutputTail } from "../process/output-tail.ts";
import type { OutputStream } from "../process/service-process.ts";
import { tsxLoaderUrl } from "../process/tsx-loader.ts";

const DAEMON_CLI = fileURLToPath(
  new URL("../../../../packages/daemon/src/cli.ts", import.meta.url),
);
export const SAMPLING_RULES_FILE = fileURLToPath(
  new URL("../../sampling-rules.json", import.meta.url),
);

export interface DaemonProcess {
  /** `http://127.0.0.1:PORT`: API, sampling, viewer. */
  readonly url: string;
  /** The value of `AWS_XRAY_DAEMON_ADDRESS` for the backend. */
  readonly sdkAddress: string;
  readonly exited: Promise<ProcessExit>;
  output(): readonly string[];
  stop(): Promise<ProcessExit>;
}

/**
 * Runs the sandbox daemon's command line (`packages/daemon/src/cli.ts`) as a child process with
 * the sample backend's sampling rules; the demo talks to it over its ports only.
 */
export function startDaemonProcess(options: {
  readonly host: string;
  readonly port: number;
  readonly onOutput: (line: string, stream: OutputStream) => void;
}): DaemonProcess {
  const address = `${options.host}:${options.port}`;
  const child = spawn(
    process.execPath,
    [
      "--import",
      tsxLoaderUrl(),
      DAEMON_CLI,
      "--bind",
      address,
      "--bind-tcp",
      address,
      "--sampling-rules",
      SAMPLING_RULES_FILE,
      "--log-format",
      "pretty",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const tail = new OutputTail();
  tail.follow(child.stdout, (line) => options.onOutput(line, "stdout"));
  tail.follow(child.stderr, (line) => options.onOutput(line, "stderr"));
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once("error", () => resolve({ code: null, signal: null }));
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  let stopping: Promise<ProcessExit> | undefined;
  return {
    url: `http://${address}`,
    sdkAddress: address,
    exited,
    output: () => tail.lines(),
    stop() {
      stopping ??= (() => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        timer.unref();
        return exited.finally(() => clearTimeout(timer));
      })();
      return stopping;
    },
  };
}
