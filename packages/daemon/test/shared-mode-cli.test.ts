/**
 * The CLI in its own process: a non-loopback --bind-tcp refused without --allow-remote and a
 * token, and started with them; the token from a file, the world-readable warning, and the
 * startup line that says what asks for the token.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "./support/temp-dir.ts";

const daemonDir = fileURLToPath(new URL("..", import.meta.url));
const TOKEN = "cli-shared-token-5e0f7a1c";
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

interface Run {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

function cli(args: readonly string[], env: Record<string, string> = {}): Run {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "src/cli.ts",
      "--in-memory",
      "--log-format",
      "pretty",
      "--otlp-http",
      "off",
      "--otlp-grpc",
      "off",
      "-b",
      "127.0.0.1:0",
      // Free ports; a test's own -t comes later and wins.
      "-t",
      "127.0.0.1:0",
      ...args,
    ],
    { cwd: daemonDir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  running.push(child);
  let output = "";
  const waiters: Array<() => void> = [];
  const append = (text: string) => {
    output += text;
    for (const waiter of waiters) waiter();
  };
  child.stdout?.setEncoding("utf8").on("data", append);
  child.stderr?.setEncoding("utf8").on("data", append);
  const exited = once(child, "close").then(([code]) => code as number | null);
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) resolve(match);
        };
        waiters.push(check);
        check();
        void exited.then(() => reject(new Error(`exited before ${pattern}:\n${output}`)));
      }),
  };
}

function tokenFile(mode: number): string {
  const file = join(tempDir(), "token");
  writeFileSync(file, `${TOKEN}\n`);
  chmodSync(file, mode);
  return file;
}

// Each test starts a process with tsx, which takes seconds on a loaded machine.
describe("the CLI, sharing the sandbox", { timeout: 90_000 }, () => {
  it("refuses --bind-tcp 0.0.0.0 without --allow-remote, in one line with exit code 2", async () => {
    const run = cli(["-t", "0.0.0.0:0"]);
    expect(await run.exited).toBe(2);
    expect(run.output().trimEnd().split("\n")).toHaveLength(1);
    expect(run.output()).toContain("add --allow-remote and a token");
  });

  it("refuses --allow-remote without a token, in one line with exit code 2", async () => {
    const run = cli(["-t", "0.0.0.0:0", "--allow-remote"]);
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(
      /^xray-sandbox: --allow-remote: sharing the sandbox needs a token/,
    );
  });

  it("starts with --allow-remote and a token file, says what asks for it, and asks for it", async () => {
    const run = cli(["-t", "0.0.0.0:0", "--allow-remote", "--auth-token-file", tokenFile(0o600)]);
    const [, url] = await run.waitFor(/HTTP (http:\/\/127\.0\.0\.1:\d+)/);
    await run.waitFor(/^Shared service mode: .+$/m);
    expect(run.output()).not.toContain("may be read by every user");
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/stats`)).status).toBe(401);
    const stats = await fetch(`${url}/api/stats`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(stats.status).toBe(200);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("takes the token from XRAY_SANDBOX_AUTH_TOKEN", async () => {
    const run = cli(["-t", "0.0.0.0:0", "--allow-remote"], { XRAY_SANDBOX_AUTH_TOKEN: TOKEN });
    const [, url] = await run.waitFor(/HTTP (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await fetch(`${url}/api/stats`)).status).toBe(401);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("warns of a token file every user may read, saying how to fix it", async () => {
    const file = tokenFile(0o644);
    const run = cli(["--auth-token-file", file]);
    await run.waitFor(/Shared service mode/);
    expect(run.output()).toContain(`chmod 600 ${file}`);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });
});
