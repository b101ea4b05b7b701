import { countOf, formatCount } from "../format/count.ts";
import { CALL_STATUSES, type CallCounts, type CallStatus } from "./health-ring.ts";

/** One outcome's stretch of an edge's line, as shares of its length from the caller's end. */
export interface StrokePart {
  readonly status: CallStatus;
  readonly from: number;
  readonly to: number;
}

/** Any outcome present gets at least this share of the line, so that one fault shows. */
export const MIN_VISIBLE_SHARE = 0.08;

/** Along the line from the caller: the failures first, clear of the arrowhead, ok last. */
const LINE_ORDER: readonly CallStatus[] = ["fault", "throttle", "error", "ok"];

const NAMES: Readonly<Record<CallStatus, [string, string]>> = {
  ok: ["ok", "ok"],
  error: ["error", "errors"],
  throttle: ["throttle", "throttles"],
  fault: ["fault", "faults"],
};

export function totalOf(counts: CallCounts): number {
  return CALL_STATUSES.reduce((sum, status) => sum + counts[status], 0);
}

/**
 * An edge's line split by outcome, in proportion to the requests: faults, throttles and
 * errors from the caller's end, then ok up to the arrowhead (which would hide a short stretch
 * at the callee's end). A small share is widened to `minShare` so that it can be seen; empty
 * when no request completed.
 */
export function strokeParts(counts: CallCounts, minShare = MIN_VISIBLE_SHARE): StrokePart[] {
  const total = totalOf(counts);
  if (total === 0) return [];
  const present = LINE_ORDER.filter((status) => counts[status] > 0);
  const widened = present.map((status) => Math.max(minShare, counts[status] / total));
  const sum = widened.reduce((a, b) => a + b, 0);
  const parts: StrokePart[] = [];
  let from = 0;
  for (const [index, status] of present.entries()) {
    const share = (widened[index] ?? 0) / sum;
    const to = index === present.length - 1 ? 1 : from + share;
    parts.push({ status, from, to });
    from = to;
  }
  return parts;
}

/** `0 %`, `<0.1 %`, `2.5 %`, `97 %`, `100 %`. */
export function formatRate(count: number, total: number): string {
  if (total <= 0 || count <= 0) return "0 %";
  if (count === total) return "100 %";
  const percent = (count / total) * 100;
  if (percent < 0.1) return "<0.1 %";
  if (percent < 10) return `${percent.toFixed(1)} %`;
  return `${Math.min(99, Math.round(percent))} %`;
}

export interface OutcomeRate {
  readonly status: CallStatus;
  readonly count: number;
  readonly rate: string;
}

/** Every outcome, present or not, with its count and share of the completed requests. */
export function outcomeRates(counts: CallCounts): OutcomeRate[] {
  const total = totalOf(counts);
  return CALL_STATUSES.map((status) => ({
    status,
    count: counts[status],
    rate: formatRate(counts[status], total),
  }));
}

/** In words, for titles and screen readers: `122 requests: 119 ok, 3 faults (2.5 %)`. */
export function describeMix(counts: CallCounts): string {
  const total = totalOf(counts);
  if (total === 0) return "no completed request";
  const parts = CALL_STATUSES.filter((status) => counts[status] > 0).map((status) => {
    const [one, many] = NAMES[status];
    const words = `${formatCount(counts[status])} ${counts[status] === 1 ? one : many}`;
    return status === "ok" ? words : `${words} (${formatRate(counts[status], total)})`;
  });
  return `${countOf(total, "request")}: ${parts.join(", ")}`;
}
