export const COMPARE = {
  page: "compare-page",
  pane: "compare-pane",
  row: "compare-row",
  counts: "compare-counts",
  picker: "compare-picker",
  pickerItem: "compare-picker-item",
  swap: "compare-swap",
  /** Both trees in one outline; each row's `data-presence` is both, a or b. */
  aligned: "compare-aligned",
  alignedSummary: "compare-aligned-summary",
  alignedRow: "compare-aligned-row",
  alignedDelta: "compare-aligned-delta",
} as const;
