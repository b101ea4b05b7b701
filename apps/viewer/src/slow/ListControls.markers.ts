export const LIST_CONTROLS = {
  root: "list-controls",
  range: "list-range",
  customFrom: "list-range-from",
  customTo: "list-range-to",
  rangeProblem: "list-range-problem",
  minResponseTime: "list-min-response-time",
  maxResponseTime: "list-max-response-time",
  applyBounds: "list-apply-bounds",
  /** Which order the list is in, and that the daemon sorted it over every kept trace. */
  order: "list-order",
  backToLive: "list-back-to-live",
} as const;
