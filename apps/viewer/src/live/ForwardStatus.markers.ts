export const FORWARD_STATUS = {
  root: "forward-status",
  summary: "forward-summary",
  /** One per target; carries `data-target` (as `--forward` took it). */
  target: "forward-target",
  error: "forward-error",
} as const;
