export const TRACE_PAGE = {
  root: "trace-page",
  loading: "trace-loading",
  notFound: "trace-not-found",
  error: "trace-error",
  header: "trace-header",
  traceId: "trace-id",
  copyId: "trace-copy-id",
  download: "trace-download",
  back: "trace-back",
  status: "trace-status",
  flags: "trace-flags",
  refreshError: "trace-refresh-error",
} as const;
