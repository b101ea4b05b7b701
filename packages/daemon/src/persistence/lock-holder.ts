/**
 * Who holds a data dir's lock, and whether that process still lives. A pid alone is not
 * enough: a daemon killed with `kill -9` stays a zombie until its parent reaps it (never,
 * under a parent that does not wait or in a container without an init), and `kill(pid, 0)`
 * succeeds on a zombie; and a pid can be reused by an unrelated process. On Linux the lock
 * therefore records the holder's start time too (field 22 of `/proc/<pid>/stat`, clock ticks
 * since boot), and the holder counts as alive only while `/proc/<pid>/stat` shows that same
 * start time and a state other than zombie (`Z`) or dead (`X`). Elsewhere `kill(pid, 0)`
 * decides, as before.
 */

import { readFileSync } from "node:fs";
import { systemErrorCode } from "../errors.ts";

export interface LockHolder {
  readonly pid: number;
  /** Field 22 of `/proc/<pid>/stat` when the system has it: unique per process with the pid. */
  readonly startTime: string | undefined;
}

/** What `/proc/<pid>/stat` says about a process. */
export interface ProcessStat {
  /** `R`, `S`, `D`, `Z` (zombie), `X` (dead), … */
  readonly state: string;
  readonly startTime: string;
}

/** `gone`: no such process; `unknown`: this system has no `/proc` to ask. */
export type ProcessLookup = ProcessStat | "gone" | "unknown";

/** The holder a lock taken by this process names. */
export function currentHolder(pid: number = process.pid): LockHolder {
  const stat = readProcessStat(pid);
  return { pid, startTime: typeof stat === "object" ? stat.startTime : undefined };
}

/** `<pid> <start time>\n`, or `<pid>\n` where there is no start time. */
export function formatLock(holder: LockHolder): string {
  return holder.startTime === undefined ? `${holder.pid}\n` : `${holder.pid} ${holder.startTime}\n`;
}

/** The holder a lock file's text names; a lock from before start times were kept has none. */
export function parseLock(text: string): LockHolder | undefined {
  const [pidText, startTime] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  return {
    pid,
    startTime: startTime !== undefined && /^\d+$/.test(startTime) ? startTime : undefined,
  };
}

/** The same process: the same pid and, where both are known, the same start time. */
export function sameHolder(a: LockHolder, b: LockHolder): boolean {
  if (a.pid !== b.pid) return false;
  return a.startTime === undefined || b.startTime === undefined || a.startTime === b.startTime;
}

/** Whether the process that took the lock is still running (not a zombie, not a newcomer). */
export function holderAlive(
  holder: LockHolder,
  lookup: (pid: number) => ProcessLookup = readProcessStat,
): boolean {
  const stat = lookup(holder.pid);
  if (stat === "gone") return false;
  if (stat === "unknown") return signalable(holder.pid);
  if (stat.state === "Z" || stat.state === "X") return false;
  return holder.startTime === undefined || holder.startTime === stat.startTime;
}

/** `/proc/<pid>/stat`, read; never throws. */
export function readProcessStat(pid: number): ProcessLookup {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === "ENOENT" || code === "ESRCH") return existsProc() ? "gone" : "unknown";
    return "unknown";
  }
  return parseProcessStat(text) ?? "unknown";
}

/**
 * `pid (comm) state ppid … starttime …`: the command name may hold spaces and parentheses,
 * so the fields are counted from the last `)`. The state is field 3, the start time field 22.
 */
export function parseProcessStat(text: string): ProcessStat | undefined {
  const close = text.lastIndexOf(")");
  if (close === -1) return undefined;
  const fields = text.slice(close + 2).split(" ");
  const state = fields[0];
  const startTime = fields[22 - 3];
  if (state === undefined || startTime === undefined || !/^\d+$/.test(startTime)) return undefined;
  return { state, startTime };
}

function existsProc(): boolean {
  try {
    readFileSync("/proc/self/stat", "utf8");
    return true;
  } catch {
    return false;
  }
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return systemErrorCode(error) === "EPERM";
  }
}
