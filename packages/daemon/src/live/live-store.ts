import type { TraceStore } from "@xray-sandbox/segments";

/** The part of the trace store the live stream reads. */
export type LiveStore = Pick<
  TraceStore,
  "getTrace" | "getSummary" | "peekSummary" | "traceIds" | "has"
>;
