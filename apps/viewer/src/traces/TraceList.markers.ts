export const TRACE_LIST = {
  /** Shown while one trace is marked to compare: C or Shift+click on another compares them. */
  compareBar: "trace-compare-bar",
  /** The scrolling grid; focus it to move the selection with the keyboard. */
  root: "trace-list",
  /** One per rendered trace; carries `data-trace-id` and `aria-selected`. */
  row: "trace-row",
  entryPoint: "trace-entry-point",
  status: "trace-status",
  duration: "trace-duration",
  nodes: "trace-nodes",
  /** The short trace id and its copy button. */
  traceId: "trace-id",
  copyId: "trace-copy-id",
  /** A column header's sort button; carries `data-sort`. */
  sortButton: "trace-sort",
  /** Where the trace's documents came from: one origin badge per channel. */
  sentBy: "trace-sent-by",
  /** One per flag; carries `data-flag="fault" | "error" | "throttle" | "in-progress" | "partial"`. */
  flag: "trace-flag",
  flagsHelp: "trace-flags-help",
  /** Below the last row: loading older traces, or why they could not be loaded. */
  older: "trace-list-older",
} as const;

export const TRACES_PAGE = {
  root: "traces-page",
  /** "Showing N of M". */
  count: "traces-count",
  pause: "traces-pause",
  export: "traces-export",
  /** The Import… button, its file input, and the progress shown while an import runs. */
  import: "traces-import",
  importFile: "traces-import-file",
  importProgress: "traces-import-progress",
  clear: "traces-clear",
  confirmClear: "traces-confirm-clear",
  /** No trace received yet: how to send some. */
  emptyNoTraces: "traces-empty",
  /** The filter matches nothing. */
  emptyNoMatch: "traces-no-match",
  /** The URL's filter does not parse. */
  invalidFilter: "traces-invalid-filter",
  clearFilter: "traces-clear-filter",
  /** `AWS_XRAY_DAEMON_ADDRESS=...` in the empty state. */
  daemonAddress: "traces-daemon-address",
  rejectedHint: "traces-rejected-hint",
  group: "traces-group",
  daemonError: "traces-daemon-error",
  /** The daemon cannot be reached (above a list, or as the page's body without one). */
  unreachable: "traces-unreachable",
  /** Shown for a few seconds once the connection is back. */
  reconnected: "traces-reconnected",
  /** Shown while a file is dragged over the page. */
  dropHint: "traces-drop-hint",
} as const;
