import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { afterEach } from "vitest";

/**
 * A list to push every child process a test file starts onto; after each test, those still
 * running are killed and awaited.
 */
export function killedAfterEach(): ChildProcess[] {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await once(child, "close");
      }
    }
  });
  return children;
}

/**
 * Resolves once the shell `pid` has exec'd into `sleep`: from then on nothing reaps its
 * children, so a child killed after that stays a zombie.
 */
export async function untilShellIsSleep(pid: number): Promise<void> {
  while (commandOf(pid) !== "sleep") await new Promise((resolve) => setImmediate(resolve));
}

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return undefined;
  }
}
