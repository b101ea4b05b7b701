/**
 * Another process's CPU time, read from Linux `/proc/<pid>/stat` without asking the process:
 * reading the daemon's own `/api/stats` costs it CPU time (an HTTP request of its own), which
 * would otherwise be billed to ingest.
 */

import { readdir, readFile } from "node:fs/promises";

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

/** Each thread's user + system time in microseconds, by thread id; undefined off Linux. */
export async function readThreadCpuMicros(pid: number): Promise<Map<number, number> | undefined> {
  try {
    const tasks = await readdir(`/proc/${pid}/task`);
    const times = new Map<number, number>();
    await Promise.all(
      tasks.map(async (task) => {
        try {
          const micros = parseProcStatCpuMicros(
            await readFile(`/proc/${pid}/task/${task}/stat`, "utf8"),
          );
          if (micros !== undefined) times.set(Number(task), micros);
        } catch {
          // The thread ended meanwhile.
        }
      }),
    );
    return times;
  } catch {
    return undefined;
  }
}

/** CPU time of a process over a run, split by thread. */
export interface ThreadCpuSplit {
  /** The main thread (its id is the process id): HTTP, and storing what the worker hands over. */
  readonly main: number;
  /** The busiest other thread: in the daemon, its UDP receive worker. */
  readonly busiest: number;
  /** Every other thread: V8's garbage collection helpers, libuv's pool. */
  readonly others: number;
}

export function splitThreadCpu(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
  mainThreadId: number,
): ThreadCpuSplit {
  let main = 0;
  let busiest = 0;
  let total = 0;
  for (const [thread, micros] of after) {
    const used = micros - (before.get(thread) ?? 0);
    total += used;
    if (thread === mainThreadId) main = used;
    else if (used > busiest) busiest = used;
  }
  return { main, busiest, others: total - main - busiest };
}
