/**
 * The kernel's UDP counters (Linux `/proc/net/snmp`). `RcvbufErrors` counts datagrams dropped
 * because a socket's receive buffer was full: it tells loss at the receiver apart from loss
 * anywhere else. The counters are host-wide, so other traffic on the machine shows up too.
 */

import { readFile } from "node:fs/promises";

export interface KernelUdpCounters {
  readonly inDatagrams: number;
  readonly rcvbufErrors: number;
}

export function parseUdpCounters(snmp: string): KernelUdpCounters | undefined {
  const [names, values] = snmp.split("\n").filter((line) => line.startsWith("Udp:"));
  if (names === undefined || values === undefined) return undefined;
  const keys = names.split(/\s+/).slice(1);
  const numbers = values.split(/\s+/).slice(1).map(Number);
  const field = (name: string): number | undefined => {
    const value = numbers[keys.indexOf(name)];
    return value === undefined || Number.isNaN(value) ? undefined : value;
  };
  const inDatagrams = field("InDatagrams");
  const rcvbufErrors = field("RcvbufErrors");
  if (inDatagrams === undefined || rcvbufErrors === undefined) return undefined;
  return { inDatagrams, rcvbufErrors };
}

/** Undefined where `/proc/net/snmp` does not exist (not Linux) or cannot be read. */
export async function readUdpCounters(): Promise<KernelUdpCounters | undefined> {
  try {
    return parseUdpCounters(await readFile("/proc/net/snmp", "utf8"));
  } catch {
    return undefined;
  }
}
