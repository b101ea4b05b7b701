import { type ChildProcess, fork } from "node:child_process";
import { describeExit, type ProcessExit } from "./exit-description.ts";
import { OutputTail } from "./output-tail.ts";
import { isReadyMessage } from "./ready-message.ts";
import { tsxLoaderUrl } from "./tsx-loader.ts";

export type OutputStream = "stdout" | "stderr";

export interface ServiceProcessOptions {
  /** How messages name the process: `notifications`, `sample-backend`. */
  readonly name: string;
  /** Absolute path of the TypeScript entry point; it must call `announceReady(url)`. */
  readonly entry: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Each output line, when given; otherwise the child writes to this process's stdout/stderr. */
  readonly onOutput?: (line: string, stream: OutputStream) => void;
  readonly readyTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  readonly stopTimeoutMs?: number;
}

export interface ServiceProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number | undefined;
  /** Settles when the process has ended and its output is drained, however it ended. */
  readonly exited: Promise<ProcessExit>;
  /** The last lines it printed (only when `onOutput` was given). */
  output(): readonly string[];
  /** SIGTERM, then SIGKILL if it does not end in time. Safe to call more than once. */
  stop(): Promise<ProcessExit>;
}

export class ServiceStartError extends Error {
  override readonly name = "ServiceStartError";
  readonly output: readonly string[];

  constructor(message: string, output: readonly string[]) {
    const tail = output.length > 0 ? `\n${output.map((line) => `  ${line}`).join("\n")}` : "";
    super(`${message}${tail}`);
    this.output = output;
  }
}

/** Starts a service in a child process and resolves once it reports where it listens. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const { name, onOutput } = options;
  const child = fork(options.entry, [], {
    execArgv: ["--import", tsxLoaderUrl()],
    env: options.env ?? process.env,
    stdio: onOutput ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "inherit", "inherit", "ipc"],
  });
  const tail = new OutputTail();
  if (onOutput && child.stdout && child.stderr) {
    tail.follow(child.stdout, (line) => onOutput(line, "stdout"));
    tail.follow(child.stderr, (line) => onOutput(line, "stderr"));
  }
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  const stop = stopper(child, exited, options.stopTimeoutMs ?? 5000);

  let url: string;
  try {
    url = await readyUrl(child, exited, name, options.readyTimeoutMs ?? 20_000);
  } catch (error) {
    await stop();
    throw new ServiceStartError(error instanceof Error ? error.message : String(error), [
      ...tail.lines(),
    ]);
  }
  return { name, url, pid: child.pid, exited, output: () => tail.lines(), stop };
}

function readyUrl(
  child: ChildProcess,
  exited: Promise<ProcessExit>,
  name: string,
  timeoutMs: number,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} did not report that it was listening within ${timeoutMs} ms`));
    }, timeoutMs);
    const settle = () => clearTimeout(timer);
    child.on("message", (message) => {
      if (!isReadyMessage(message)) return;
      settle();
      resolve(message.url);
    });
    child.once("error", (error) => {
      settle();
      reject(new Error(`${name} could not be started: ${error.message}`));
    });
    void exited.then((exit) => {
      settle();
      reject(new Error(`${name} ${describeExit(exit)} before it was listening`));
    });
  });
}

function stopper(
  child: ChildProcess,
  exited: Promise<ProcessExit>,
  timeoutMs: number,
): () => Promise<ProcessExit> {
  let stopping: Promise<ProcessExit> | undefined;
  return () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        timer.unref();
        const exit = await exited;
        clearTimeout(timer);
        return exit;
      }
      return exited;
    })();
    return stopping;
  };
}
