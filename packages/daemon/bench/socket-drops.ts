/**
 * Datagrams the kernel dropped at one UDP socket because its receive buffer was full: the
 * `drops` column of Linux `/proc/net/udp` for the socket bound to a given local port. Unlike
 * the host-wide `RcvbufErrors`, other programs' sockets do not show up in it.
 */

import { readFile } from "node:fs/promises";

export function parseSocketDrops(table: string, localPort: number): number | undefined {
  for (const line of table.split("\n").slice(1)) {
    const columns = line.trim().split(/\s+/);
    const port = columns[1]?.split(":")[1];
    const drops = columns[12];
    if (port === undefined || drops === undefined || Number.parseInt(port, 16) !== localPort) {
      continue;
    }
    const value = Number(drops);
    return Number.isSafeInteger(value) ? value : undefined;
  }
  return undefined;
}

/** Undefined off Linux, or when no IPv4 UDP socket is bound to the port. */
export async function readSocketDrops(localPort: number): Promise<number | undefined> {
  try {
    return parseSocketDrops(await readFile("/proc/net/udp", "utf8"), localPort);
  } catch {
    return undefined;
  }
}
