export const SERVICE_MAP = {
  root: "service-map",
  canvas: "service-map-canvas",
  node: "map-node",
  edge: "map-edge",
  empty: "service-map-empty",
  error: "service-map-error",
  range: "service-map-range",
  group: "service-map-group",
  reload: "service-map-reload",
  zoomIn: "service-map-zoom-in",
  zoomOut: "service-map-zoom-out",
  fit: "service-map-fit",
  rearrange: "service-map-rearrange",
  legend: "service-map-legend",
  /** An edge's line; carries `data-mix`, e.g. `ok:0.940 fault:0.060` (shares of its length). */
  edgeLine: "map-edge-line",
} as const;

/** A node's test id: `map-node:<name>`; the node also carries `data-service-type`. */
export function mapNodeTestId(name: string): string {
  return `${SERVICE_MAP.node}:${name}`;
}

/** An edge's test id: `map-edge:<caller>-><callee>`. */
export function mapEdgeTestId(from: string, to: string): string {
  return `${SERVICE_MAP.edge}:${from}->${to}`;
}

/** The details panel of a clicked node or edge. */
export const SERVICE_MAP_PANEL = {
  root: "map-panel",
  title: "map-panel-title",
  close: "map-panel-close",
  /** "N requests · avg …". */
  requests: "map-panel-requests",
  /** A table with one row per outcome, each carrying `data-outcome`. */
  outcomes: "map-panel-outcomes",
  /** p50/p90/p99, each `div` carrying `data-percentile`. */
  percentiles: "map-panel-percentiles",
  histogram: "map-panel-histogram",
  /** One per link to the trace list. */
  link: "map-panel-link",
} as const;
