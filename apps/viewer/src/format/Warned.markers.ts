export const WARNED = {
  /** A value shown with a warning mark; `title` says why. */
  mark: "warned",
} as const;
