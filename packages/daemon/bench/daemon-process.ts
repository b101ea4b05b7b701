/**
 * The daemon as a child process, started through its CLI on free ports exactly as a user
 * would start it, and read through `GET /api/stats`.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { readProcessCpuMicros } from "./process-cpu.ts";

export interface DaemonLaunch {
  readonly cliPath: string;
  /** Node flags before the script, e.g. `--cpu-prof`. */
  readonly nodeArgs: readonly string[];
  readonly maxTraces: number;
  readonly maxBytes: string;
  /** Where the daemon persists its traces; `--in-memory` when undefined. */
  readonly dataDir: string | undefined;
  readonly startTimeoutMs: number;
  /** Called as soon as the process exists, before it is listening, so it can be killed early. */
  readonly onSpawn?: (kill: () => void) => void;
  /** Sees every line the daemon writes to stderr (e.g. the inspector's address). */
  readonly onStderrLine?: (line: string) => void;
}

/** The parts of `/api/stats` the benchmark reads. */
export interface DaemonSnapshot {
  readonly received: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly internalErrors: number;
  /** Documents held now. */
  readonly documents: number;
  readonly evictedTraces: number;
  readonly evictedDocuments: number;
  readonly cpuMicros: number;
  readonly rssBytes: number;
  readonly receiveBufferBytes: number;
  /** The socket's kernel drops as the daemon reads them; undefined where it cannot. */
  readonly kernelDrops: number | undefined;
  /** The receive worker's queue: datagram bytes waiting now, and at most so far. */
  readonly queuedBytes: number;
  readonly peakQueuedBytes: number;
  readonly queueOverflow: number;
  readonly lostInRestarts: number;
}

export interface StartupAddresses {
  readonly udpHost: string;
  readonly udpPort: number;
  readonly httpUrl: string;
}

const STARTUP = /listening: UDP (\[[^\]]+\]|[^\s:]+):(\d+)\b.*\bHTTP (http:\/\/\S+)/;

/** Reads the ports from the CLI's `xray-sandbox listening: UDP h:p (...), HTTP http://h:p` line. */
export function parseStartupLine(line: string): StartupAddresses | undefined {
  const match = STARTUP.exec(line);
  if (match === null) return undefined;
  const [, host = "", port = "", url = ""] = match;
  return {
    udpHost: host.startsWith("[") ? host.slice(1, -1) : host,
    udpPort: Number(port),
    httpUrl: url.replace(/[,.]$/, ""),
  };
}

