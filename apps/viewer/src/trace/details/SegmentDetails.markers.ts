import type { DetailTab } from "./detail-tabs.ts";

export const SEGMENT_DETAILS = {
  panel: "segment-details",
  close: "segment-details-close",
  title: "segment-details-title",
  /** The panel of the selected tab; `data-tab` names it. */
  tabpanel: "detail-tabpanel",
  /** One per metadata namespace; `data-namespace` names it. */
  metadataTree: "metadata-tree",
  annotation: "annotation-row",
  exception: "exception",
  rawJson: "raw-json",
  /** Where the node's document came from, one sentence. */
  rawOrigin: "raw-origin",
  /** The OpenTelemetry span the document was made from: heading, copy button, tree. */
  sourceSpan: "raw-source-span",
  sourceSpanTree: "raw-source-span-tree",
  copySourceSpan: "raw-copy-source-span",
  sqlQuery: "sql-query",
} as const;

/** The test id of each tab button. */
export const DETAIL_TAB_IDS: Readonly<Record<DetailTab, string>> = {
  overview: "detail-tab-overview",
  annotations: "detail-tab-annotations",
  metadata: "detail-tab-metadata",
  exceptions: "detail-tab-exceptions",
  http: "detail-tab-http",
  sql: "detail-tab-sql",
  aws: "detail-tab-aws",
  raw: "detail-tab-raw",
};
