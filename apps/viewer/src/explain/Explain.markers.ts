export const EXPLAIN = {
  button: "explain-button",
  popover: "explain-popover",
} as const;
