import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.ts";
import { DataDirError } from "../errors.ts";
import { FORMAT_FILE, GITIGNORE_FILE, LOCK_FILE, LOG_FILE, openDataDir } from "./data-dir.ts";

function open(dir: string, pid = 1000, running: readonly number[] = []) {
  return openDataDir(dir, {
    holder: { pid, startTime: undefined },
    isAlive: (other) => running.includes(other.pid),
  });
}

describe("openDataDir", () => {
  it("creates a missing directory and records the format in it", () => {
    const dir = join(tempDir(), "nested", "data");
    const opened = open(dir);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.dataDir.path).toBe(dir);
    expect(opened.dataDir.logPath).toBe(join(dir, LOG_FILE));
    expect(JSON.parse(readFileSync(join(dir, FORMAT_FILE), "utf8"))).toEqual({ format: 2 });
  });

  it("opens a directory of the current format again", () => {
    const dir = tempDir();
    writeFileSync(join(dir, FORMAT_FILE), '{"format": 2}');
    expect(open(dir).ok).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, FORMAT_FILE), "utf8"))).toEqual({ format: 2 });
  });

  it("opens a format 1 directory and records it as format 2 once it holds the lock", () => {
    const dir = tempDir();
    writeFileSync(join(dir, FORMAT_FILE), '{"format": 1}');
    writeFileSync(join(dir, LOCK_FILE), "4242\n");
    expect(open(dir, 1000, [4242]).ok).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, FORMAT_FILE), "utf8"))).toEqual({ format: 1 });
    expect(open(dir).ok).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, FORMAT_FILE), "utf8"))).toEqual({ format: 2 });
  });

  it("refuses a directory written by a newer version, saying what to do", () => {
    const dir = tempDir();
    writeFileSync(join(dir, FORMAT_FILE), '{"format": 3}');
    const opened = open(dir);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error).toBeInstanceOf(DataDirError);
    expect(opened.error.code).toBe("DATA_DIR_UNUSABLE");
    expect(opened.error.message).toBe(
      `data dir ${dir}: it was written by a newer xray-sandbox (data format 3; this one reads formats 1 to 2). Upgrade xray-sandbox, or start with another --data-dir or --in-memory`,
    );
  });

  it("refuses a format file it cannot read", () => {
    const dir = tempDir();
    writeFileSync(join(dir, FORMAT_FILE), "version one");
    const opened = open(dir);
    expect(opened.ok ? "" : opened.error.message).toMatch(
      /format\.json is not \{"format": <version>\}; it holds "version one"/,
    );
  });

  it("refuses a directory another running daemon holds, and takes over a stale lock", () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), "4242\n");
    const held = open(dir, 1000, [4242]);
    expect(held.ok ? "" : held.error.message).toMatch(
      /in use by another xray-sandbox \(pid 4242\)/,
    );

    const stale = open(dir, 1000, []);
    expect(stale.ok).toBe(true);
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toBe("1000\n");
  });

  it("takes over a lock whose holder is gone, and records its own pid and start time", () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), "4242 777\n");
    const opened = openDataDir(dir, { isAlive: (other) => other.pid !== 4242 });
    expect(opened.ok).toBe(true);
    const own = readFileSync(`/proc/${process.pid}/stat`, "utf8");
    const startTime = own.slice(own.lastIndexOf(")") + 2).split(" ")[19];
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toBe(`${process.pid} ${startTime}\n`);
  });

  it("releases its lock, and only its own", () => {
    const dir = tempDir();
    const opened = open(dir, 1000);
    if (!opened.ok) throw opened.error;
    opened.dataDir.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

    const again = open(dir, 1000);
    if (!again.ok) throw again.error;
    writeFileSync(join(dir, LOCK_FILE), "2000\n");
    again.dataDir.release();
    expect(readFileSync(join(dir, LOCK_FILE), "utf8")).toBe("2000\n");
  });

  it("reports a path it cannot create", () => {
    const file = join(tempDir(), "file");
    writeFileSync(file, "");
    const opened = open(join(file, "data"));
    expect(opened.ok ? "" : opened.error.message).toMatch(/cannot create it/);
  });

  it("puts a .gitignore of everything into a directory it creates", () => {
    const dir = join(tempDir(), "nested", ".xray-sandbox");
    if (!open(dir).ok) throw new Error("not opened");
    const lines = readFileSync(join(dir, GITIGNORE_FILE), "utf8").split("\n");
    expect(lines).toContain("*");
  });

  it("leaves a directory that already existed without a .gitignore of its own", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.txt"), "mine");
    if (!open(dir).ok) throw new Error("not opened");
    expect(existsSync(join(dir, GITIGNORE_FILE))).toBe(false);
  });

  it("keeps what the daemon writes out of a git repository it runs in", () => {
    const project = tempDir();
    // Without the machine's or the user's git configuration (a global excludes file, say).
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", project, ...args], { encoding: "utf8", env });
    git("init", "--quiet");
    writeFileSync(join(project, "app.js"), "");
    const opened = open(join(project, ".xray-sandbox"));
    if (!opened.ok) throw opened.error;
    writeFileSync(opened.dataDir.logPath, '{"secret":"token"}\n');
    mkdirSync(join(project, "src"));
    writeFileSync(join(project, "src", "index.js"), "");

    expect(git("status", "--porcelain", "--untracked-files=all").trim().split("\n")).toEqual([
      "?? app.js",
      "?? src/index.js",
    ]);
  });
});
