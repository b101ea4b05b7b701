/** Test ids of the trace view's root-cause line. */
export const ROOT_CAUSE = {
  /** `data-kind` fault or error; `data-row-id` the timeline row it marks. */
  line: "root-cause-line",
  /** The link to the node the root cause ends at. */
  link: "root-cause-link",
} as const;
