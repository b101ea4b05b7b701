import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { killedAfterEach, untilShellIsSleep } from "../../test/support/child-processes.ts";
import {
  currentHolder,
  formatLock,
  holderAlive,
  parseLock,
  parseProcessStat,
  readProcessStat,
  sameHolder,
} from "./lock-holder.ts";

const children = killedAfterEach();

async function started(command: string, args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"] });
  children.push(child);
  await once(child, "spawn");
  return child;
}

describe("the lock file's text", () => {
  it("names the pid and the start time, and reads a lock written before start times", () => {
    expect(formatLock({ pid: 42, startTime: "123456" })).toBe("42 123456\n");
    expect(parseLock("42 123456\n")).toEqual({ pid: 42, startTime: "123456" });
    expect(parseLock("42\n")).toEqual({ pid: 42, startTime: undefined });
    expect(parseLock("")).toBeUndefined();
    expect(parseLock("-3 1")).toBeUndefined();
  });

  it("counts two holders as one process when pid and known start times agree", () => {
    expect(sameHolder({ pid: 1, startTime: "5" }, { pid: 1, startTime: "5" })).toBe(true);
    expect(sameHolder({ pid: 1, startTime: "5" }, { pid: 1, startTime: undefined })).toBe(true);
    expect(sameHolder({ pid: 1, startTime: "5" }, { pid: 1, startTime: "6" })).toBe(false);
    expect(sameHolder({ pid: 1, startTime: "5" }, { pid: 2, startTime: "5" })).toBe(false);
  });
});

describe("/proc/<pid>/stat", () => {
  it("reads state and start time after a command name with spaces and parentheses", () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 4));
    fields[22 - 4] = "987654";
    expect(parseProcessStat(`77 (a) (b c) S ${fields.join(" ")}`)).toEqual({
      state: "S",
      startTime: "987654",
    });
    expect(parseProcessStat("garbage")).toBeUndefined();
  });
});

describe.skipIf(process.platform !== "linux")("holderAlive, with real processes", () => {
  it("holds for this process and for a running one with its start time", async () => {
    expect(holderAlive(currentHolder())).toBe(true);
    const sleeper = await started("sleep", ["600"]);
    const holder = currentHolder(sleeper.pid);
    expect(holder.startTime).toMatch(/^\d+$/);
    expect(holderAlive(holder)).toBe(true);
    expect(holderAlive({ pid: holder.pid, startTime: undefined })).toBe(true);
  });

  it("fails for a pid now used by another process (another start time)", async () => {
    const sleeper = await started("sleep", ["600"]);
    const startTime = currentHolder(sleeper.pid).startTime ?? "0";
    expect(holderAlive({ pid: sleeper.pid ?? 0, startTime: String(BigInt(startTime) - 1n) })).toBe(
      false,
    );
  });

  it("fails for a process killed and never reaped (a zombie)", async () => {
    // The shell starts sleep, prints its pid, then becomes a sleep that never waits for it.
    const parent = await started("sh", ["-c", 'sleep 600 & echo "$!"; exec sleep 601']);
    const [chunk] = (await once(parent.stdout ?? parent, "data")) as [Buffer];
    const pid = Number(chunk.toString("utf8").trim());
    // Until the shell has become sleep it may still reap its child.
    await untilShellIsSleep(parent.pid ?? 0);
    const holder = currentHolder(pid);
    expect(holderAlive(holder)).toBe(true);
    process.kill(pid, "SIGKILL");
    for (let stat = readProcessStat(pid); typeof stat === "object" && stat.state !== "Z"; ) {
      await new Promise((resolve) => setImmediate(resolve));
      stat = readProcessStat(pid);
    }
    expect(readProcessStat(pid)).toMatchObject({ state: "Z" });
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(holderAlive(holder)).toBe(false);
  });

  it("fails for a process that is gone", async () => {
    const quick = await started("true", []);
    await once(quick, "close");
    expect(readProcessStat(quick.pid ?? 0)).toBe("gone");
    expect(holderAlive({ pid: quick.pid ?? 0, startTime: undefined })).toBe(false);
  });
});

describe("holderAlive without /proc", () => {
  it("asks kill(pid, 0)", () => {
    expect(holderAlive({ pid: process.pid, startTime: "1" }, () => "unknown")).toBe(true);
    expect(holderAlive({ pid: 2 ** 30, startTime: "1" }, () => "unknown")).toBe(false);
  });
});
