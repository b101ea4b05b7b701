export const COMPARE = {
  page: "compare-page",
  pane: "compare-pane",
  row: "compare-row",
  counts: "compare-counts",
  picker: "compare-picker",
  pickerItem: "compare-picker-item",
  swap: "compare-swap",
} as const;
