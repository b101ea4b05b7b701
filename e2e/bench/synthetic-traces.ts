import { datagram, newSegmentId, newTraceId, requestSegment } from "../support/segments.ts";

const PATHS = ["/", "/user", "/orders", "/checkout", "/search", "/health"] as const;
const STATUSES = [200, 200, 200, 200, 200, 200, 201, 404, 429, 500] as const;

/** Of every `STATUSES.length` traces, this many answered 500. */
export const FAULT_SHARE = STATUSES.filter((status) => status === 500).length / STATUSES.length;

/**
 * `count` one-segment traces with a subsegment each, spread over the last `spanSeconds`,
 * every tenth a 500; as datagrams ready to hand to the daemon.
 */
export function syntheticDatagrams(count: number, spanSeconds = 600): Uint8Array[] {
  const now = Date.now() / 1000;
  const datagrams: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const start = now - spanSeconds + (spanSeconds * index) / count;
    const status = STATUSES[index % STATUSES.length] ?? 200;
    const path = PATHS[index % PATHS.length] ?? "/";
    datagrams.push(
      datagram(
        requestSegment({
          traceId: newTraceId(start),
          start,
          path,
          status,
          duration: 0.005 + (index % 50) / 1000,
          annotations: { route: path, shard: index % 16 },
          subsegments: [
            {
              id: newSegmentId(),
              name: "db",
              start_time: start + 0.001,
              namespace: "remote",
              end_time: start + 0.004,
            },
          ],
        }),
      ),
    );
  }
  return datagrams;
}
