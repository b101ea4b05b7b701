export const SAMPLING = {
  root: "sampling-page",
  status: "sampling-status",
  ruleRow: "sampling-rule-row",
  clientRow: "sampling-client-row",
  reportRow: "sampling-report-row",
  noClients: "sampling-no-clients",
  explainer: "sampling-explainer",
  error: "sampling-error",
} as const;
