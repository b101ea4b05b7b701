export const GROUPS = {
  root: "groups-page",
  create: "groups-create",
  row: "group-row",
  showTraces: "group-show-traces",
  showMap: "group-show-map",
  edit: "group-edit",
  delete: "group-delete",
  confirmDelete: "group-confirm-delete",
  error: "groups-error",
} as const;
