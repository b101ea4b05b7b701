import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { bindUdp } from "../test/support/udp.ts";

const daemonDir = fileURLToPath(new URL("..", import.meta.url));
const { version } = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
) as {
  version: string;
};

interface Cli {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the exit code once the process has exited and its output is read. */
  readonly exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in stdout, once it appears. */
  waitForStdout(pattern: RegExp): Promise<RegExpMatchArray>;
}

const running: Cli[] = [];

afterEach(() => {
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
  }
});

function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): Cli {
  // One node process with tsx as a loader: signals reach the CLI itself, not a wrapper.
  // In memory: test processes share this working directory, and must not share a data dir.
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "--in-memory", ...args], {
    cwd: daemonDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // "close" comes after "exit" and after stdout/stderr have ended: all output is in by then.
  const exited = once(child, "close").then(([code]) => code as number | null);
  const cli: Cli = {
    child,
    stdout: "",
    stderr: "",
    exited,
    waitForStdout(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = cli.stdout.match(pattern);
          if (match) {
            child.stdout?.off("data", check);
            resolve(match);
          }
        };
        child.stdout?.on("data", check);
        exited.then(() =>
          reject(new Error(`exited before printing ${pattern}:\n${cli.stdout}\n${cli.stderr}`)),
        );
        check();
      });
    },
  };
  child.stdout?.setEncoding("utf8").on("data", (text: string) => {
    cli.stdout += text;
  });
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    cli.stderr += text;
  });
  running.push(cli);
  return cli;
}

async function runToExit(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = startCli(args);
  const code = await cli.exited;
  return { code, stdout: cli.stdout, stderr: cli.stderr };
}

const STARTUP =
  /^xray-sandbox listening: UDP 127\.0\.0\.1:(\d+) \(receive buffer [\d.]+ [KM]iB\), HTTP (http:\/\/127\.0\.0\.1:(\d+)), viewer \2\/(?: \(not built: pnpm build\))? {2}→ {2}export AWS_XRAY_DAEMON_ADDRESS="udp:127\.0\.0\.1:\1 tcp:127\.0\.0\.1:\3"$/m;

function expectOneLineWithoutStack(stderr: string) {
  expect(stderr.endsWith("\n")).toBe(true);
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("xray-sandbox CLI", () => {
  it("prints the real ports, serves /api/health, and exits 0 on SIGTERM", async () => {
    const cli = startCli(["-b", "127.0.0.1:0", "-t", "127.0.0.1:0", "--log-format", "pretty"]);
    const [, udpPort, url] = await cli.waitForStdout(STARTUP);
    expect(Number(udpPort)).toBeGreaterThan(0);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", version });

    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    expect(cli.stdout).toMatch(
      /xray-sandbox stopped \(SIGTERM\): 0 datagrams received, 0 accepted, 0 rejected/,
    );
    expect(cli.stderr).toBe("");
  });

  it("forwards to the targets XRAY_SANDBOX_FORWARD names, and says so at start", async () => {
    const cli = startCli(
      [
        "-b",
        "127.0.0.1:0",
        "-t",
        "127.0.0.1:0",
        "--otlp-http",
        "off",
        "--otlp-grpc",
        "off",
        "--log-format",
        "pretty",
      ],
      { ...process.env, XRAY_SANDBOX_FORWARD: "otlp-http://127.0.0.1:9,udp:127.0.0.1:9" },
    );
    await cli.waitForStdout(
      /Forwarding to otlp-http:\/\/127\.0\.0\.1:9\/v1\/traces, udp:127\.0\.0\.1:9 {2}→ {2}counters: GET \/api\/stats \(forwards\)/,
    );
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });

  it("logs JSON when stdout is not a terminal, and stops on SIGINT too", async () => {
    const cli = startCli(["-b", "127.0.0.1:0", "-t", "127.0.0.1:0"]);
    const [line] = await cli.waitForStdout(/^\{.*"msg":"xray-sandbox listening.*\}$/m);
    const record = JSON.parse(line) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 30, udp: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
  });

  it("refuses an unknown flag with one line and exit code 2", async () => {
    const { code, stdout, stderr } = await runToExit(["--frobnicate"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^xray-sandbox: unknown option '--frobnicate'/);
    expectOneLineWithoutStack(stderr);
  });

  it("refuses a malformed address with one line and exit code 2", async () => {
    const { code, stderr } = await runToExit(["--bind", "127.0.0.1"]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'xray-sandbox: --bind: "127.0.0.1" is not HOST:PORT (e.g. 127.0.0.1:2000)\n',
    );
  });

  it("says which UDP port is taken and exits 1", async () => {
    const busy = await bindUdp();
    try {
      const { code, stdout, stderr } = await runToExit([
        "-b",
        `127.0.0.1:${busy.port}`,
        "-t",
        "127.0.0.1:0",
      ]);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toBe(
        `xray-sandbox: UDP 127.0.0.1:${busy.port} is already in use; pick another with --bind HOST:PORT\n`,
      );
    } finally {
      await busy.close();
    }
  });

  it("prints the package version", async () => {
    const { code, stdout } = await runToExit(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });
});
