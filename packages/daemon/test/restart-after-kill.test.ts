/**
 * A daemon killed with `kill -9` leaves its lock file behind, and its process lingers as a
 * zombie until its parent reaps it (which a parent that never waits, or a container without
 * an init, never does). A restart on the same data dir right away must not take that zombie
 * for a running daemon.
 */

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { killedAfterEach, untilShellIsSleep } from "./support/child-processes.ts";
import { startCliProcess } from "./support/cli-process.ts";
import { tempDir } from "./support/temp-dir.ts";

const daemonDir = fileURLToPath(new URL("..", import.meta.url));
/** The shells (then sleeps) started here; the zombie daemon under one goes with it. */
const spawned = killedAfterEach();

/** The state letter of `pid` in /proc (`Z` for a zombie), or undefined when there is none. */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
  } catch {
    return undefined;
  }
}

/**
 * The CLI started by a shell that then execs into `sleep`, a parent that never waits: once the
 * daemon dies, nothing reaps it. Resolves with the daemon's pid once it listens.
 */
async function daemonUnderNonReapingParent(dataDir: string): Promise<number> {
  const command = `'${process.execPath}' --import tsx src/cli.ts -b 127.0.0.1:0 -t 127.0.0.1:0 --log-format pretty --data-dir '${dataDir}' & echo "daemon pid $!"; exec sleep 600`;
  const parent = spawn("sh", ["-c", command], {
    cwd: daemonDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  spawned.push(parent);
  let output = "";
  return new Promise<number>((resolve, reject) => {
    const check = () => {
      const pid = /daemon pid (\d+)/.exec(output)?.[1];
      if (pid !== undefined && output.includes("xray-sandbox listening")) resolve(Number(pid));
    };
    parent.stdout?.setEncoding("utf8").on("data", (text: string) => {
      output += text;
      check();
    });
    parent.stderr?.setEncoding("utf8").on("data", (text: string) => {
      output += text;
    });
    parent.once("close", () => reject(new Error(`the shell exited:\n${output}`)));
  }).then(async (pid) => {
    // Until the shell has become sleep it may still reap its child.
    await untilShellIsSleep(parent.pid ?? 0);
    return pid;
  });
}

describe.skipIf(process.platform !== "linux")("a restart right after kill -9", () => {
  it("takes over the data dir of a daemon its parent never reaps", async () => {
    const dataDir = tempDir();
    const pid = await daemonUnderNonReapingParent(dataDir);
    expect(readFileSync(join(dataDir, "daemon.lock"), "utf8")).toMatch(new RegExp(`^${pid}\\b`));
    process.kill(pid, "SIGKILL");
    // Dead, not reaped: a zombie holding its pid, and kill(pid, 0) still succeeds on it.
    while (processState(pid) !== "Z") await new Promise((resolve) => setImmediate(resolve));
    expect(() => process.kill(pid, 0)).not.toThrow();

    const restarted = await startCliProcess(["--data-dir", dataDir]);
    expect(restarted.output()).toContain("xray-sandbox listening");
    expect(processState(pid)).toBe("Z");
    restarted.child.kill("SIGTERM");
    expect(await restarted.exited).toBe(0);
  });

  it("takes over the data dir of a daemon killed a moment ago", async () => {
    const dataDir = tempDir();
    const first = await startCliProcess(["--data-dir", dataDir]);
    first.child.kill("SIGKILL");
    const second = await startCliProcess(["--data-dir", dataDir]);
    expect(await first.exited).toBe("SIGKILL");
    expect(second.output()).toContain("xray-sandbox listening");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("still refuses the data dir of a daemon that runs", async () => {
    const dataDir = tempDir();
    const running = await startCliProcess(["--data-dir", dataDir]);
    await expect(startCliProcess(["--data-dir", dataDir])).rejects.toThrow(
      new RegExp(`in use by another xray-sandbox \\(pid ${running.child.pid}\\)`),
    );
  });
});
