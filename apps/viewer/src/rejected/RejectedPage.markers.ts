export const REJECTED = {
  root: "rejected-page",
  table: "rejected-table",
  row: "rejected-row",
  preview: "rejected-preview",
  reason: "rejected-reason",
  empty: "rejected-empty",
  error: "rejected-error",
  showAll: "rejected-show-all",
} as const;
