import { afterEach } from "vitest";
import type { Daemon } from "../../src/daemon.ts";
import { startTestDaemon } from "./daemon.ts";

export interface DaemonsClosedAfterEach {
  /** Starts a test daemon (see `startTestDaemon`) that is closed when the test ends. */
  start(config?: Parameters<typeof startTestDaemon>[0]): Promise<Daemon>;
  /** Closes a daemon started some other way when the test ends. */
  closeAfterTest(daemon: Daemon): void;
}

/** Registers an `afterEach` that closes every daemon the test started through the result. */
export function daemonsClosedAfterEach(): DaemonsClosedAfterEach {
  const running: Daemon[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((daemon) => daemon.close()));
  });
  return {
    async start(config = {}) {
      const daemon = await startTestDaemon(config);
      running.push(daemon);
      return daemon;
    },
    closeAfterTest(daemon) {
      running.push(daemon);
    },
  };
}
