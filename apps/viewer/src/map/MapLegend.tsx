import { Explain } from "../explain/Explain.tsx";
import { SERVICE_MAP } from "./ServiceMap.markers.ts";

const STATUSES = [
  { status: "ok", label: "OK", detail: "2xx, 3xx" },
  { status: "error", label: "Error", detail: "4xx" },
  { status: "throttle", label: "Throttle", detail: "429" },
  { status: "fault", label: "Fault", detail: "5xx, exception" },
] as const;

/** What the colours, borders and labels of the map mean. */
export function MapLegend() {
  return (
    <aside className="map-legend" aria-label="Legend" data-testid={SERVICE_MAP.legend}>
      <h2>
        Reading the map
        <Explain topic="error-fault-throttle" />
      </h2>
      <p>The ring around each service splits its completed requests by outcome:</p>
      <ul className="map-legend-statuses">
        {STATUSES.map(({ status, label, detail }) => (
          <li key={status}>
            <span className={`map-swatch map-swatch-${status}`} aria-hidden="true" />
            <strong>{label}</strong> <span className="map-muted">{detail}</span>
          </li>
        ))}
        <li>
          <span className="map-swatch map-swatch-none" aria-hidden="true" />
          <strong>Grey</strong> <span className="map-muted">nothing completed yet</span>
        </li>
      </ul>
      <ul className="map-legend-shapes">
        <li>
          <span className="map-shape map-shape-root" aria-hidden="true" />
          <span>
            <strong>Root</strong>: where requests enter (a segment with no caller).
          </span>
        </li>
        <li>
          <span className="map-shape map-shape-inferred" aria-hidden="true" />
          <span>
            <strong>Inferred</strong>: known only from its callers' subsegments.
            <Explain topic="inferred-node" />
          </span>
        </li>
        <li>
          <svg className="map-shape map-shape-arrow" viewBox="0 0 26 16" aria-hidden="true">
            <path d="M1,8 H20" stroke="currentColor" strokeWidth="1.5" />
            <path d="M18,3 L26,8 L18,13 z" fill="currentColor" />
          </svg>
          <span>
            <strong>Arrow</strong>: calls from one service to another, labelled with their count and
            average latency.
          </span>
        </li>
        <li>
          <span className="map-swatch map-swatch-line" aria-hidden="true" />
          <span>
            <strong>Its colours</strong> split the line by outcome in proportion to the calls:
            faults, throttles and errors from the caller's end, then ok up to the arrowhead. 122
            calls with 3 faults draw a green line that starts with a short red stretch; any outcome
            present gets at least a short stretch. Grey dashes: none completed yet. The exact
            numbers are in the arrow's tooltip and its details.
          </span>
        </li>
      </ul>
      <p className="map-muted">
        Click a service or an arrow (or Tab to it and press Enter) for its details: requests,
        outcome rates, p50/p90/p99, a response-time histogram and links to its traces. The map
        follows new traces by itself; services already drawn keep their place. Drag to pan, scroll
        or +/− to zoom, 0 to fit.
      </p>
    </aside>
  );
}
