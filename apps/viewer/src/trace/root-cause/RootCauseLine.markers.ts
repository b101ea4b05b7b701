/** Test ids of the trace view's root-cause line. */
export const ROOT_CAUSE = {
  line: "root-cause-line",
  /** The link to the node the root cause ends at. */
  link: "root-cause-link",
  /** The CSS that marks that node's row in the timeline. */
  rowMark: "root-cause-row-mark",
} as const;
