export const CONNECTION_STATUS = {
  root: "connection-status",
  /** Carries `data-state="connecting" | "live" | "reconnecting" | "paused"`. */
  state: "connection-state",
  traces: "status-traces",
  received: "status-received",
  rejected: "status-rejected",
} as const;
