/**
 * `pnpm test:consumer`: uses the packed tarballs the way a user's project does, outside this
 * workspace. It runs `pnpm pack:release`, makes a project under the system's temp dir (an
 * Express service instrumented with the AWS X-Ray SDK, from `project/`), installs the
 * tarballs and the test runners with npm exactly as the README says, and there runs:
 *
 *   - `npx xray-sandbox --version`, then `npx xray-sandbox` on free ports, receiving a
 *     datagram over UDP and listing it at /api/traces (and serving its viewer);
 *   - a vitest, a Jest (CommonJS), a node:test and a Playwright (Chromium) spec, each with
 *     startSandbox(), waitForTrace() and a matcher or assertion;
 *   - the TypeScript compiler over the TypeScript specs, against the packed declarations.
 *
 * Prints each step as it goes; a failing step prints its output. The project is removed at
 * the end (kept, with its path printed, when XRAY_SANDBOX_KEEP_CONSUMER=1).
 */

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TEMPLATE_DIR = fileURLToPath(new URL("./project/", import.meta.url));
const RELEASE_DIR = join(REPO_ROOT, "release");
const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, "packages/daemon/package.json"), "utf8")) as {
    version: string;
  }
).version;
const TARBALLS = [
  `xray-sandbox-${VERSION}.tgz`,
  `xray-sandbox-segments-${VERSION}.tgz`,
  `xray-sandbox-testing-${VERSION}.tgz`,
];
/** The runners as the README installs them (vitest 5 needs Node 22; these run on Node 20). */
const RUNNERS = ["vitest@4", "jest@30", "@playwright/test@1"];
/** What the user's service already depends on before it adds the sandbox. */
const SERVICE_DEPENDENCIES = {
  "aws-xray-sdk-core": "^3.12.0",
  "aws-xray-sdk-express": "^3.12.0",
  express: "^5.1.0",
};
const TIMEOUT_MS = 5 * 60_000;

class StepFailure extends Error {
  constructor(
    message: string,
    readonly output = "",
  ) {
    super(message);
  }
}

interface Finished {
  readonly output: string;
}

/**
 * The environment a user's shell would give: without the variables pnpm sets for the script
 * running this, which would change how npm behaves in the project.
 */
function userEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_)/i.test(key) || key === "INIT_CWD" || key === "NODE_OPTIONS") {
      continue;
    }
    env[key] = value;
  }
  return env;
}

