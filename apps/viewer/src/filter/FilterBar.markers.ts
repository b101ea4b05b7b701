export const FILTER_BAR = {
  root: "filter-bar",
  input: "filter-input",
  /** The parser's message under the input; empty while the filter is valid. */
  error: "filter-error",
  /** The underlined text (or the marker where something is missing). */
  underline: "filter-underline",
  apply: "filter-apply",
  clear: "filter-clear",
  suggestions: "filter-suggestions",
  suggestion: "filter-suggestion",
} as const;
