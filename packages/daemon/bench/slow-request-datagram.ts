/** The one-segment traces the slow-request benches (`bench:trace-query`, `live-filter.ts`) store. */

import { type Daemon, startDaemon } from "../src/daemon.ts";
import { silentLogger } from "../src/logger.ts";

const HEADER = new TextEncoder().encode('{"format":"json","version":1}\n');

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0").slice(-width);
}

/**
 * Trace `n` of a store of up to a million, spread over the 10 minutes before `now` (epoch
 * seconds): seven services, every tenth a 500 (fault), response times from 5 ms to 2 s and
 * one in 997 eight seconds slower; with `annotations`, `route` and `shard` too.
 */
export function slowRequestDatagram(n: number, now: number, annotations = false): Uint8Array {
  const start = now - 600 + (600 * n) / 1_000_000;
  const status = n % 10 === 9 ? 500 : 200;
  const body = JSON.stringify({
    name: `service-${n % 7}`,
    id: hex(0xabc0000000 + n, 16),
    trace_id: `1-${hex(Math.floor(start), 8)}-${hex(n, 24)}`,
    start_time: start,
    end_time: start + 0.005 + ((n * 7919) % 2000) / 1000 + (n % 997 === 0 ? 8 : 0),
    http: { request: { method: "GET", url: `http://shop/orders/${n % 50}` }, response: { status } },
    ...(annotations ? { annotations: { route: `/orders/${n % 50}`, shard: n % 16 } } : {}),
    ...(status === 500 ? { fault: true } : {}),
  });
  const bytes = new TextEncoder().encode(body);
  const out = new Uint8Array(HEADER.length + bytes.length);
  out.set(HEADER);
  out.set(bytes, HEADER.length);
  return out;
}

/** An in-process daemon on free ports with room for `traces` of them (and some to spare). */
export function startSlowRequestDaemon(traces: number): Promise<Daemon> {
  return startDaemon(
    {
      udp: { host: "127.0.0.1", port: 0 },
      tcp: { host: "127.0.0.1", port: 0 },
      maxTraces: traces + 1000,
      maxBytes: 2 * 1024 ** 3,
    },
    { logger: silentLogger() },
  );
}
