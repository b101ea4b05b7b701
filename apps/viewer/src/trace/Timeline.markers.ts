export const TIMELINE = {
  root: "timeline",
  /** Every row; `data-name` is the node's name, `data-id` its id. */
  row: "timeline-row",
  caret: "timeline-caret",
  bar: "timeline-bar",
  expandAll: "timeline-expand-all",
  collapseAll: "timeline-collapse-all",
  orphans: "timeline-orphans",
  axis: "timeline-axis",
  /** The facts of the bar under the mouse, or of the selected row from the keyboard. */
  tooltip: "timeline-tooltip",
  legend: "timeline-legend",
} as const;
