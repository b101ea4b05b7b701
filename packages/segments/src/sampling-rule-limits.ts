/**
 * X-Ray's limits on a sampling rule, in one place: the daemon checks every rule it is given
 * against them, and the viewer checks a rule as it is typed with the same numbers.
 */

/** Matchers, each `*` (anything) unless given, and the most characters each may have. */
export const SAMPLING_MATCHER_MAX_CHARS = Object.freeze({
  ResourceARN: 500,
  ServiceName: 64,
  ServiceType: 64,
  Host: 64,
  HTTPMethod: 10,
  URLPath: 128,
} as const);

export type SamplingMatcherField = keyof typeof SAMPLING_MATCHER_MAX_CHARS;

export const SAMPLING_RULE_LIMITS = Object.freeze({
  /** Characters of a rule's name. */
  maxRuleNameChars: 32,
  /** Priorities of the rules a user adds; `Default` has 10000, after every other. */
  minPriority: 1,
  maxPriority: 9999,
  /** Characters of an attribute's name, and of the value it must match. */
  maxAttributeChars: 32,
  /** Rules besides `Default`. */
  maxRules: 25,
} as const);

/** The rule every request falls back to; only its rate and reservoir can change. */
export const DEFAULT_SAMPLING_RULE_NAME = "Default";