/** Runs a command to its end; rejects with its output unless it exits with 0. */
function run(command: string, args: readonly string[], cwd: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: userEnvironment(), stdio: "pipe" });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new StepFailure(`${command} could not start: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ output });
      else {
        const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
        reject(new StepFailure(`${[command, ...args].join(" ")} failed (${how})`, output));
      }
    });
  });
}

function progress(line: string): void {
  process.stdout.write(`consumer: ${line}\n`);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** Writes the project a user starts from: their service and its dependencies. */
function createProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "xray-sandbox-consumer-"));
  cpSync(TEMPLATE_DIR, dir, { recursive: true });
  const manifest = {
    name: "my-service",
    version: "1.0.0",
    private: true,
    dependencies: SERVICE_DEPENDENCIES,
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

/** The package.json holds the service's dependencies and what the README adds, nothing else. */
function checkManifest(dir: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  } & Record<string, unknown>;
  const devDependencies = Object.keys(manifest.devDependencies ?? {}).sort();
  const expected = [
    "@playwright/test",
    "@xray-sandbox/segments",
    "@xray-sandbox/testing",
    "jest",
    "vitest",
    "xray-sandbox",
  ];
  if (JSON.stringify(devDependencies) !== JSON.stringify(expected)) {
    throw new StepFailure(
      `package.json devDependencies are ${devDependencies.join(", ")}; expected ${expected.join(", ")}`,
    );
  }
  if (JSON.stringify(manifest.dependencies) !== JSON.stringify(SERVICE_DEPENDENCIES)) {
    throw new StepFailure(`package.json dependencies changed: ${JSON.stringify(manifest)}`);
  }
}

const STARTUP =
  /xray-sandbox listening: UDP 127\.0\.0\.1:(\d+) .*?HTTP (http:\/\/127\.0\.0\.1:\d+)/;

/** Starts `npx xray-sandbox` on free ports; resolves with its ports once it prints them. */
function startCli(dir: string): Promise<{
  child: ChildProcess;
  udpPort: number;
  url: string;
  startupLine: string;
  output: () => string;
}> {
  return new Promise((resolve, reject) => {
    // Its own process group: npx and the daemon under it stop together.
    const child = spawn("npx", ["xray-sandbox", "-b", "127.0.0.1:0", "-t", "127.0.0.1:0"], {
      cwd: dir,
      env: userEnvironment(),
      stdio: "pipe",
      detached: true,
    });
    let output = "";
    const timer = setTimeout(() => {
      stopGroup(child);
      reject(new StepFailure("npx xray-sandbox printed no startup line within 60 s", output));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = STARTUP.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.on("data", (more: Buffer) => {
          output += more.toString("utf8");
        });
        const line = output.slice(match.index).split("\n")[0] ?? "";
        resolve({
          child,
          udpPort: Number(match[1]),
          url: match[2] ?? "",
          startupLine: line,
          output: () => output,
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new StepFailure(`npx could not start: ${error.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new StepFailure(`npx xray-sandbox exited (code ${code}) before it listened`, output));
    });
  });
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function sendDatagram(port: number, traceId: string): Promise<void> {
  const start = Date.now() / 1000;
  const segment = {
    trace_id: traceId,
    id: randomBytes(8).toString("hex"),
    name: "consumer-cli-check",
    start_time: start,
    end_time: start + 0.01,
  };
  const socket = createSocket("udp4");
  return new Promise((resolve, reject) => {
    socket.send(
      `{"format":"json","version":1}\n${JSON.stringify(segment)}`,
      port,
      "127.0.0.1",
      (error) => {
        socket.close();
        if (error) reject(error);
        else resolve();
      },
    );
  });
}

/** Polls `read` until it returns a value; gives up with the last reason after `timeoutMs`. */
async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let lastError = "";
  while (performance.now() < deadline) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new StepFailure(`${what} did not happen within ${timeoutMs} ms ${lastError}`.trim());
}

