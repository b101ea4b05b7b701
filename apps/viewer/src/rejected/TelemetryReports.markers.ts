export const TELEMETRY = {
  root: "telemetry-reports",
  row: "telemetry-row",
} as const;
