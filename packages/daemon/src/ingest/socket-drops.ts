/**
 * Datagrams the kernel dropped at one UDP socket because its receive buffer was full: the
 * `drops` column of Linux `/proc/net/udp` (IPv4) or `/proc/net/udp6` (IPv6) for the socket
 * bound to a given local port. Unlike the host-wide `RcvbufErrors`, other programs' sockets
 * do not show up in it.
 */

import { readFile } from "node:fs/promises";

export type UdpFamily = "udp4" | "udp6";

export function parseSocketDrops(table: string, localPort: number): number | undefined {
  for (const line of table.split("\n").slice(1)) {
    const columns = line.trim().split(/\s+/);
    const local = columns[1];
    const port = local?.slice(local.lastIndexOf(":") + 1);
    const drops = columns[12];
    if (port === undefined || drops === undefined || Number.parseInt(port, 16) !== localPort) {
      continue;
    }
    const value = Number(drops);
    return Number.isSafeInteger(value) ? value : undefined;
  }
  return undefined;
}

/** Undefined off Linux, or when no UDP socket of that family is bound to the port. */
export async function readSocketDrops(
  localPort: number,
  family: UdpFamily = "udp4",
): Promise<number | undefined> {
  try {
    const table = family === "udp6" ? "/proc/net/udp6" : "/proc/net/udp";
    return parseSocketDrops(await readFile(table, "utf8"), localPort);
  } catch {
    return undefined;
  }
}
