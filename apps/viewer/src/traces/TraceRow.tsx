import type { TraceId, TraceSummary } from "@xray-sandbox/segments";
import { type MouseEvent, memo } from "react";
import { ProblemBadge } from "../doctor/ProblemBadge.tsx";
import { formatBytes } from "../format/bytes.ts";
import { shownSeconds } from "../format/sent-time.ts";
import { formatDateTime, formatRelativeTime, isoTime } from "../format/time.ts";
import { Warned } from "../format/Warned.tsx";
import { useSummary } from "../live/live-store.ts";
import { OriginBadges } from "../origin/OriginBadge.tsx";
import { entryPointOf } from "./entry-point.ts";
import { FlagBadge } from "./FlagBadge.tsx";
import { ShortTraceId } from "./ShortTraceId.tsx";
import { TRACE_LIST } from "./TraceList.markers.ts";
import { flagsOf, statusClassOf } from "./trace-flags.ts";

export interface TraceRowProps {
  id: TraceId;
  index: number;
  /** Pixels from the top of the list body. */
  top: number;
  selected: boolean;
  now: number;
  onOpen: (id: TraceId, index: number) => void;
  /** Marked as the first of two traces to compare. */
  marked?: boolean;
  /** Shift+click: mark this trace to compare, or compare it with the marked one. */
  onMark?: ((id: TraceId) => void) | undefined;
  /** The summary, when the row is not one of the live list's (a page the daemon sorted). */
  summary?: TraceSummary | undefined;
  /** The row above: its host is not repeated. */
  previous?: TraceSummary | undefined;
  /** The live row above, read from the live store when `previous` is not given. */
  previousId?: TraceId | undefined;
  /** Whether the list shows the Flags column (only when some row has a flag). */
  showFlags?: boolean;
}

function tracePath(id: TraceId): string {
  return `/traces/${encodeURIComponent(id)}`;
}

export function rowElementId(id: TraceId): string {
  return `trace-row-${id}`;
}

/** One trace in the list; re-renders when its own summary changes, not when others do. */
export const TraceRow = memo(function TraceRow({
  id,
  index,
  top,
  selected,
  now,
  onOpen,
  marked = false,
  onMark,
  summary: given,
  previous: givenPrevious,
  previousId,
  showFlags = true,
}: TraceRowProps) {
  const live = useSummary(id);
  const livePrevious = useSummary(previousId ?? id);
  const previous = givenPrevious ?? (previousId === undefined ? undefined : livePrevious);
  const summary = given ?? live;
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    const onLink = event.target instanceof Element && event.target.closest("a") !== null;
    if (event.shiftKey && onMark && !onLink) {
      event.preventDefault();
      onMark(id);
      return;
    }
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    // In the viewer, not a page load (the browser still opens the link in a new tab).
    if (onLink) event.preventDefault();
    onOpen(id, index);
  };
  const common = {
    id: rowElementId(id),
    "aria-rowindex": index + 2,
    "aria-selected": selected,
    "data-testid": TRACE_LIST.row,
    "data-trace-id": id,
    "data-marked": marked ? "true" : undefined,
    className: `trace-row${selected ? " trace-row-selected" : ""}${marked ? " trace-row-marked" : ""}`,
    style: { transform: `translateY(${top}px)` },
    onClick,
  };
  if (!summary) {
    return (
      <tr {...common}>
        <td className="trace-cell trace-cell-muted">{id}</td>
      </tr>
    );
  }
  const entry = entryPointOf(summary);
  const sameHost = previous !== undefined && entryPointOf(previous).origin === entry.origin;
  const status = summary.http?.status;
  const statusClass = statusClassOf(status);
  const services = summary.services.map((service) => service.name);
  return (
    <tr {...common}>
      <td className="trace-cell trace-received trace-time">
        <time
          dateTime={isoTime(summary.firstReceivedAt)}
          title={`Received ${formatDateTime(summary.firstReceivedAt)}`}
        >
          {formatRelativeTime(summary.firstReceivedAt, now)}
        </time>
      </td>
      <td
        className="trace-cell trace-entry"
        title={entry.title}
        data-testid={TRACE_LIST.entryPoint}
      >
        {entry.method && <span className="trace-method">{entry.method}</span>}
        {/* A plain link (the row's click opens the trace): a router Link in every row would
            re-render the rows with every change of the URL, such as a new filter. */}
        <a href={tracePath(id)} className="trace-link" tabIndex={-1}>
          {entry.origin && !sameHost && <span className="trace-origin">{entry.origin}</span>}
          <span className="trace-target">{entry.target}</span>
        </a>
      </td>
      <td
        className={`trace-cell trace-status trace-status-${statusClass}`}
        data-testid={TRACE_LIST.status}
      >
        {status ?? "–"}
      </td>
      <td className="trace-cell trace-duration" data-testid={TRACE_LIST.duration}>
        <ResponseTime summary={summary} />
      </td>
      <td
        className="trace-cell trace-services"
        title={summary.services
          .map((service) => (service.type ? `${service.name} (${service.type})` : service.name))
          .join("\n")}
      >
        {services.join(", ")}
      </td>
      <td className="trace-cell trace-nodes" data-testid={TRACE_LIST.nodes}>
        {summary.segmentCount + summary.subsegmentCount}
      </td>
      <td className="trace-cell trace-size">{formatBytes(summary.bytes)}</td>
      <td className="trace-cell trace-id-cell">
        <ShortTraceId id={id} />
      </td>
      <td className="trace-cell trace-sent-by" data-testid={TRACE_LIST.sentBy}>
        <OriginBadges
          channels={summary.origins}
          compact={summary.origins.length > 1}
          unsampled={summary.unsampled ? "all" : 0}
        />
      </td>
      {showFlags && (
        <td className="trace-cell trace-flags">
          {flagsOf(summary).map((flag) => (
            <FlagBadge key={flag} flag={flag} />
          ))}
          <ProblemBadge counts={summary.problems} />
        </td>
      )}
    </tr>
  );
});

/**
 * The root segment's response time (what the `responsetime` filter and the chart read); the
 * whole trace's duration in the tooltip when it differs, "running" while it has none.
 */
function ResponseTime({ summary }: { summary: TraceSummary }) {
  // A trace that ends before it starts shows no number at all, whichever is negative.
  const negative = summary.duration !== undefined && summary.duration < 0;
  const time = negative ? summary.duration : (summary.responseTime ?? summary.duration);
  if (time === undefined) return <span className="trace-cell-muted">running</span>;
  const shown = shownSeconds(time);
  const differs =
    !negative &&
    summary.duration !== undefined &&
    summary.responseTime !== undefined &&
    Math.abs(summary.duration - summary.responseTime) > 0.0005;
  const notes = [
    ...(summary.warnings.length > 0 ? [summary.warnings.join("\n")] : []),
    ...(differs && summary.duration !== undefined
      ? [`whole trace: ${shownSeconds(summary.duration).text}`]
      : []),
  ];
  if (summary.warnings.length > 0) {
    return <Warned shown={{ text: shown.text, warning: notes.join("\n") }} />;
  }
  return (
    <span title={notes.length > 0 ? notes.join("\n") : undefined}>
      <Warned shown={shown} />
    </span>
  );
}
