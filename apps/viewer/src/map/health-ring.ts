import type { ServiceGraphStatistics } from "@xray-sandbox/segments";

export type CallStatus = "ok" | "error" | "throttle" | "fault";

/** Drawing order around the ring, clockwise from twelve o'clock. */
export const CALL_STATUSES: readonly CallStatus[] = ["ok", "error", "throttle", "fault"];

export type CallCounts = Readonly<Record<CallStatus, number>>;

/** X-Ray counts a throttle (429) as an error too; here each request has exactly one status. */
export function callCounts(statistics: ServiceGraphStatistics): CallCounts {
  return {
    ok: statistics.OkCount,
    error: statistics.ErrorStatistics.OtherCount,
    throttle: statistics.ErrorStatistics.ThrottleCount,
    fault: statistics.FaultStatistics.TotalCount,
  };
}

export interface RingSegment {
  readonly status: CallStatus;
  readonly count: number;
  /** 0 to 1. */
  readonly share: number;
  /** Where the segment starts, as a share of the ring already drawn before it. */
  readonly start: number;
}

/** The non-empty statuses with their shares of the requests; empty when nothing completed. */
export function ringSegments(counts: CallCounts): RingSegment[] {
  const total = CALL_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  if (total === 0) return [];
  const segments: RingSegment[] = [];
  let start = 0;
  for (const status of CALL_STATUSES) {
    const count = counts[status];
    if (count === 0) continue;
    segments.push({ status, count, share: count / total, start });
    start += count / total;
  }
  return segments;
}

/** The worst status present: what the map uses to colour a node's name and edges. */
export function worstStatus(counts: CallCounts): CallStatus {
  if (counts.fault > 0) return "fault";
  if (counts.throttle > 0) return "throttle";
  if (counts.error > 0) return "error";
  return "ok";
}
