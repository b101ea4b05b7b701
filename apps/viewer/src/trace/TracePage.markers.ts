export const TRACE_PAGE = {
  root: "trace-page",
  loading: "trace-loading",
  notFound: "trace-not-found",
  error: "trace-error",
  header: "trace-header",
  traceId: "trace-id",
  copyId: "trace-copy-id",
  download: "trace-download",
  /** Opens `/compare` with this trace as A. */
  compare: "trace-compare",
  /** Opens `/compare` with this trace as A and the newest other one of its route as B. */
  compareSameRoute: "trace-compare-same-route",
  back: "trace-back",
  status: "trace-status",
  flags: "trace-flags",
  /** The origin badges of the trace's documents, and the OpenTelemetry "?" when any is a span. */
  sentBy: "trace-sent-by",
  /** What the trace sent that no clock gives, one item each. */
  warnings: "trace-warnings",
  refreshError: "trace-refresh-error",
} as const;
