import type { Seconds, TraceDetailBody } from "@xray-sandbox/segments";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { formatDuration } from "../format/duration.ts";
import { OriginBadges } from "../origin/OriginBadge.tsx";
import { traceResolution } from "../trace/time-resolution.ts";
import { useAfterPaint } from "../trace/use-after-paint.ts";
import type { TraceDetailResult } from "../trace/use-trace-detail.ts";
import { entryPointOf } from "../traces/entry-point.ts";
import { COMPARE } from "./Compare.markers.ts";
import { type OutlineRow, traceOutline } from "./compare-outline.ts";

export interface ComparePaneProps {
  readonly id: string;
  /** "A" or "B": names the pane for screen readers and in its heading. */
  readonly label: string;
  /** The trace as read from the daemon (`useTraceDetail(id)`). */
  readonly detail: TraceDetailResult;
}

/** Nodes listed at first in each pane; the rest are counted, with a button to show them. */
export const OUTLINE_SHOWN = 300;

/** One side of the comparison: the trace read from the daemon, as an outline. */
export function ComparePane({ id, label, detail }: ComparePaneProps) {
  const { state, reload } = detail;
  return (
    <section className="compare-pane" data-testid={COMPARE.pane} aria-label={`Trace ${label}`}>
      {state.status === "loading" && (
        <p aria-busy="true">
          Loading trace <code>{id}</code>…
        </p>
      )}
      {state.status === "not-found" && (
        <p role="alert">
          Trace <code>{id}</code> is not in the sandbox: it may have been evicted or cleared.
        </p>
      )}
      {state.status === "error" && (
        <p role="alert">
          Could not load trace <code>{id}</code>: {state.message}{" "}
          <button type="button" onClick={reload}>
            Try again
          </button>
        </p>
      )}
      {state.status === "ready" && <PaneAfterPaint label={label} body={state.body} />}
    </section>
  );
}

/**
 * The outline once the frame that shows the trace has been painted: the aligned outline
 * above, worked out from both traces, comes first.
 */
function PaneAfterPaint({ label, body }: { label: string; body: TraceDetailBody }) {
  const painted = useAfterPaint();
  if (!painted) {
    return (
      <p aria-busy="true">
        Listing the nodes of trace <code>{body.id}</code>…
      </p>
    );
  }
  return <PaneBody label={label} body={body} />;
}

function PaneBody({ label, body }: { label: string; body: TraceDetailBody }) {
  const outline = useMemo(() => traceOutline(body), [body]);
  const resolution = useMemo(() => traceResolution(body), [body]);
  const [showAll, setShowAll] = useState(false);
  const rows = showAll ? outline.rows : outline.rows.slice(0, OUTLINE_SHOWN);
  const formatMs = (ms: number) => formatDuration((ms / 1000) as Seconds, resolution);
  const entry = entryPointOf(body.summary);
  return (
    <>
      <h2 className="compare-pane-title">
        <span className="compare-pane-label">{label}</span>
        <span title={entry.title}>
          {entry.method && <span className="compare-method">{entry.method} </span>}
          {entry.target}
        </span>
      </h2>
      <p className="compare-pane-meta">
        <OriginBadges channels={body.summary.origins} />
        <Link to={`/traces/${encodeURIComponent(body.id)}`} className="compare-trace-link">
          <code>{body.id}</code>
        </Link>
      </p>
      <p className="compare-counts" data-testid={COMPARE.counts}>
        {plural(outline.segments, "segment")}, {plural(outline.subsegments, "subsegment")},{" "}
        {plural(outline.annotations, "annotation")}
        {body.summary.duration !== undefined && (
          <>, {formatMs(body.summary.duration * 1000)} in all</>
        )}
      </p>
      <ol className="compare-outline" aria-label={`Nodes of trace ${label}, in tree order`}>
        {rows.map((row) => (
          <OutlineItem key={row.id} row={row} formatMs={formatMs} />
        ))}
      </ol>
      {outline.rows.length > rows.length && (
        <p className="compare-aligned-more">
          Showing the first {rows.length} of {outline.rows.length} nodes.{" "}
          <button type="button" onClick={() => setShowAll(true)}>
            Show all {outline.rows.length}
          </button>
        </p>
      )}
    </>
  );
}

function OutlineItem({ row, formatMs }: { row: OutlineRow; formatMs: (ms: number) => string }) {
  return (
    <li
      className={`compare-row compare-${row.kind}`}
      data-testid={COMPARE.row}
      data-kind={row.kind}
      data-name={row.name}
      style={{ paddingInlineStart: `${Math.min(row.depth, 12) * 0.9 + 0.4}rem` }}
    >
      <div className="compare-row-head">
        <span className="compare-name">{row.name}</span>
        <span className="compare-kind">{row.kind}</span>
        {row.namespace !== undefined && (
          <span className="compare-tag">namespace {row.namespace}</span>
        )}
        {row.status !== "ok" && (
          <span className={`compare-tag status-${row.status}`}>{row.status}</span>
        )}
        {row.httpStatus !== undefined && <span className="compare-tag">HTTP {row.httpStatus}</span>}
        <span className="compare-duration">
          {row.durationMs === undefined ? "in progress" : formatMs(row.durationMs)}
        </span>
      </div>
      {row.annotations.length > 0 && (
        <p className="compare-detail">
          <span className="compare-detail-label">annotations</span> {row.annotations.join(", ")}
        </p>
      )}
      {row.metadata.length > 0 && (
        <p className="compare-detail">
          <span className="compare-detail-label">metadata</span> {row.metadata.join(", ")}
        </p>
      )}
    </li>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
