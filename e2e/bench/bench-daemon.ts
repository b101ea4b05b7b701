/** The daemon the viewer benches open pages against: loopback, any free ports, the built viewer. */

import { startDaemon } from "xray-sandbox";
import { viewerDist } from "../support/paths.ts";

type DaemonOptions = NonNullable<Parameters<typeof startDaemon>[0]>;

/**
 * A silent daemon on ports the system picks, serving `apps/viewer/dist` (or `viewerDir`);
 * `store` sets its bounds.
 */
export function startBenchDaemon(
  store: Pick<DaemonOptions, "maxTraces" | "maxBytes"> = {},
  viewerDir: string = viewerDist,
): ReturnType<typeof startDaemon> {
  return startDaemon({
    udp: { host: "127.0.0.1", port: 0 },
    tcp: { host: "127.0.0.1", port: 0 },
    logLevel: "silent",
    viewerDir,
    ...store,
  });
}
