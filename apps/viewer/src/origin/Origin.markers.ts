export const ORIGIN = {
  /** One per channel; carries `data-channel="xray-sdk" | "otlp-http" | ...`. */
  badge: "origin-badge",
  /** The badges of one trace. */
  badges: "origin-badges",
  /** Spans sent unsampled (ADOT `T1U`); carries `data-count`. */
  unsampled: "origin-unsampled",
} as const;