function numberAt(source: unknown, ...path: string[]): number | undefined {
  let value: unknown = source;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Checks the `/api/stats` body; a string result names the first field that is missing. */
export function parseDaemonStats(body: unknown): DaemonSnapshot | string {
  const fields = {
    received: ["datagrams", "received"],
    accepted: ["datagrams", "accepted"],
    rejected: ["datagrams", "rejected"],
    internalErrors: ["datagrams", "internalErrors"],
    documents: ["documents"],
    evictedTraces: ["evicted"],
    evictedDocuments: ["store", "evictedDocuments"],
    cpuUserMicros: ["process", "cpuUserMicros"],
    cpuSystemMicros: ["process", "cpuSystemMicros"],
    rssBytes: ["process", "rssBytes"],
    receiveBufferBytes: ["udp", "receiveBufferBytes"],
    kernelDrops: ["udp", "kernelDrops"],
    queuedBytes: ["udp", "queue", "queuedBytes"],
    peakQueuedBytes: ["udp", "queue", "peakQueuedBytes"],
    queueOverflow: ["udp", "queue", "overflowDatagrams"],
    lostInRestarts: ["udp", "lostInRestarts"],
  } as const;
  const optional = new Set<string>(["evictedDocuments", "kernelDrops"]);
  const values: Partial<Record<keyof typeof fields, number>> = {};
  for (const [name, path] of Object.entries(fields) as [keyof typeof fields, readonly string[]][]) {
    const value = numberAt(body, ...path);
    if (value === undefined && !optional.has(name)) {
      return `/api/stats has no number at ${path.join(".")}`;
    }
    values[name] = value;
  }
  return {
    received: values.received ?? 0,
    accepted: values.accepted ?? 0,
    rejected: values.rejected ?? 0,
    internalErrors: values.internalErrors ?? 0,
    documents: values.documents ?? 0,
    evictedTraces: values.evictedTraces ?? 0,
    evictedDocuments: values.evictedDocuments ?? 0,
    cpuMicros: (values.cpuUserMicros ?? 0) + (values.cpuSystemMicros ?? 0),
    rssBytes: values.rssBytes ?? 0,
    receiveBufferBytes: values.receiveBufferBytes ?? 0,
    kernelDrops: values.kernelDrops,
    queuedBytes: values.queuedBytes ?? 0,
    peakQueuedBytes: values.peakQueuedBytes ?? 0,
    queueOverflow: values.queueOverflow ?? 0,
    lostInRestarts: values.lostInRestarts ?? 0,
  };
}

/** Daemon output lines passed on to the bench's stderr; more are counted, not shown. */
const MAX_FORWARDED_LINES = 20;

export class DaemonProcess {
  readonly pid: number;
  readonly udpHost: string;
  readonly udpPort: number;
  readonly httpUrl: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  /** Set once stopping: the shutdown summary the CLI prints is not worth passing on. */
  #stopping = false;

  private constructor(child: ChildProcess, pid: number, addresses: StartupAddresses) {
    this.#child = child;
    this.pid = pid;
    this.udpHost = addresses.udpHost;
    this.udpPort = addresses.udpPort;
    this.httpUrl = addresses.httpUrl;
    this.#exited =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => child.once("exit", () => resolve()));
  }

  /** Rejects when the CLI exits, or prints no startup line within the timeout. */
  static start(launch: DaemonLaunch): Promise<DaemonProcess> {
    const args = [
      ...process.execArgv,
      ...launch.nodeArgs,
      launch.cliPath,
      "--bind",
      "127.0.0.1:0",
      "--bind-tcp",
      "127.0.0.1:0",
      "--log-level",
      "warn",
      "--log-format",
      "pretty",
      "--max-traces",
      String(launch.maxTraces),
      "--max-bytes",
      launch.maxBytes,
      ...(launch.dataDir === undefined ? ["--in-memory"] : ["--data-dir", launch.dataDir]),
    ];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    launch.onSpawn?.(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const output: string[] = [];
    let forwarded = 0;
    let started: DaemonProcess | undefined;

    const onLine = (line: string): void => {
      if (started === undefined) {
        output.push(line);
        if (output.length > 40) output.shift();
        return;
      }
      if (started.#stopping) return;
      forwarded++;
      if (forwarded <= MAX_FORWARDED_LINES) process.stderr.write(`  daemon: ${line}\n`);
      else if (forwarded === MAX_FORWARDED_LINES + 1) {
        process.stderr.write("  daemon: (further output not shown)\n");
      }
    };
    if (child.stderr) {
      createInterface({ input: child.stderr }).on("line", (line) => {
        launch.onStderrLine?.(line);
        onLine(line);
      });
    }

    return new Promise((resolve, reject) => {
      const fail = (reason: string): void => {
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        const tail = output.length > 0 ? `\n${output.join("\n")}` : "";
        reject(new Error(`the daemon did not start: ${reason}${tail}`));
      };
      const timer = setTimeout(
        () => fail(`no startup line within ${launch.startTimeoutMs} ms`),
        launch.startTimeoutMs,
      );
      child.once("error", (error) => fail(error.message));
      child.once("exit", (code, signal) => {
        if (started === undefined) fail(`it exited (${signal ?? `code ${code}`})`);
      });
      if (child.stdout) {
        createInterface({ input: child.stdout }).on("line", (line) => {
          const addresses = started === undefined ? parseStartupLine(line) : undefined;
          if (addresses === undefined || child.pid === undefined) {
            onLine(line);
            return;
          }
          clearTimeout(timer);
          started = new DaemonProcess(child, child.pid, addresses);
          resolve(started);
        });
      }
    });
  }

  async stats(): Promise<DaemonSnapshot> {
    const response = await fetch(`${this.httpUrl}/api/stats`);
    if (!response.ok) throw new Error(`GET /api/stats answered ${response.status}`);
    const parsed = parseDaemonStats(await response.json());
    if (typeof parsed === "string") throw new Error(parsed);
    return parsed;
  }

  /** From `/proc`, without disturbing the daemon; undefined off Linux. */
  cpuMicros(): Promise<number | undefined> {
    return readProcessCpuMicros(this.pid);
  }

  /** SIGINT (the CLI shuts down cleanly, and `--cpu-prof` writes its profile), then SIGKILL. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#stopping = true;
    this.#child.kill("SIGINT");
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    });
    const forced = await Promise.race([this.#exited.then(() => false), timedOut]);
    clearTimeout(timer);
    if (forced) {
      this.#child.kill("SIGKILL");
      await this.#exited;
    }
  }

  /** Synchronous last resort, for `process.on("exit")`. */
  kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null)
      this.#child.kill("SIGKILL");
  }
}
