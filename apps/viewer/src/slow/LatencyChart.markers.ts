export const LATENCY_CHART = {
  root: "latency-chart",
  /** p50 / p90 / p99 and the count, above the chart. */
  summary: "latency-summary",
  /** One per histogram bin; carries `data-from`, `data-to` and `data-count`. */
  bar: "latency-bar",
  /** One per scatter point; carries `data-trace-id`. */
  point: "latency-point",
  histogramMode: "latency-mode-histogram",
  scatterMode: "latency-mode-scatter",
  plot: "latency-plot",
  empty: "latency-empty",
  error: "latency-error",
} as const;