async function checkCli(dir: string): Promise<string> {
  const cli = await startCli(dir);
  try {
    if (cli.startupLine.includes("not built")) {
      throw new StepFailure(`the packed daemon has no viewer: ${cli.startupLine}`);
    }
    const traceId = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
    await sendDatagram(cli.udpPort, traceId);
    await eventually(async () => {
      const response = await fetch(`${cli.url}/api/traces`);
      const body = (await response.json()) as { traces?: { id?: string }[] };
      return body.traces?.some((trace) => trace.id === traceId) === true ? true : undefined;
    }, `trace ${traceId} at ${cli.url}/api/traces`);
    // The datagram came in through the receive worker, which the packed daemon must find and
    // start from its own files: the stats show it running without a restart.
    const stats = (await (await fetch(`${cli.url}/api/stats`)).json()) as {
      udp?: { workerRestarts?: number; queue?: { maxBytes?: number } };
    };
    if (stats.udp?.workerRestarts !== 0 || !(Number(stats.udp?.queue?.maxBytes) > 0)) {
      throw new StepFailure(
        `the receive worker is not running as it should: ${JSON.stringify(stats.udp)}`,
      );
    }
    const page = await (await fetch(`${cli.url}/`)).text();
    if (!page.includes('<div id="root">')) {
      throw new StepFailure(`GET / is not the viewer:\n${page.slice(0, 400)}`);
    }
    const gitignore = join(dir, ".xray-sandbox", ".gitignore");
    if (!existsSync(gitignore) || !readFileSync(gitignore, "utf8").split("\n").includes("*")) {
      throw new StepFailure(`the data dir has no .gitignore of everything (${gitignore})`);
    }
    return `${cli.startupLine.slice(0, 80)}…; trace ${traceId} listed`;
  } catch (error) {
    if (error instanceof StepFailure && error.output === "") {
      throw new StepFailure(error.message, cli.output());
    }
    throw error;
  } finally {
    const exited = new Promise((resolve) => cli.child.once("exit", resolve));
    stopGroup(cli.child);
    const killer = setTimeout(() => stopGroup(cli.child, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(killer);
  }
}

function tsc(): string {
  return createRequire(join(REPO_ROOT, "package.json")).resolve("typescript/bin/tsc");
}

async function main(): Promise<number> {
  const started = performance.now();
  let project: string | undefined;
  const steps: [string, (dir: string) => Promise<string | undefined>][] = [
    [
      "install the tarballs and the test runners with npm",
      async (dir) => {
        await run(
          "npm",
          [
            "install",
            "--save-dev",
            "--no-audit",
            "--no-fund",
            "--prefer-offline",
            ...TARBALLS.map((name) => join(RELEASE_DIR, name)),
            ...RUNNERS,
          ],
          dir,
        );
        checkManifest(dir);
        return undefined;
      },
    ],
    [
      "npx xray-sandbox --version",
      async (dir) => {
        const { output } = await run("npx", ["xray-sandbox", "--version"], dir);
        if (output.trim() !== VERSION) {
          throw new StepFailure(`printed ${JSON.stringify(output.trim())}, not ${VERSION}`);
        }
        return output.trim();
      },
    ],
    ["npx xray-sandbox receives a datagram over UDP", checkCli],
    ["vitest spec", (dir) => run("npx", ["vitest", "run", "vitest/"], dir).then(() => undefined)],
    ["Jest spec (CommonJS)", (dir) => run("npx", ["jest", "jest/"], dir).then(() => undefined)],
    [
      "node:test spec",
      (dir) =>
        run(process.execPath, ["--test", "node-test/user-trace.test.mjs"], dir).then(
          () => undefined,
        ),
    ],
    [
      "Playwright spec in Chromium",
      (dir) => run("npx", ["playwright", "test"], dir).then(() => undefined),
    ],
    [
      "TypeScript specs against the packed declarations",
      (dir) => run(process.execPath, [tsc(), "-p", "tsconfig.json"], dir).then(() => undefined),
    ],
  ];
  const total = steps.length + 2;
  let current = "pnpm pack:release";
  try {
    let at = performance.now();
    progress(`[1/${total}] pnpm pack:release`);
    const packed = await run("pnpm", ["pack:release"], REPO_ROOT);
    for (const line of packed.output.split("\n").filter((text) => text.includes(".tgz"))) {
      progress(`        ${line.trim()}`);
    }
    for (const name of TARBALLS) {
      if (!existsSync(join(RELEASE_DIR, name))) {
        throw new StepFailure(`pnpm pack:release wrote no ${name}`, packed.output);
      }
    }
    progress(`        done in ${seconds(at)}`);

    current = "create the project";
    project = createProject();
    progress(`[2/${total}] a project outside the workspace: ${project}`);

    for (const [index, [name, step]] of steps.entries()) {
      current = name;
      at = performance.now();
      progress(`[${index + 3}/${total}] ${name}`);
      const note = await step(project);
      progress(`        ${note === undefined ? "" : `${note}; `}done in ${seconds(at)}`);
    }
    progress(`all steps passed in ${seconds(started)}`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nconsumer: FAILED at "${current}": ${message}\n`);
    if (error instanceof StepFailure && error.output !== "") {
      process.stderr.write(`--- output ---\n${error.output.trimEnd()}\n--- end of output ---\n`);
    }
    return 1;
  } finally {
    if (project !== undefined) {
      if (process.env.XRAY_SANDBOX_KEEP_CONSUMER === "1") progress(`kept ${project}`);
      else rmSync(project, { recursive: true, force: true });
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`consumer: unexpected failure: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
