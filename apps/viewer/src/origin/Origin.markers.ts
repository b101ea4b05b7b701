export const ORIGIN = {
  /** One per channel; carries `data-channel="xray-sdk" | "otlp-http" | ...`. */
  badge: "origin-badge",
  /** A badge's visible text: the label on wide screens, the short code at phone width. */
  label: "origin-badge-label",
  short: "origin-badge-short",
  /** The badges of one trace. */
  badges: "origin-badges",
  /** Spans sent unsampled (ADOT `T1U`); carries `data-count`. */
  unsampled: "origin-unsampled",
} as const;
