import type { Seconds } from "@xray-sandbox/segments";
import { useEffect, useId, useRef } from "react";
import { Link } from "react-router";
import { countOf } from "../format/count.ts";
import { formatDuration } from "../format/duration.ts";
import { tracesUrl } from "./filter-expressions.ts";
import { LatencyHistogram } from "./LatencyHistogram.tsx";
import { describeMix, outcomeRates } from "./outcome-mix.ts";
import { panelLinks } from "./panel-links.ts";
import type { PanelSubject } from "./panel-subject.ts";
import { SERVICE_MAP_PANEL } from "./ServiceMap.markers.ts";

interface MapDetailsPanelProps {
  /** Undefined when the selected node or edge left the map (another time range or group). */
  subject: PanelSubject | undefined;
  onClose: () => void;
}

const OUTCOME_LABELS = {
  ok: ["OK", "2xx, 3xx"],
  error: ["Error", "4xx"],
  throttle: ["Throttle", "429"],
  fault: ["Fault", "5xx, exception"],
} as const;

/**
 * A service's or a call's numbers over every kept trace in the map's window: requests,
 * outcomes, percentiles, the response-time histogram and links to its traces. Beside the map
 * when the window is wide, a sheet over its bottom at phone width. Escape closes it; focus
 * moves into it when it opens and back to what opened it when it closes.
 */
export function MapDetailsPanel({ subject, onClose }: MapDetailsPanelProps) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<Element | null>(null);

  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    opener.current = document.activeElement;
    heading.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      close.current();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      const back = opener.current;
      if ((back instanceof HTMLElement || back instanceof SVGElement) && back.isConnected) {
        back.focus();
      }
    };
  }, []);

  return (
    <section
      className="map-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      data-testid={SERVICE_MAP_PANEL.root}
    >
      <header className="map-panel-header">
        <h2 id={headingId} ref={heading} tabIndex={-1} data-testid={SERVICE_MAP_PANEL.title}>
          {subject?.title ?? "No longer on the map"}
        </h2>
        <button
          type="button"
          className="map-panel-close"
          aria-label="Close the details (Escape)"
          title="Close (Escape)"
          data-testid={SERVICE_MAP_PANEL.close}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {subject === undefined ? (
        <p className="map-muted">
          No trace in this time range or group goes through it. Pick another range, or close this
          panel.
        </p>
      ) : (
        <PanelBody subject={subject} />
      )}
    </section>
  );
}

function PanelBody({ subject }: { subject: PanelSubject }) {
  const { counts, requests, averageLatency, percentiles, histogram } = subject.statistics;
  const rates = outcomeRates(counts);
  const links = panelLinks(subject.filter, counts, percentiles);
  return (
    <div className="map-panel-body">
      <p className="map-panel-subtitle">{subject.subtitle}</p>
      <p className="map-panel-requests" data-testid={SERVICE_MAP_PANEL.requests}>
        <strong>{countOf(requests, "request")}</strong>
        {averageLatency === undefined ? " completed" : ` · avg ${formatDuration(averageLatency)}`}
      </p>
      <p className="map-visually-hidden">{describeMix(counts)}</p>
      <table className="map-panel-outcomes" data-testid={SERVICE_MAP_PANEL.outcomes}>
        <caption className="map-visually-hidden">Requests by outcome</caption>
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col">Requests</th>
            <th scope="col">Rate</th>
          </tr>
        </thead>
        <tbody>
          {rates.map(({ status, count, rate }) => (
            <tr key={status} data-outcome={status} className={count > 0 ? "" : "map-muted"}>
              <th scope="row">
                <span className={`map-swatch map-swatch-${status}`} aria-hidden="true" />
                {OUTCOME_LABELS[status][0]}{" "}
                <span className="map-muted">{OUTCOME_LABELS[status][1]}</span>
              </th>
              <td>{count}</td>
              <td>{rate}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Response time</h3>
      {percentiles === undefined ? (
        <p className="map-muted">No request completed yet.</p>
      ) : (
        <dl className="map-panel-percentiles" data-testid={SERVICE_MAP_PANEL.percentiles}>
          {(
            [
              ["p50", percentiles.P50],
              ["p90", percentiles.P90],
              ["p99", percentiles.P99],
            ] as const
          ).map(([label, value]) => (
            <div key={label} data-percentile={label}>
              <dt>{label}</dt>
              <dd>{formatDuration(value as Seconds)}</dd>
            </div>
          ))}
        </dl>
      )}
      <LatencyHistogram histogram={histogram} />
      <h3>Traces</h3>
      <ul className="map-panel-links">
        {links.map((link) => (
          <li key={link.label}>
            <Link to={tracesUrl(link.filter)} data-testid={SERVICE_MAP_PANEL.link}>
              {link.label}
            </Link>{" "}
            <code className="map-panel-filter">{link.filter}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
