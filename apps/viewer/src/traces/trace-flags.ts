import type { TraceSummary } from "@xray-sandbox/segments";

export type TraceFlag = "fault" | "error" | "throttle" | "in-progress" | "partial";

export const FLAG_LABELS: Readonly<Record<TraceFlag, string>> = {
  fault: "Fault",
  error: "Error",
  throttle: "Throttle",
  "in-progress": "In progress",
  partial: "Partial",
};

/** The flags a trace's badges show, most severe first. */
export function flagsOf(summary: TraceSummary): TraceFlag[] {
  const flags: TraceFlag[] = [];
  if (summary.hasFault) flags.push("fault");
  if (summary.hasThrottle) flags.push("throttle");
  if (summary.hasError) flags.push("error");
  if (summary.inProgress) flags.push("in-progress");
  if (summary.partial) flags.push("partial");
  return flags;
}

/** Whether the trace has any flag `flagsOf` would show. */
export function hasFlag(summary: TraceSummary): boolean {
  return (
    summary.hasFault ||
    summary.hasThrottle ||
    summary.hasError ||
    summary.inProgress ||
    summary.partial ||
    (summary.problems?.total ?? 0) > 0
  );
}

export type StatusClass = "ok" | "error" | "throttle" | "fault" | "other";

/** What an HTTP status means for X-Ray: 429 throttle, other 4xx error, 5xx fault. */
export function statusClassOf(status: number | undefined): StatusClass {
  if (status === undefined) return "other";
  if (status === 429) return "throttle";
  if (status >= 500) return "fault";
  if (status >= 400) return "error";
  if (status >= 200 && status < 400) return "ok";
  return "other";
}
