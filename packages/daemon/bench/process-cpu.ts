/**
 * Another process's CPU time, read from Linux `/proc/<pid>/stat` without asking the process:
 * reading the daemon's own `/api/stats` costs it CPU time (an HTTP request of its own), which
 * would otherwise be billed to ingest.
 */

import { readFile } from "node:fs/promises";

/** `sysconf(_SC_CLK_TCK)`: 100 on every Linux Node supports. */
const TICKS_PER_SECOND = 100;

/** User + system time in microseconds, from the text of `/proc/<pid>/stat`. */
export function parseProcStatCpuMicros(stat: string): number | undefined {
  // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) return undefined;
  return ((user + system) * 1e6) / TICKS_PER_SECOND;
}

/** Undefined where `/proc` does not exist or the process is gone. */
export async function readProcessCpuMicros(pid: number): Promise<number | undefined> {
  try {
    return parseProcStatCpuMicros(await readFile(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}
