import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

const daemonDir = fileURLToPath(new URL("../..", import.meta.url));

export interface CliProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:PORT`, from the startup line. */
  readonly url: string;
  readonly udp: { readonly host: string; readonly port: number };
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | string | null>;
}

const STARTUP = /xray-sandbox listening: UDP 127\.0\.0\.1:(\d+) .*HTTP (http:\/\/127\.0\.0\.1:\d+)/;
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

/** The CLI on free loopback ports, in its own process; resolves once it is listening. */
export async function startCliProcess(args: readonly string[]): Promise<CliProcess> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/cli.ts",
      "-b",
      "127.0.0.1:0",
      "-t",
      "127.0.0.1:0",
      "--log-format",
      "pretty",
      ...args,
    ],
    { cwd: daemonDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  started.push(child);
  let output = "";
  const exited = once(child, "close").then(
    ([code, signal]) => (code ?? signal) as number | string | null,
  );
  const listening = new Promise<RegExpMatchArray>((resolve, reject) => {
    const check = () => {
      const match = STARTUP.exec(output);
      if (match) resolve(match);
    };
    child.stdout?.setEncoding("utf8").on("data", (text: string) => {
      output += text;
      check();
    });
    child.stderr?.setEncoding("utf8").on("data", (text: string) => {
      output += text;
    });
    void exited.then(() => reject(new Error(`the CLI exited before listening:\n${output}`)));
  });
  const [, udpPort, url] = await listening;
  return {
    child,
    url: url ?? "",
    udp: { host: "127.0.0.1", port: Number(udpPort) },
    output: () => output,
    exited,
  };
}
