/**
 * A daemon for the browser: free UDP and TCP ports, no log output, serving the built viewer.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Daemon, startDaemon } from "xray-sandbox";
import { viewerDist } from "./paths.ts";

type DaemonConfig = NonNullable<Parameters<typeof startDaemon>[0]>;

/** Starts the daemon with `config` on top; fails with a hint when the viewer is not built. */
export async function startViewerDaemon(config: DaemonConfig = {}): Promise<Daemon> {
  if (!existsSync(join(viewerDist, "index.html"))) {
    throw new Error(`no built viewer in ${viewerDist}: run \`pnpm build\` first`);
  }
  return startDaemon({
    udp: { host: "127.0.0.1", port: 0 },
    tcp: { host: "127.0.0.1", port: 0 },
    logLevel: "silent",
    viewerDir: viewerDist,
    ...config,
  });
}

/** A Playwright fixture body: the viewer daemon, closed once the fixture's scope ends. */
export function viewerDaemonFixture(
  config: DaemonConfig = {},
): (dependencies: object, use: (daemon: Daemon) => Promise<void>) => Promise<void> {
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; the daemon has none
  return async ({}, use) => {
    const daemon = await startViewerDaemon(config);
    try {
      await use(daemon);
    } finally {
      await daemon.close();
    }
  };
}
