export const TRACE_TOOLS = {
  find: "trace-find",
  /** "3 of 12", "No matches". */
  findCount: "trace-find-count",
  findNext: "trace-find-next",
  findPrevious: "trace-find-previous",
  criticalToggle: "trace-critical-toggle",
  minimap: "trace-minimap",
  /** The zoomed window on the minimap: a slider, arrows pan it, +/- zoom. */
  brush: "trace-minimap-brush",
  zoomIn: "trace-zoom-in",
  zoomOut: "trace-zoom-out",
  zoomReset: "trace-zoom-reset",
  /** One tab per view: timeline, statistics, raw JSON; `data-view` names it. */
  tab: "trace-view-tab",
  stats: "trace-stats",
  statsRow: "trace-stats-row",
  statsMore: "trace-stats-more",
  rawJson: "trace-raw-json",
  copyJson: "trace-copy-json",
  downloadJson: "trace-download-json",
} as const;
