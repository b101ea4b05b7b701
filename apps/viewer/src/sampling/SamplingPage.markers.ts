export const SAMPLING = {
  root: "sampling-page",
  status: "sampling-status",
  ruleRow: "sampling-rule-row",
  clientRow: "sampling-client-row",
  reportRow: "sampling-report-row",
  noClients: "sampling-no-clients",
  explainer: "sampling-explainer",
  error: "sampling-error",
  newRule: "sampling-new-rule",
  editRule: "sampling-edit-rule",
  deleteRule: "sampling-delete-rule",
  confirmDelete: "sampling-confirm-delete",
  keepRule: "sampling-keep-rule",
  changeError: "sampling-change-error",
  /** What the last change did, e.g. "Rule x created.", announced politely. */
  done: "sampling-done",
  ruleCount: "sampling-rule-count",
} as const;
