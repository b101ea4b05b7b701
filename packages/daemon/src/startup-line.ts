import { formatHostPort, httpUrl } from "./address.ts";
import type { Daemon } from "./daemon.ts";
import { formatBytes } from "./format-bytes.ts";

/** The one line the CLI prints once both sockets are bound. */
export function startupLine(
  daemon: Pick<
    Daemon,
    "udpAddress" | "httpAddress" | "receiveBufferBytes" | "sdkAddress" | "viewer"
  >,
): string {
  const exportValue = daemon.sdkAddress.includes(" ")
    ? `"${daemon.sdkAddress}"`
    : daemon.sdkAddress;
  const viewerNote = daemon.viewer.built ? "" : " (not built: pnpm build)";
  return (
    `xray-sandbox listening: UDP ${formatHostPort(daemon.udpAddress)} ` +
    `(receive buffer ${formatBytes(daemon.receiveBufferBytes)}), HTTP ${httpUrl(daemon.httpAddress)}, ` +
    `viewer ${daemon.viewer.url}${viewerNote}` +
    `  →  export AWS_XRAY_DAEMON_ADDRESS=${exportValue}`
  );
}
