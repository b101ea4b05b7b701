import type { DocumentBody, TraceSummary } from "@xray-sandbox/segments";
import { useMemo } from "react";
import { Link } from "react-router";
import { otherOfRoute, routeKey } from "../compare/same-route.ts";
import { Explain } from "../explain/Explain.tsx";
import { countOf } from "../format/count.ts";
import { shownSeconds, shownTime } from "../format/sent-time.ts";
import { Warned } from "../format/Warned.tsx";
import { CopyButton } from "../json/CopyButton.tsx";
import { useLive } from "../live/live-store.ts";
import { traceOriginFacts } from "../origin/document-origins.ts";
import { OriginBadges } from "../origin/OriginBadge.tsx";
import { TRACE_PAGE } from "./TracePage.markers.ts";

export interface TraceHeaderProps {
  summary: TraceSummary;
  /** The trace's stored documents: their origins say which spans were sent unsampled. */
  documents?: readonly DocumentBody[];
}

/**
 * What the trace is at a glance: entry point, status, timing, services, where its documents
 * came from, and its id.
 */
export function TraceHeader({ summary, documents = [] }: TraceHeaderProps) {
  const origins = useMemo(() => traceOriginFacts(documents), [documents]);
  const ids = useLive((state) => state.ids);
  const summaries = useLive((state) => state.summaries);
  const sameRoute = useMemo(() => otherOfRoute(ids, summaries, summary), [ids, summaries, summary]);
  const status = summary.hasFault
    ? "fault"
    : summary.hasThrottle
      ? "throttle"
      : summary.hasError
        ? "error"
        : "ok";
  const http = summary.http;
  const entry =
    http?.url !== undefined ? `${http.method ?? ""} ${pathOf(http.url)}`.trim() : undefined;
  const title = entry ?? summary.root?.name ?? "(no entry point yet)";

  return (
    <header className="trace-header" data-testid={TRACE_PAGE.header}>
      <div className="trace-header-top">
        <Link to="/" className="trace-back" data-testid={TRACE_PAGE.back}>
          ← Traces
        </Link>
        <a
          className="trace-download"
          href={`/api/export?id=${encodeURIComponent(summary.id)}`}
          download={`${summary.id}.ndjson`}
          data-testid={TRACE_PAGE.download}
        >
          Download NDJSON
        </a>
        <Link
          to={`/compare?a=${encodeURIComponent(summary.id)}`}
          className="trace-compare"
          data-testid={TRACE_PAGE.compare}
        >
          Compare with another trace
        </Link>
        {sameRoute !== undefined && (
          <Link
            to={`/compare?a=${encodeURIComponent(summary.id)}&b=${encodeURIComponent(sameRoute)}`}
            className="trace-compare"
            data-testid={TRACE_PAGE.compareSameRoute}
            title={`The newest other trace of ${routeKey(summary)}`}
          >
            Compare with another of this route
          </Link>
        )}
      </div>
      <h1 className="trace-title" title={http?.url ?? title}>
        {summary.root && entry && <span className="trace-entry-service">{summary.root.name}</span>}
        {title}
      </h1>
      <div className="trace-id-line">
        <span className="trace-label">Trace</span>
        <code data-testid={TRACE_PAGE.traceId}>{summary.id}</code>
        <CopyButton label="Copy trace id" text={summary.id} testId={TRACE_PAGE.copyId} />
      </div>
      <dl className="trace-facts">
        <div>
          <dt>Status</dt>
          <dd data-testid={TRACE_PAGE.status} data-status={status}>
            <span className={`trace-badge status-${status}`}>
              {status === "ok" ? "OK" : status}
            </span>
            <Explain topic="error-fault-throttle" />
            {http?.status !== undefined && (
              <span className="trace-http-status">HTTP {http.status}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            {summary.duration === undefined ? (
              "–"
            ) : (
              <Warned shown={shownSeconds(summary.duration)} />
            )}
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <Warned shown={shownTime(summary.startTime)} />
          </dd>
        </div>
        <div>
          <dt>Services</dt>
          <dd>
            {summary.services.length === 0
              ? "–"
              : summary.services.map((service, index) => (
                  <span key={`${service.name}-${service.type ?? ""}`} className="trace-service">
                    {index > 0 && ", "}
                    {service.name}
                    {service.type && <span className="trace-muted"> ({service.type})</span>}
                  </span>
                ))}
          </dd>
        </div>
        {(summary.origins.length > 0 || origins.otel) && (
          <div>
            <dt>Sent by</dt>
            <dd data-testid={TRACE_PAGE.sentBy}>
              <OriginBadges channels={summary.origins} unsampled={origins.unsampled} />
              {origins.otel && (
                <Explain
                  topic="otel-translation"
                  label="Explain: how OpenTelemetry spans became these X-Ray documents"
                />
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>Size</dt>
          <dd>
            {countOf(summary.segmentCount, "segment")},{" "}
            {countOf(summary.subsegmentCount, "subsegment")},{" "}
            {countOf(summary.documentCount, "document")}
          </dd>
        </div>
        {(summary.inProgress || summary.partial) && (
          <div>
            <dt>Flags</dt>
            <dd data-testid={TRACE_PAGE.flags}>
              {summary.inProgress && (
                <span className="trace-flag">
                  <span className="trace-badge trace-badge-progress">in progress</span>
                  <Explain topic="in-progress" />
                </span>
              )}
              {summary.partial && (
                <span className="trace-flag">
                  <span className="trace-badge trace-badge-partial">partial</span>
                  <Explain topic="partial-trace" />
                </span>
              )}
            </dd>
          </div>
        )}
        {summary.warnings.length > 0 && (
          <div className="trace-warnings">
            <dt>Warnings</dt>
            <dd data-testid={TRACE_PAGE.warnings}>
              <ul>
                {summary.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </header>
  );
}

/** The path and query of a URL, or the URL itself when it is not absolute. */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
